package com.greenroom.onboarding;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class OnboardingBrowserTest extends BrowserTest {

	@Autowired
	Checklists checklists;

	@Test
	void theCreatorPageShowsTheChecklistWithProgressAndSafelyRenderedGuidance() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR", ana.id());
		await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find("c-1").isPresent());
		signIn("ana", TestData.PASSWORD);

		page.navigate(url("/creators/c-1"));

		assertThat(page.locator("#onboarding-panel")).containsText("Creator onboarding · v1");
		assertThat(page.locator("#onboarding-progress")).containsText("0 of 5 required steps done");
		assertThat(page.locator("#onboarding-steps tbody tr")).hasCount(8);
		page.locator("#onboarding-steps").getByText("Welcome call").click();
		assertThat(page.locator("tr[data-step='welcome-call'] .guidance strong")).hasText("first-week plan");
		assertAccessible("creator onboarding");
		screenshot("creator-onboarding");

		page.navigate(url("/creators"));
		assertThat(page.locator("#roster-table tr[data-creator-id='c-1'] td.onboarding")).containsText("0/5");
	}

	@Test
	void anAdminDraftsAndPublishesANewVersionOfTheGlobalTemplate() {
		signIn("admin", "admin-password-for-tests");

		page.navigate(url("/admin/onboarding"));
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Creator onboarding").setExact(true)).click();
		assertThat(page.locator("h1")).hasText("Creator onboarding · v1");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create new draft version")).click();
		assertThat(page.locator("h1")).hasText("Creator onboarding · v2");

		page.getByLabel("Step 1 title").fill("Welcome video call");
		page.getByLabel("Step 2 counted after").fill("first-stream-support");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft")).click();
		assertThat(page.getByRole(AriaRole.ALERT))
			.containsText("steps[1].after: forms a cycle of due dates: profile-setup → first-stream-support → profile-setup");

		page.getByLabel("Step 2 counted after").fill("");
		page.getByLabel("Step 1 message template").fill("no-such-template");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft")).click();
		assertThat(page.getByRole(AriaRole.ALERT))
			.containsText("steps[0].templateKey: is not a known communication template: no-such-template");
		assertAccessible("onboarding template draft");

		page.getByLabel("Step 1 message template").fill("");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved draft v2");
		page.locator("#publish").click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Published v2");
		assertThat(page.locator("#steps-table")).containsText("Welcome video call");
		assertAccessible("onboarding template");
		screenshot("onboarding-template");
	}
}
