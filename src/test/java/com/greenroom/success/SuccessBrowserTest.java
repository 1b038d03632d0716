package com.greenroom.success;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.milestones.MilestoneReached;
import com.greenroom.onboarding.Checklists;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.Tasks;
import org.springframework.beans.factory.annotation.Autowired;

class SuccessBrowserTest extends BrowserTest {

	@Autowired
	Creators creators;

	@Autowired
	Checklists checklists;

	@Autowired
	SupportActions actions;

	@Autowired
	Tasks tasks;

	@Test
	void theCreatorPageShowsWhatFiredOnThePathAndWhoDidIt() {
		UserSummary hans = data.manager("hans", "EU");
		Instant registered = Instant.parse("2026-10-23T08:00:00Z");
		creators.create(data.admin(), new CreatorDraft("c-1", "luna", "DE", null, null, null, hans.id(), null, registered, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find("c-1").isPresent());
		Task congratulate = actions.onReached(new MilestoneReached("c-1", "FIRST_STREAM", registered.plusSeconds(3600)),
				registered.plusSeconds(3602))
			.get(0);
		tasks.complete(data.viewerOf(hans), congratulate.id(), "Sent the guide");
		signIn("hans", TestData.PASSWORD);

		page.navigate(url("/creators/c-1"));

		assertThat(page.locator("#success-path li[data-milestone=FIRST_STREAM] .firing"))
			.containsText("Congratulate on the first stream and share the next-step guide");
		assertThat(page.locator("#success-path li[data-milestone=FIRST_STREAM] .firing")).containsText("Done");
		assertThat(page.locator("#success-path li[data-milestone=FIRST_STREAM] .firing")).containsText("by Hans");
		assertThat(page.locator("#success-path li[data-milestone=FIRST_REVENUE]")).containsText("No revenue after 14 days");
		assertThat(page.locator("#timeline-entries li[data-kind=SUPPORT_ACTION]").first()).containsText("Done: Congratulate");
		assertAccessible("creator success path");
		screenshot("creator-success-path");
	}

	@Test
	void aRegionalLeadAddsAStallRuleForTheirRegionAndSwitchesItOff() {
		data.user("lena", List.of("REGIONAL_LEAD"), "EU");
		signIn("lena", TestData.PASSWORD);

		page.locator("summary", new Page.LocatorOptions().setHasText("Playbooks")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Support actions")).click();
		assertThat(page.locator("h1")).hasText("Support actions and stall rules");
		page.locator("#rule-form select[name=milestone]").selectOption("FIRST_STREAM");
		page.locator("#rule-form select[name=kind]").selectOption("STALL");
		page.locator("#rule-form input[name=title]").fill("Still no stream after a week: visit");
		page.getByLabel("Stall after (stall rules)").fill("");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("is required for a STALL rule");

		page.getByLabel("Stall after (stall rules)").fill("7");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Added the rule still-no-stream-after-a-week-visit to First stream");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
			.setName("Switch off still-no-stream-after-a-week-visit of First stream EU")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Switched off");
		assertThat(page.locator("tr[data-rule='still-no-stream-after-a-week-visit@EU']")).containsText("Off");
		assertAccessible("success rules");
		screenshot("success-rules");
	}

	@Test
	void aRegionalLeadAddsARuleThatOpensATicketFollowingAPlaybookAndBadInputNamesTheField() {
		data.user("lena", List.of("REGIONAL_LEAD"), "EU");
		signIn("lena", TestData.PASSWORD);
		page.navigate(url("/success/rules"));

		page.locator("#rule-form select[name=milestone]").selectOption("FIRST_REVENUE");
		page.locator("#rule-form select[name=kind]").selectOption("ON_REACHED");
		page.locator("#rule-form input[name=title]").fill("Payout check");
		page.locator("#rule-form select[name=action]").selectOption("TICKET");
		page.getByLabel("Ticket priority (tickets)").selectOption("P2");
		page.getByLabel("Ticket category (tickets)").fill("payouts");
		page.getByLabel("Follows playbook (key)").fill("no-such-playbook");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("is not a known playbook");
		assertThat(page.getByLabel("Follows playbook (key)")).hasClass(java.util.regex.Pattern.compile("invalid"));

		page.getByLabel("Follows playbook (key)").fill("creator-onboarding");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Added the rule payout-check to First revenue");
		assertThat(page.locator("tr[data-rule='payout-check@EU']")).containsText("Ticket P2 · payouts");
		assertThat(page.locator("tr[data-rule='payout-check@EU'] a.rule-guidance")).hasAttribute("href", "/playbooks/creator-onboarding?region=EU");
		assertAccessible("success rules with actions");
		screenshot("success-rules-actions");
	}
}
