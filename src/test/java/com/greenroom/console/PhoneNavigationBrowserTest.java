package com.greenroom.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;

class PhoneNavigationBrowserTest extends BrowserTest {

	@Test
	void atPhoneWidthTheNavigationHidesBehindAMenuButtonThatTheKeyboardOpensAndEscapeCloses() {
		data.manager("ana", "LATAM");
		signIn("ana", TestData.PASSWORD);
		page.setViewportSize(390, 844);
		page.navigate(url("/"));

		Locator menu = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu"));
		Locator midTier = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mid-tier"));
		assertThat(menu).isVisible();
		assertThat(menu).hasAttribute("aria-expanded", "false");
		assertThat(midTier).isHidden();
		assertAccessible("home at 390 px, menu closed");

		menu.focus();
		page.keyboard().press("Enter");
		assertThat(menu).hasAttribute("aria-expanded", "true");
		assertThat(midTier).isVisible();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
		assertAccessible("home at 390 px, menu open");
		screenshot("phone-menu-open");

		page.keyboard().press("Escape");
		assertThat(menu).hasAttribute("aria-expanded", "false");
		assertThat(menu).isFocused();
		assertThat(midTier).isHidden();

		menu.click();
		midTier.click();
		assertThat(page.locator("h1")).hasText("Mid-tier creators");
		assertThat(menu).hasAttribute("aria-expanded", "false");
	}

	@Test
	void atLaptopWidthTheNavigationIsAlwaysShownAndThereIsNoMenuButton() {
		signIn("admin", "admin-password-for-tests");
		page.navigate(url("/"));
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu"))).isHidden();
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mid-tier"))).isVisible();
		page.locator("summary", new Page.LocatorOptions().setHasText("Admin")).click();
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit log"))).isVisible();
	}
}
