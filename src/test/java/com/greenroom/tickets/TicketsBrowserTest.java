package com.greenroom.tickets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class TicketsBrowserTest extends BrowserTest {

	@Autowired
	Tickets tickets;

	@Autowired
	EscalationMap map;

	@Test
	void aManagerTakesATicketFromTheQueueRepliesAndResolvesIt() {
		data.manager("mia", "EU");
		long id = tickets.open(new TicketDraft("Payout missing", "The weekly payout did not arrive", null, "EU", "payouts", Priority.P1, "API"))
			.id();
		signIn("mia", TestData.PASSWORD);

		page.navigate(url("/tickets?queue=p1"));
		assertAccessible("ticket queue");
		page.locator("#ticket-table a").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Payout missing")).click();
		page.waitForURL(u -> u.endsWith("/tickets/" + id));
		assertAccessible("ticket page");
		// the clock counts down against the browser's own time, so only its form is certain here
		assertThat(page.locator("#sla-clock")).hasText(java.util.regex.Pattern.compile("^(due in|overdue by) \\d+"));

		page.getByLabel("Message").fill("We are re-sending it now.");
		page.locator("#send-reply").click();
		assertThat(page.locator("#ticket-status")).hasText("Open");
		assertThat(page.locator("#first-response")).not().hasText("—");

		page.locator("#status-select").selectOption("RESOLVED");
		page.locator("#outcome").fill("Payout re-sent");
		page.locator("#save-change").click();
		assertThat(page.locator("#ticket-status")).hasText("Resolved");
		assertThat(page.locator("#ticket-outcome")).hasText("Payout re-sent");
		assertThat(page.locator("#sla-state")).hasText("Met");
		page.setViewportSize(390, 844);
		assertAccessible("ticket page at phone width");
	}

	@Test
	void anAdminEditsTheEscalationMapAndABadTargetIsNamed() {
		signIn("admin", "admin-password-for-tests");

		page.navigate(url("/admin/escalation-map"));
		assertAccessible("escalation map");
		page.locator("textarea[name='P3.levels']").fill("soon REGIONAL_LEAD");
		page.locator("#save-map").click();
		assertThat(page.locator(".flash.error")).containsText("should read like");
		page.locator("textarea[name='P3.levels']").fill("240 REGIONAL_LEAD");
		page.locator("input[name='P2.firstResponseMinutes']").fill("120");
		page.locator("#save-map").click();
		assertThat(page.locator("p.flash")).containsText("Saved");

		assertThat(map.of(Priority.P2).firstResponseMinutes()).isEqualTo(120);
		assertThat(map.of(Priority.P1).levels()).hasSize(2);
		assertThat(List.of(page.locator("textarea[name='P1.levels']").inputValue().split("\n"))).containsExactly("0 REGIONAL_LEAD",
				"30 ADMIN");
	}
}
