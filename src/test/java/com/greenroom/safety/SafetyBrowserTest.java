package com.greenroom.safety;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.EventFeed;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class SafetyBrowserTest extends BrowserTest {

	@Autowired
	EventFeed feed;

	@Test
	void aModeratorTriagesACaseFromReportsThenWarnsTheCreatorWithAReason() {
		data.user("sam", List.of("SAFETY"), "LATAM");
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR", ana.id());
		Instant at = TestClock.START.minus(Duration.ofHours(2));
		feed.send(EventFeed.report("r1", "c-1", "c-1-s", "v1", "harassment", "called a viewer names", at),
				EventFeed.report("r2", "c-1", "c-1-s", "v2", "harassment", "again", at.plusSeconds(600)));
		signIn("sam", TestData.PASSWORD);

		page.navigate(url("/safety/cases"));
		assertThat(page.locator("#cases-table tbody tr")).hasCount(1);
		assertThat(page.locator("#cases-table")).containsText("Bullying and harassment");
		assertAccessible("safety cases");
		screenshot("safety-cases");
		page.locator("#cases-table tbody tr a").first().click();

		assertThat(page.locator("h1")).containsText("Bullying and harassment");
		assertThat(page.locator("#case-reports")).hasText("2");
		assertThat(page.locator("#case-guidance")).containsText("warning");
		page.getByLabel("Assignee").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Sam"));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save triage")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved: Triaging, assigned to Sam.");
		assertThat(page.locator("#case-status")).hasText("Triaging");

		page.getByLabel("Action").selectOption("WARNING");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record action")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("is required");
		assertThat(page.locator("#case-status")).hasText("Triaging");

		page.getByLabel("Reason").fill("Insulted a viewer twice in chat; harassment rule quoted");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record action")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Warning recorded; the case is actioned.");
		assertThat(page.locator("#case-actions li[data-action=WARNING]")).containsText("Insulted a viewer twice");
		assertAccessible("safety case");
		screenshot("safety-case");

		page.navigate(url("/creators/c-1"));
		assertThat(page.locator("#timeline-entries li[data-kind=SAFETY]").first())
			.containsText("Enforcement: Warning (Bullying and harassment)");

		page.navigate(url("/safety/backlog"));
		assertThat(page.locator("#backlog-open")).hasText("0");
		assertThat(page.locator("#first-action-table")).containsText("1");
		assertAccessible("moderation backlog");
	}

	@Test
	void aManagerFlagsACreatorAndSeesOnlyThatACaseIsOpen() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR", ana.id());
		signIn("ana", TestData.PASSWORD);

		page.navigate(url("/creators/c-1"));
		assertThat(page.locator("#safety-open")).hasText("No open case.");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Flag a policy risk")).click();
		page.getByLabel("Policy category").selectOption("fraud-scams");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Flag")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("is required");
		assertAccessible("flag form");
		page.getByLabel("What did you see?").fill("Promised a prize for gifts, never paid");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Flag")).click();

		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Flagged: a trust & safety case is open.");
		assertThat(page.locator("#safety-open")).hasText("A trust & safety case is open.");
		assertThat(page.locator("#safety-cases")).hasCount(0);
		assertThat(page.locator("nav.nav")).not().containsText("Safety");
		org.assertj.core.api.Assertions.assertThat(page.navigate(url("/safety/cases")).status()).isEqualTo(403);
	}
}
