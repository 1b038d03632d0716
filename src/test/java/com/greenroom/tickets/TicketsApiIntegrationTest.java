package com.greenroom.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.UserSummary;
import com.greenroom.notifications.NoticeKind;
import com.greenroom.notifications.Notifications;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class TicketsApiIntegrationTest {

	/** Monday 2026-06-22 07:30 in Berlin (summer time). */
	private static final Instant MONDAY_EARLY = Instant.parse("2026-06-22T05:30:00Z");

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	TestClock clock;

	@Autowired
	Timers timers;

	@Autowired
	Tickets tickets;

	@Autowired
	Notifications notifications;

	@BeforeEach
	void reset() {
		data.reset();
	}

	private void berlinOfficeHours() {
		assertThat(api.put("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN, """
				{"workingDays": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"], "holidays": [{"date": "2026-06-23", "name": "Holiday"}],
				 "workingHours": {"MONDAY": [{"from": "08:00", "to": "17:00"}], "TUESDAY": [{"from": "08:00", "to": "17:00"}],
				   "WEDNESDAY": [{"from": "08:00", "to": "17:00"}], "THURSDAY": [{"from": "08:00", "to": "17:00"}],
				   "FRIDAY": [{"from": "08:00", "to": "17:00"}]}}""").status()).isEqualTo(200);
	}

	private long open(String token, String priority) {
		Api.Response created = api.post("/api/v1/tickets", token, """
				{"subject": "Payout missing", "region": "EU", "priority": "%s", "category": "payouts"}""".formatted(priority));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	@Test
	void aP2TicketOpenedBeforeOfficeHoursIsDueFourBusinessHoursAfterOpening() {
		berlinOfficeHours();
		clock.set(MONDAY_EARLY);

		long id = open(TestData.ADMIN_TOKEN, "P2");

		Api.Response ticket = api.get("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN);
		assertThat(ticket.json().get("ticket").get("sla").get("firstResponseDueAt").asString()).isEqualTo("2026-06-22T10:00:00Z");
		// 16 business hours: Monday 08:00-17:00 (9), Tuesday is a holiday, Wednesday 08:00-15:00 (7).
		assertThat(ticket.json().get("ticket").get("sla").get("resolutionDueAt").asString()).isEqualTo("2026-06-24T13:00:00Z");
		assertThat(ticket.json().get("ticket").get("sla").get("state").asString()).isEqualTo("ON_TRACK");
		assertThat(ticket.json().get("ticket").get("ownerRole").asString()).isEqualTo("CREATOR_MANAGER");
		assertThat(ticket.json().get("history").get(0).get("action").asString()).isEqualTo("opened");
	}

	@Test
	void theFirstReplyIsTheFirstResponseAndOpensTheTicket() {
		clock.set(MONDAY_EARLY);
		long id = open(TestData.ADMIN_TOKEN, "P1");
		clock.advance(Duration.ofMinutes(5));

		assertThat(api.post("/api/v1/tickets/" + id + "/comments", TestData.ADMIN_TOKEN, """
				{"kind": "NOTE", "body": "Checking the payout log"}""").status()).isEqualTo(201);
		assertThat(api.get("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN).json().get("ticket").get("status").asString()).isEqualTo("NEW");
		assertThat(api.post("/api/v1/tickets/" + id + "/comments", TestData.ADMIN_TOKEN, """
				{"kind": "REPLY", "body": "We are on it"}""").status()).isEqualTo(201);

		Api.Response ticket = api.get("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN);
		assertThat(ticket.json().get("ticket").get("status").asString()).isEqualTo("OPEN");
		assertThat(ticket.json().get("ticket").get("sla").get("firstResponseAt").asString()).isEqualTo("2026-06-22T05:35:00Z");
		assertThat(ticket.json().get("comments").size()).isEqualTo(2);
	}

	@Test
	void theLifecycleRefusesForbiddenStatusesAndClosedTicketsTakeNoReply() {
		long id = open(TestData.ADMIN_TOKEN, "P3");

		Api.Response skipToClosed = api.patch("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN, "{\"status\": \"CLOSED\"}");
		Api.Response resolveWithoutOutcome = api.patch("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN, "{\"status\": \"RESOLVED\"}");
		assertThat(skipToClosed.status()).isEqualTo(409);
		assertThat(skipToClosed.json().get("field").asString()).isEqualTo("status");
		assertThat(resolveWithoutOutcome.status()).isEqualTo(400);
		assertThat(resolveWithoutOutcome.json().get("field").asString()).isEqualTo("outcome");

		assertThat(api.patch("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN, """
				{"status": "RESOLVED", "outcome": "Payout re-sent"}""").json().get("sla").get("state").asString()).isEqualTo("MET");
		assertThat(api.patch("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN, "{\"status\": \"CLOSED\"}").status()).isEqualTo(200);
		Api.Response reply = api.post("/api/v1/tickets/" + id + "/comments", TestData.ADMIN_TOKEN, """
				{"kind": "REPLY", "body": "Anything else?"}""");
		assertThat(reply.status()).isEqualTo(409);
		assertThat(reply.json().get("field").asString()).isEqualTo("kind");
		assertThat(api.patch("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN, "{\"status\": \"OPEN\"}").status()).isEqualTo(409);
		assertThat(api.get("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN).json().get("ticket").get("outcome").asString())
			.isEqualTo("Payout re-sent");
	}

	@Test
	void aTicketInARegionTheUserCannotSeeDoesNotExistForThem() {
		long id = open(TestData.ADMIN_TOKEN, "P2");
		String latam = data.tokenOf(data.manager("ana", "LATAM"));

		assertThat(api.get("/api/v1/tickets/" + id, latam).status()).isEqualTo(404);
		assertThat(api.patch("/api/v1/tickets/" + id, latam, "{\"priority\": \"P1\"}").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/tickets", latam).json().get("items").size()).isZero();
		assertThat(api.get("/api/v1/tickets.csv", latam).body().lines().count()).isEqualTo(1);
	}

	@Test
	void badInputNamesTheFieldAndChangesNothing() {
		Api.Response unknownPriority = api.post("/api/v1/tickets", TestData.ADMIN_TOKEN, """
				{"subject": "x", "region": "EU", "priority": "P7"}""");
		Api.Response noRegion = api.post("/api/v1/tickets", TestData.ADMIN_TOKEN, """
				{"subject": "x", "priority": "P1"}""");
		Api.Response badWithin = api.get("/api/v1/tickets?breaching-within=soon", TestData.ADMIN_TOKEN);

		assertThat(unknownPriority.json().get("field").asString()).isEqualTo("priority");
		assertThat(noRegion.json().get("field").asString()).isEqualTo("region");
		assertThat(badWithin.json().get("field").asString()).isEqualTo("breaching-within");
		assertThat(api.get("/api/v1/tickets", TestData.ADMIN_TOKEN).json().get("items").size()).isZero();
	}

	@Test
	void aP1WarnsBreachesAndEscalatesEachOnceWithHistoryAndNotices() {
		UserSummary lead = data.user("lena", List.of("REGIONAL_LEAD"), "EU");
		clock.set(MONDAY_EARLY);
		long id = open(TestData.ADMIN_TOKEN, "P1");

		clock.set(MONDAY_EARLY.plus(Duration.ofMinutes(12)));
		timers.fireDue(clock.instant());
		timers.fireDue(clock.instant());
		assertThat(history(id)).containsExactly("opened", "sla_warning");
		assertThat(notifications.inbox(lead.id(), 10)).extracting(e -> e.kind()).containsExactly(NoticeKind.WARNING);

		clock.set(MONDAY_EARLY.plus(Duration.ofMinutes(15)));
		timers.fireDue(clock.instant());
		assertThat(history(id)).containsExactly("opened", "sla_warning", "sla_breached", "escalated");
		assertThat(api.get("/api/v1/tickets?breached=true", TestData.ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
		assertThat(api.get("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN).json().get("ticket").get("sla").get("state").asString())
			.isEqualTo("BREACHED");

		clock.set(MONDAY_EARLY.plus(Duration.ofMinutes(50)));
		timers.fireDue(clock.instant());
		timers.fireDue(clock.instant());
		assertThat(history(id)).containsExactly("opened", "sla_warning", "sla_breached", "escalated", "escalated");
		long admin = data.admin().userId();
		assertThat(notifications.inbox(admin, 10)).extracting(e -> e.kind()).contains(NoticeKind.ESCALATION);
	}

	@Test
	void waitingOnTheCreatorHoldsBackTheBreachUntilTheClockRunsOut() {
		clock.set(MONDAY_EARLY);
		long id = open(TestData.ADMIN_TOKEN, "P1");
		clock.set(MONDAY_EARLY.plus(Duration.ofMinutes(5)));
		api.patch("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN, "{\"status\": \"WAITING_ON_CREATOR\"}");

		clock.set(MONDAY_EARLY.plus(Duration.ofMinutes(30)));
		timers.fireDue(clock.instant());
		assertThat(history(id)).doesNotContain("sla_warning", "sla_breached");
		assertThat(api.get("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN).json().get("ticket").get("sla").get("paused").asBoolean()).isTrue();

		api.patch("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN, "{\"status\": \"OPEN\"}");
		// 5 minutes ran before the pause; 10 are left from 06:00, warning at 12 minutes counted (06:07), breach at 06:10.
		assertThat(api.get("/api/v1/tickets?breaching-within=PT15M", TestData.ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
		clock.set(MONDAY_EARLY.plus(Duration.ofMinutes(39)));
		timers.fireDue(clock.instant());
		assertThat(history(id)).contains("sla_warning").doesNotContain("sla_breached");
		clock.set(MONDAY_EARLY.plus(Duration.ofMinutes(40)));
		timers.fireDue(clock.instant());
		assertThat(history(id)).contains("sla_breached");
	}

	@Test
	void anotherPriorityRecomputesTheClockFromHistoryAndRearmsItsTimers() {
		clock.set(MONDAY_EARLY);
		long id = open(TestData.ADMIN_TOKEN, "P1");
		clock.set(MONDAY_EARLY.plus(Duration.ofMinutes(10)));
		api.patch("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN, "{\"priority\": \"P3\"}");

		clock.set(MONDAY_EARLY.plus(Duration.ofMinutes(20)));
		timers.fireDue(clock.instant());

		assertThat(history(id)).containsExactly("opened", "changed");
		assertThat(api.get("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN).json().get("ticket").get("sla").get("state").asString())
			.isEqualTo("ON_TRACK");
	}

	@Test
	void editingTheEscalationMapIsAuditedAndRecomputesOpenTickets() {
		clock.set(MONDAY_EARLY);
		long id = open(TestData.ADMIN_TOKEN, "P1");
		Api.Response map = api.get("/api/v1/escalation-map", TestData.ADMIN_TOKEN);
		assertThat(map.json().get(0).get("firstResponseMinutes").asInt()).isEqualTo(15);
		assertThat(map.json().get(1).get("calendar").asString()).isEqualTo("BUSINESS");
		assertThat(map.json().get(2).get("resolutionMinutes").asInt()).isEqualTo(2400);

		String edited = map.body().replaceFirst("\"firstResponseMinutes\":15", "\"firstResponseMinutes\":60");
		Api.Response saved = api.put("/api/v1/escalation-map", TestData.ADMIN_TOKEN, edited);

		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
		assertThat(api.get("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN).json().get("ticket").get("sla").get("firstResponseDueAt").asString())
			.isEqualTo("2026-06-22T06:30:00Z");
		assertThat(history(id)).containsExactly("opened", "sla_recomputed");
		clock.set(MONDAY_EARLY.plus(Duration.ofMinutes(20)));
		timers.fireDue(clock.instant());
		assertThat(history(id)).containsExactly("opened", "sla_recomputed");
		assertThat(api.get("/api/v1/audit?entityType=escalation_map", TestData.ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
	}

	@Test
	void aBadEscalationMapIsRefusedNamingTheField() {
		String map = api.get("/api/v1/escalation-map", TestData.ADMIN_TOKEN).body();

		Api.Response zero = api.put("/api/v1/escalation-map", TestData.ADMIN_TOKEN,
				map.replaceFirst("\"firstResponseMinutes\":15", "\"firstResponseMinutes\":0"));
		Api.Response role = api.put("/api/v1/escalation-map", TestData.ADMIN_TOKEN,
				map.replaceFirst("\"ownerRole\":\"REGIONAL_LEAD\"", "\"ownerRole\":\"WIZARD\""));
		Api.Response priority = api.put("/api/v1/escalation-map", TestData.ADMIN_TOKEN, map.replaceFirst("\"P1\"", "\"P9\""));
		String lead = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), "EU"));

		assertThat(zero.json().get("field").asString()).isEqualTo("[0].firstResponseMinutes");
		assertThat(role.json().get("field").asString()).isEqualTo("[0].ownerRole");
		assertThat(priority.status()).isEqualTo(400);
		assertThat(api.put("/api/v1/escalation-map", lead, map).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/escalation-map", TestData.ADMIN_TOKEN).body()).isEqualTo(map);
	}

	@Test
	void importKeepsTheOriginalTimesIsIdempotentAndAnswersPerLine() {
		clock.set(Instant.parse("2026-06-25T12:00:00Z"));
		String lines = """
				{"externalId": "zd-1", "subject": "Old payout", "region": "EU", "priority": "P1", "openedAt": "2026-06-22T08:00:00+02:00", "firstResponseAt": "2026-06-22T06:20:00Z", "statusHistory": [{"status": "OPEN", "at": "2026-06-22T06:20:00Z"}, {"status": "RESOLVED", "at": "2026-06-22T08:00:00Z"}], "outcome": "Paid"}
				{"externalId": "zd-2", "subject": "No opening", "region": "EU", "priority": "P2"}
				not json
				{"externalId": "zd-3", "subject": "Still open", "region": "EU", "priority": "P3", "openedAt": "2026-06-24T09:00:00Z"}
				""";

		Api.Response first = api.send(api.request("/api/v1/tickets/import", TestData.ADMIN_TOKEN)
			.header("Content-Type", "application/x-ndjson")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(lines))
			.build());
		Api.Response again = api.send(api.request("/api/v1/tickets/import", TestData.ADMIN_TOKEN)
			.header("Content-Type", "application/x-ndjson")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(lines))
			.build());

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("created").asInt()).isEqualTo(2);
		assertThat(first.json().get("rejected").get(0).get("field").asString()).isEqualTo("openedAt");
		assertThat(first.json().get("rejected").get(1).get("index").asInt()).isEqualTo(2);
		assertThat(again.json().get("created").asInt()).isZero();
		assertThat(again.json().get("duplicates").asInt()).isEqualTo(2);
		Api.Response breached = api.get("/api/v1/tickets?text=zd-1", TestData.ADMIN_TOKEN);
		// First response 20 minutes after opening on a 15-minute P1 target: breached, and resolved within 4 hours.
		assertThat(breached.json().get("items").get(0).get("sla").get("state").asString()).isEqualTo("BREACHED");
		assertThat(breached.json().get("items").get(0).get("status").asString()).isEqualTo("RESOLVED");
		assertThat(breached.json().get("items").get(0).get("sla").get("resolvedAt").asString()).isEqualTo("2026-06-22T08:00:00Z");
		timers.fireDue(clock.instant());
		long open = api.get("/api/v1/tickets?text=zd-3", TestData.ADMIN_TOKEN).json().get("items").get(0).get("id").asLong();
		assertThat(history(open)).containsExactly("imported");
	}

	@Test
	void theCsvCarriesTheSlaColumnsAndGuardsFormulas() {
		clock.set(MONDAY_EARLY);
		api.post("/api/v1/tickets", TestData.ADMIN_TOKEN, """
				{"subject": "=HYPERLINK(\\"x\\")", "region": "EU", "priority": "P1"}""");

		String csv = api.get("/api/v1/tickets.csv", TestData.ADMIN_TOKEN).body();

		assertThat(csv.lines().findFirst().orElseThrow()).contains("firstResponseDueAt", "resolutionDueAt", "slaState", "remainingMinutes");
		assertThat(csv).contains("'=HYPERLINK").contains("2026-06-22T05:45:00Z").contains("ON_TRACK");
	}

	@Test
	void queuesFilterByAssigneeAndBulkChangesAllOrNothing() {
		UserSummary manager = data.manager("mia", "EU");
		String token = data.tokenOf(manager);
		long a = open(token, "P2");
		long b = open(token, "P3");

		Api.Response assigned = api.post("/api/v1/tickets/bulk", token, """
				{"ids": [%d, %d], "action": "assign", "assignee": "me"}""".formatted(a, b));
		assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
		assertThat(api.get("/api/v1/tickets?assignee=me", token).json().get("items").size()).isEqualTo(2);
		assertThat(api.get("/api/v1/tickets?assignee=none", token).json().get("items").size()).isZero();

		api.patch("/api/v1/tickets/" + b, token, "{\"status\": \"RESOLVED\", \"outcome\": \"done\"}");
		api.patch("/api/v1/tickets/" + b, token, "{\"status\": \"CLOSED\"}");
		Api.Response refused = api.post("/api/v1/tickets/bulk", token, """
				{"ids": [%d, 999999], "action": "priority", "priority": "P1"}""".formatted(a));
		assertThat(refused.json().get("field").asString()).isEqualTo("ids[1]");
		assertThat(api.get("/api/v1/tickets/" + a, token).json().get("ticket").get("priority").asString()).isEqualTo("P2");
		Api.Response closed = api.post("/api/v1/tickets/bulk", token, """
				{"ids": [%d], "action": "close", "outcome": "duplicate"}""".formatted(a));
		assertThat(closed.json().get(0).get("status").asString()).isEqualTo("CLOSED");
	}

	@Test
	void aModuleOpensATicketInTheCreatorsRegion() {
		data.creator("c-1", "ana", "BR");

		Ticket ticket = tickets.open(new TicketDraft("Stalled after first stream", "", "c-1", null, "success", Priority.P2, "SUPPORT_ACTION"));

		assertThat(ticket.region()).isEqualTo("LATAM");
		assertThat(ticket.source()).isEqualTo("SUPPORT_ACTION");
		assertThat(api.get("/api/v1/tickets?creator=c-1", TestData.ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
	}

	private List<String> history(long id) {
		List<String> actions = new java.util.ArrayList<>();
		api.get("/api/v1/tickets/" + id, TestData.ADMIN_TOKEN).json().get("history").forEach(h -> actions.add(h.get("action").asString()));
		return actions;
	}
}
