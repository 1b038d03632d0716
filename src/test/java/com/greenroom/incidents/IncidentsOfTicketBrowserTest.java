package com.greenroom.incidents;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import com.greenroom.tickets.Priority;
import com.greenroom.tickets.Ticket;
import com.greenroom.tickets.TicketDraft;
import com.greenroom.tickets.Tickets;
import org.springframework.beans.factory.annotation.Autowired;

class IncidentsOfTicketBrowserTest extends BrowserTest {

	@Autowired
	Tickets tickets;

	@Test
	void aTicketPageListsTheIncidentsThatIncludeItAndTheOwnersInboxLinkOpensTheIncident() {
		UserSummary lena = data.user("lena", List.of(Role.REGIONAL_LEAD.name()), "LATAM");
		Ticket ticket = tickets
			.open(new TicketDraft("Gift button broken", "Tapping gift does nothing", null, "LATAM", "payments", Priority.P1, "API"));
		Ticket other = tickets.open(new TicketDraft("Payout late", "Since Monday", null, "LATAM", "payouts", Priority.P2, "API"));
		var declared = api.post("/api/v1/incidents", TestData.ADMIN_TOKEN,
				"{\"title\":\"Gift outage\",\"severity\":\"SEV2\",\"ownerId\":" + lena.id() + ",\"ticketIds\":[" + ticket.id() + "]}");
		org.assertj.core.api.Assertions.assertThat(declared.status()).as(declared.body()).isEqualTo(201);
		long incident = declared.json().get("id").asLong();

		signIn("lena", TestData.PASSWORD);
		page.navigate(url("/tickets/" + ticket.id()));
		var incidents = page.locator(".ticket-inclusion[data-heading='Incidents']");
		assertThat(incidents).containsText("#" + incident + " Gift outage (SEV2)");
		assertThat(incidents).containsText("Investigating");
		assertAccessible("ticket page with its incident");
		page.navigate(url("/tickets/" + other.id()));
		assertThat(page.locator(".ticket-inclusion")).hasCount(0);

		page.navigate(url("/inbox"));
		page.locator(".inbox-subject", new com.microsoft.playwright.Page.LocatorOptions().setHasText("SEV2 incident declared: Gift outage"))
			.click();
		assertThat(page.locator("h1")).containsText("Gift outage");
		page.navigate(url("/tickets/" + ticket.id()));
		incidents.getByText("Gift outage").click();
		assertThat(page).hasURL(url("/incidents/" + incident));
	}
}
