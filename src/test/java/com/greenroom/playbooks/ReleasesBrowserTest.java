package com.greenroom.playbooks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.greenroom.identity.Role;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;

class ReleasesBrowserTest extends BrowserTest {

	@Test
	void aLeadRecordsAReleaseAndEachAffectedPlaybooksChangeRequestLinksBothWays() {
		data.user("lena", List.of(Role.REGIONAL_LEAD.name()), "LATAM");
		signIn("lena", TestData.PASSWORD);
		page.navigate(url("/playbooks"));
		page.locator("#releases-link").click();
		assertThat(page.locator("h1")).hasText("Releases");
		assertAccessible("releases, none yet");

		// a release needs a name, a date and at least one playbook: refused, nothing recorded, the form kept
		page.locator("#release-name").fill("Gifts 2.0");
		page.locator("#release-date").fill("2026-12-01");
		page.locator("#record-release").click();
		assertThat(page.locator(".flash.error")).containsText("affected playbook");
		assertThat(page.locator("#release-name")).hasValue("Gifts 2.0");
		assertThat(page.locator("#releases-table")).hasCount(0);

		page.getByLabel("Issue resolution timelines").check();
		page.getByLabel("Creator communication").check();
		page.locator("#release-notes").fill("Combo gifts; refunds now take 3 days");
		page.locator("#record-release").click();

		assertThat(page.locator("h1")).hasText("Gifts 2.0");
		assertThat(page.locator("#release-notes")).hasText("Combo gifts; refunds now take 3 days");
		assertThat(page.locator("#affected-table tbody tr")).hasCount(2);
		assertThat(page.locator("#affected-table [data-playbook='issue-resolution-timelines']")).containsText("Open");
		assertAccessible("release page");
		screenshot("release-laptop");
		page.setViewportSize(390, 844);
		screenshot("release-phone");
		page.setViewportSize(1366, 860);

		page.locator("#affected-table [data-playbook='issue-resolution-timelines'] a[href*='change-request-']").click();
		assertThat(page.locator("h1")).containsText("Issue resolution");
		var request = page.locator("#change-requests-table tr[id^='change-request-']").filter(
				new com.microsoft.playwright.Locator.FilterOptions().setHasText("Release Gifts 2.0"));
		assertThat(request).hasCount(1);
		request.locator("a[href^='/releases/']").click();
		assertThat(page.locator("h1")).hasText("Gifts 2.0");

		page.navigate(url("/releases"));
		assertThat(page.locator("#releases-table")).containsText("Gifts 2.0");
		assertThat(page.locator("#releases-table")).containsText("creator-communication");
		assertAccessible("releases list");
	}
}
