package com.greenroom.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class SignInThrottleBrowserTest extends BrowserTest {

	@Autowired
	TestClock clock;

	@Test
	void afterFiveWrongPasswordsTheLoginPageSaysToWait() {
		data.manager("forgetful", "LATAM");
		for (int i = 0; i < 5; i++) {
			page.navigate(url("/login"));
			page.getByLabel("Username").fill("forgetful");
			page.getByLabel("Password").fill("not-my-password-" + i);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		}

		assertThat(page).hasURL(url("/login?throttled"));
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("Too many failed sign-ins");
		screenshot("login-throttled");
		assertAccessible("login page, throttled");

		clock.advance(Duration.ofMinutes(15));
		signIn("forgetful", TestData.PASSWORD);
		assertThat(page).not().hasURL(java.util.regex.Pattern.compile(".*/login.*"));
	}
}
