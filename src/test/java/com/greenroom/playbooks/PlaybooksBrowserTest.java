package com.greenroom.playbooks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;

class PlaybooksBrowserTest extends BrowserTest {

	private static final String ADMIN_PASSWORD = "admin-password-for-tests";

	private void click(String button) {
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
	}

	@Test
	void aManagerSearchesTheLibraryAndReadsCurrentGuidanceWithItsContents() {
		data.manager("ana", "LATAM");
		signIn("ana", TestData.PASSWORD);

		page.navigate(url("/playbooks"));
		assertThat(page.locator("#playbooks-table tbody tr")).hasCount(4);
		assertAccessible("playbook library");
		page.getByLabel("Search current guidance").fill("escalation map");
		click("Search");
		assertThat(page.locator("#search-results li")).hasCount(1);
		assertThat(page.locator("#search-results mark").first()).hasText("escalation");
		assertAccessible("playbook search");

		page.locator("#search-results a").first().click();
		assertThat(page.locator("h1")).hasText("Issue resolution timelines");
		assertThat(page.locator("#guidance-source")).containsText("Current guidance for LATAM: global playbook v1");
		page.locator("nav.toc").getByText("After an incident").click();
		assertThat(page).hasURL(java.util.regex.Pattern.compile("#h-after-an-incident$"));
		assertThat(page.locator("#new-draft")).hasCount(0);
		assertAccessible("playbook guidance");
		screenshot("playbook-guidance");
	}

	@Test
	void aLeadDraftsAChangeThatAnsweresARequestAndAnAdminApprovesAndPublishesIt() {
		data.user("lena", List.of("REGIONAL_LEAD"), "LATAM");
		signIn("lena", TestData.PASSWORD);
		page.navigate(url("/playbooks/event-calendar-formats"));
		page.getByLabel("Request a change").fill("PK battles need a safety note");
		click("Raise");
		assertThat(page.locator("#change-requests-table")).containsText("PK battles need a safety note");

		click("Start a new draft");
		assertThat(page.locator("h1")).hasText("Event calendar formats · v2");
		page.getByLabel("Change summary").fill("Safety note for PK battles");
		page.getByLabel("Guidance").fill("# Event calendar formats\n\n## PK battles\n\nA moderator watches every PK battle.");
		page.getByText("PK battles need a safety note").click();
		click("Save draft");
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved draft v2");
		assertAccessible("playbook draft editor");
		click("Submit for approval");
		assertThat(page.locator("#version-status")).hasText("In review");
		assertThat(page.locator("#approve")).hasCount(0);

		context.clearCookies();
		signIn("admin", ADMIN_PASSWORD);
		page.navigate(url("/playbooks/event-calendar-formats/versions/2"));
		click("Approve");
		click("Publish v2");
		assertThat(page.locator("#version-status")).hasText("Published");
		assertAccessible("published playbook version");

		page.navigate(url("/playbooks/event-calendar-formats"));
		assertThat(page.locator("#guidance-source")).containsText("global playbook v2");
		assertThat(page.locator("#change-requests-table")).containsText("Closed by v2");
		click("Show diff");
		assertThat(page.locator("#diff-table ins").first()).isVisible();
		assertAccessible("playbook diff");
		screenshot("playbook-diff");
	}
}
