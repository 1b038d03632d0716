package com.greenroom.incidents;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.Role;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;

class IncidentsBrowserTest extends BrowserTest {

	@Test
	void aLeadDeclaresAnIncidentNotesItMitigatesItRecordsALessonAndResolvesItWithTheOutcome() {
		data.user("lena", List.of(Role.REGIONAL_LEAD.name()), "LATAM");
		signIn("lena", TestData.PASSWORD);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Incidents").setExact(true)).click();
		assertAccessible("incident list, empty");

		page.getByLabel("Title").fill("Gifts fail in Brazil");
		page.getByLabel("Severity").selectOption("SEV1");
		page.getByLabel("Latin America").check();
		page.getByLabel("What is happening").fill("Payment provider returns 503");
		page.locator("#declare").click();

		assertThat(page.locator("h1")).containsText("Gifts fail in Brazil");
		assertThat(page.locator("#status")).hasText("Investigating");
		assertThat(page.locator("#timeline")).containsText("SEV1 declared in LATAM: Payment provider returns 503");

		page.getByLabel("Add to the timeline").fill("Provider confirms the outage");
		page.locator("#add-entry").click();
		assertThat(page.locator("#timeline")).containsText("Provider confirms the outage");

		page.locator("#status-select").selectOption(new SelectOption().setLabel("Mitigated"));
		page.locator("#save-change").click();
		assertThat(page.locator("#status")).hasText("Mitigated");

		page.getByLabel("Lesson").fill("Fail over to the backup provider after 5 minutes");
		page.getByLabel("Playbook to change").selectOption("issue-resolution-timelines");
		page.locator("#add-lesson").click();
		assertThat(page.locator("#lessons-table")).containsText("issue-resolution-timelines");
		assertThat(page.locator("#lessons-table")).containsText("LATAM");

		// resolving without an outcome is refused and says why
		page.locator("#status-select").selectOption(new SelectOption().setLabel("Resolved"));
		page.locator("#save-change").click();
		assertThat(page.locator(".flash.error")).containsText("outcome");
		assertThat(page.locator("#status")).hasText("Mitigated");

		page.locator("#status-select").selectOption(new SelectOption().setLabel("Resolved"));
		page.locator("#outcome-input").fill("Switched to the backup provider; 42 minutes of failed gifts");
		page.locator("#save-change").click();
		assertThat(page.locator("#status")).hasText("Resolved");
		assertThat(page.locator("#outcome")).containsText("backup provider");
		assertAccessible("incident page");
		screenshot("incident-laptop");
		page.setViewportSize(390, 844);
		screenshot("incident-phone");
		page.setViewportSize(1366, 860);

		page.navigate(url("/today"));
		assertThat(page.locator("body")).containsText("issue-resolution-timelines");
		page.navigate(url("/incidents"));
		assertThat(page.locator("#incidents-table")).containsText("Gifts fail in Brazil");
		assertAccessible("incident list");
	}
}
