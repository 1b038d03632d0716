package com.greenroom.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.tickets.Priority;
import com.greenroom.tickets.Ticket;
import com.greenroom.tickets.Tickets;
import org.springframework.beans.factory.annotation.Autowired;

/** Cases from ingested report.filed events and flags: grouping, severity, placeholders, triage, enforcement and who sees what. */
@IntegrationTest
class SafetyCasesIntegrationTest {

	/** 2026-11-30T09:00Z, the test clock's start. */
	static final Instant NOW = TestClock.START;

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	AuditLog audit;

	@Autowired
	Tickets tickets;

	String admin = TestData.ADMIN_TOKEN;

	UserSummary sam;

	String samToken;

	@BeforeEach
	void reset() {
		data.reset();
		sam = data.user("sam", List.of("SAFETY"), "LATAM");
		samToken = data.tokenOf(sam);
		data.creator("c-1", "luna", "BR");
		data.creator("c-2", "sol", "BR");
		data.creator("c-9", "kai", "SG");
	}

	private static String report(String id, String creatorId, String category, Instant at) {
		return EventFeed.report(id, creatorId, creatorId + "-stream", "v-" + id, category, "seen in chat", at);
	}

	private JsonNode cases(String query, String token) {
		Api.Response response = api.get("/api/v1/safety/cases" + query, token);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("items");
	}

	@Test
	void reportsOfOneCreatorAndCategoryWithinTheWindowJoinOneCaseAndRaiseItsCount() {
		Instant first = NOW.minus(Duration.ofHours(30));
		feed.send(report("r1", "c-1", "spam", first), report("r2", "c-1", "spam", first.plus(Duration.ofHours(20))),
				// 20 h after the second: still within 24 h of the case's latest report
				report("r3", "c-1", "spam", first.plus(Duration.ofHours(40))),
				// another category of the same creator, and another creator: cases of their own
				report("r4", "c-1", "harassment", first.plus(Duration.ofHours(1))), report("r5", "c-2", "spam", first));

		JsonNode spam = cases("?creator=c-1&category=spam", admin);
		assertThat(spam).hasSize(1);
		assertThat(spam.get(0).get("reportCount").asInt()).isEqualTo(3);
		assertThat(spam.get(0).get("status").asString()).isEqualTo("NEW");
		assertThat(Instant.parse(spam.get(0).get("openedAt").asString())).isEqualTo(first);
		assertThat(Instant.parse(spam.get(0).get("lastReportAt").asString())).isEqualTo(first.plus(Duration.ofHours(40)));
		assertThat(cases("?creator=c-1&category=bullying-harassment", admin)).hasSize(1);
		assertThat(cases("?creator=c-2", admin)).hasSize(1);
		assertThat(cases("", admin)).hasSize(3);
	}

	@Test
	void aReportMoreThanTheWindowAfterTheLatestOpensANewCase() {
		Instant first = NOW.minus(Duration.ofDays(5));
		feed.send(report("r1", "c-1", "spam", first), report("r2", "c-1", "spam", first.plus(Duration.ofHours(24)).plusSeconds(1)));

		JsonNode spam = cases("?creator=c-1", admin);
		assertThat(spam).hasSize(2);
		assertThat(spam).allSatisfy(c -> assertThat(c.get("reportCount").asInt()).isEqualTo(1));
	}

	@Test
	void aLateReportFiledBeforeTheFirstJoinsWithinTheWindowAndMovesTheOpeningEarlier() {
		Instant first = NOW.minus(Duration.ofHours(10));
		feed.send(report("r1", "c-1", "scam", first));
		feed.send(report("r0", "c-1", "scam", first.minus(Duration.ofHours(5))));

		JsonNode scam = cases("?creator=c-1", admin);
		assertThat(scam).hasSize(1);
		assertThat(scam.get(0).get("category").asString()).isEqualTo("fraud-scams");
		assertThat(scam.get(0).get("reportCount").asInt()).isEqualTo(2);
		assertThat(Instant.parse(scam.get(0).get("openedAt").asString())).isEqualTo(first.minus(Duration.ofHours(5)));
	}

	@Test
	void severityStartsAtTheCategorysAndRisesAtFiveAndTwentyReports() {
		List<String> reports = new ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			reports.add(report("s" + i, "c-1", "spam", NOW.minus(Duration.ofMinutes(100 - i))));
		}
		feed.send(reports.subList(0, 4));
		assertThat(cases("?creator=c-1", admin).get(0).get("severity").asString()).isEqualTo("LOW");
		feed.send(reports.subList(4, 5));
		assertThat(cases("?creator=c-1", admin).get(0).get("severity").asString()).isEqualTo("MEDIUM");
		feed.send(reports.subList(5, 20));
		assertThat(cases("?creator=c-1", admin).get(0).get("severity").asString()).isEqualTo("HIGH");

		feed.send(report("m1", "c-2", "minor_safety", NOW.minus(Duration.ofMinutes(5))));
		JsonNode child = cases("?creator=c-2", admin).get(0);
		assertThat(child.get("category").asString()).isEqualTo("child-safety");
		assertThat(child.get("severity").asString()).isEqualTo("CRITICAL");
		// most severe first
		assertThat(cases("", admin).get(0).get("creatorId").asString()).isEqualTo("c-2");
	}

	@Test
	void replayingTheEventLogChangesNoCase() {
		feed.send(report("r1", "c-1", "spam", NOW.minus(Duration.ofHours(3))), report("r2", "c-1", "spam", NOW.minus(Duration.ofHours(2))),
				report("r3", "c-2", "violence", NOW.minus(Duration.ofHours(1))));
		String before = api.get("/api/v1/safety/cases", admin).body();

		feed.rebuild();

		assertThat(api.get("/api/v1/safety/cases", admin).body()).isEqualTo(before);
	}

	@Test
	void aReportForAnUnknownCreatorIsHeldAndJoinsTheRegionOnceTheCreatorRegisters() {
		feed.send(report("r1", "c-new", "hate_speech", NOW.minus(Duration.ofHours(2))));

		JsonNode held = cases("?creator=c-new", admin);
		assertThat(held).hasSize(1);
		assertThat(held.get(0).has("regionCode")).isFalse();
		assertThat(cases("?creator=c-new", samToken)).isEmpty();
		assertThat(api.get("/api/v1/safety/cases/" + held.get(0).get("id").asLong(), samToken).status()).isEqualTo(404);

		feed.send(EventFeed.registered("reg-1", "c-new", "BR", null, NOW.minus(Duration.ofHours(1))));

		JsonNode visible = cases("?creator=c-new", samToken);
		assertThat(visible).hasSize(1);
		assertThat(visible.get(0).get("regionCode").asString()).isEqualTo("LATAM");
		assertThat(visible.get(0).get("category").asString()).isEqualTo("hate-speech");
	}

	@Test
	void anUnmappedReportCategoryCountsTowardOtherUntilSomeoneMapsIt() {
		feed.send(report("r1", "c-1", "gambling", NOW.minus(Duration.ofHours(2))));
		assertThat(cases("?creator=c-1", admin).get(0).get("category").asString()).isEqualTo("other");
		JsonNode seen = api.get("/api/v1/safety/report-categories", samToken).json();
		assertThat(seen.toString()).contains("{\"reportCategory\":\"gambling\",\"unmappedReports\":1}");

		Api.Response mapped = api.put("/api/v1/safety/report-categories/gambling", samToken, "{\"category\":\"fraud-scams\"}");
		assertThat(mapped.status()).as(mapped.body()).isEqualTo(200);
		feed.send(report("r2", "c-1", "Gambling", NOW.minus(Duration.ofHours(1))));

		assertThat(cases("?creator=c-1&category=fraud-scams", admin)).hasSize(1);
		assertThat(audit.search(new AuditLog.AuditQuery("safety_report_category", "gambling", "sam"), null, 5).items())
			.extracting(e -> e.action()).containsExactly("mapped");
	}

	@Test
	void triageThenEnforcementClosesTheCaseAndWritesTheCreatorsTimeline() {
		feed.send(report("r1", "c-1", "harassment", NOW.minus(Duration.ofHours(2))));
		long id = cases("?creator=c-1", admin).get(0).get("id").asLong();

		Api.Response assigned = api.patch("/api/v1/safety/cases/" + id, samToken, "{\"assigneeId\":" + sam.id() + "}");
		assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
		assertThat(assigned.json().get("status").asString()).isEqualTo("TRIAGING");
		assertThat(assigned.json().get("assigneeName").asString()).isEqualTo("Sam");
		assertThat(assigned.json().get("guidance").asString()).contains("warning");

		Api.Response noted = api.post("/api/v1/safety/cases/" + id + "/notes", samToken, "{\"body\":\"Watched the replay\"}");
		assertThat(noted.json().get("notes").get(0).get("author").asString()).isEqualTo("Sam");

		Api.Response warned = api.post("/api/v1/safety/cases/" + id + "/actions", samToken,
				"{\"kind\":\"WARNING\",\"reason\":\"Insulted a viewer twice; rule 5.1 quoted\"}");
		assertThat(warned.status()).as(warned.body()).isEqualTo(200);
		assertThat(warned.json().get("status").asString()).isEqualTo("ACTIONED");
		assertThat(Instant.parse(warned.json().get("firstActionAt").asString())).isEqualTo(NOW);
		assertThat(warned.json().get("actions").get(0).get("actorName").asString()).isEqualTo("Sam");

		JsonNode timeline = api.get("/api/v1/creators/c-1/timeline?kind=SAFETY", admin).json().get("entries");
		assertThat(timeline).hasSize(2);
		assertThat(timeline.get(0).get("title").asString()).isEqualTo("Enforcement: Warning (Bullying and harassment)");
		assertThat(timeline.get(0).get("detail").asString()).isEqualTo("Insulted a viewer twice; rule 5.1 quoted");
		assertThat(timeline.get(1).get("title").asString()).isEqualTo("Policy-risk case opened: Bullying and harassment");
		assertThat(audit.search(new AuditLog.AuditQuery("safety_case", String.valueOf(id), null), null, 10).items())
			.extracting(e -> e.action())
			.containsExactly("action WARNING", "noted", "triaged", "opened");

		// a report filed before the warning still belongs to the decided case; one after opens a new case
		feed.send(report("r2", "c-1", "harassment", NOW.minus(Duration.ofMinutes(30))), report("r3", "c-1", "harassment", NOW.plusSeconds(60)));
		JsonNode all = cases("?creator=c-1", admin);
		assertThat(all).hasSize(2);
		assertThat(api.get("/api/v1/safety/cases/" + id, admin).json().get("reportCount").asInt()).isEqualTo(2);
	}

	@Test
	void aCaseEscalatesOnceToAPOneTicketInTheCreatorsRegion() {
		feed.send(report("r1", "c-1", "minor_safety", NOW.minus(Duration.ofMinutes(20))));
		long id = cases("?creator=c-1", admin).get(0).get("id").asLong();

		Api.Response escalated = api.post("/api/v1/safety/cases/" + id + "/escalation", samToken, "");
		assertThat(escalated.status()).as(escalated.body()).isEqualTo(200);
		long ticketId = escalated.json().get("ticketId").asLong();
		Ticket ticket = tickets.get(data.admin(), ticketId);
		assertThat(ticket.priority()).isEqualTo(Priority.P1);
		assertThat(ticket.region()).isEqualTo("LATAM");
		assertThat(ticket.creatorId()).isEqualTo("c-1");
		assertThat(ticket.source()).isEqualTo("SAFETY_CASE");
		assertThat(ticket.subject()).isEqualTo("Policy risk: Child safety – luna");
		assertThat(ticket.description()).contains("/safety/cases/" + id);

		assertThat(api.post("/api/v1/safety/cases/" + id + "/escalation", samToken, "").json().get("ticketId").asLong()).isEqualTo(ticketId);
		assertThat(audit.search(new AuditLog.AuditQuery("safety_case", String.valueOf(id), "sam"), null, 10).items())
			.extracting(e -> e.action()).containsExactly("escalated");
	}

	@Test
	void badInputIsRefusedNamingTheFieldAndChangesNothing() {
		feed.send(report("r1", "c-1", "spam", NOW.minus(Duration.ofHours(2))));
		long id = cases("?creator=c-1", admin).get(0).get("id").asLong();
		String before = api.get("/api/v1/safety/cases/" + id, admin).body();

		Api.Response noReason = api.post("/api/v1/safety/cases/" + id + "/actions", samToken, "{\"kind\":\"SUSPENSION\",\"reason\":\" \"}");
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().get("field").asString()).isEqualTo("reason");
		Api.Response badKind = api.post("/api/v1/safety/cases/" + id + "/actions", samToken, "{\"kind\":\"BAN\",\"reason\":\"x\"}");
		assertThat(badKind.json().get("field").asString()).isEqualTo("kind");
		Api.Response closeByPatch = api.patch("/api/v1/safety/cases/" + id, samToken, "{\"status\":\"CLEARED\"}");
		assertThat(closeByPatch.status()).isEqualTo(400);
		assertThat(closeByPatch.json().get("detail").asString()).contains("enforcement action with a reason");
		Api.Response notSafety = api.patch("/api/v1/safety/cases/" + id, samToken, "{\"assigneeId\":1}");
		assertThat(notSafety.status()).isEqualTo(400);
		assertThat(notSafety.json().get("field").asString()).isEqualTo("assigneeId");
		Api.Response unknownCategory = api.post("/api/v1/safety/cases", samToken,
				"{\"creatorId\":\"c-1\",\"category\":\"rudeness\",\"note\":\"x\"}");
		assertThat(unknownCategory.status()).isEqualTo(400);
		assertThat(unknownCategory.json().get("field").asString()).isEqualTo("category");
		assertThat(api.get("/api/v1/safety/cases?category=rudeness", samToken).json().get("field").asString()).isEqualTo("category");
		assertThat(api.get("/api/v1/safety/cases?status=closed", samToken).json().get("field").asString()).isEqualTo("status");
		Api.Response mapToNothing = api.put("/api/v1/safety/report-categories/spam", samToken, "{\"category\":\"nope\"}");
		assertThat(mapToNothing.json().get("field").asString()).isEqualTo("category");

		assertThat(api.get("/api/v1/safety/cases/" + id, admin).body()).isEqualTo(before);
	}

	@Test
	void onlyAdminsSafetyAndLeadsSeeCasesEachInTheirRegionsWhileManagersMayFlag() {
		feed.send(report("r1", "c-1", "spam", NOW.minus(Duration.ofHours(2))), report("r2", "c-9", "spam", NOW.minus(Duration.ofHours(2))));
		UserSummary ana = data.manager("ana", "LATAM");
		String anaToken = data.tokenOf(ana);
		String leadToken = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), "LATAM"));
		long asia = cases("?creator=c-9", admin).get(0).get("id").asLong();

		assertThat(cases("", samToken)).extracting(c -> c.get("creatorId").asString()).containsExactly("c-1");
		assertThat(cases("", leadToken)).extracting(c -> c.get("creatorId").asString()).containsExactly("c-1");
		assertThat(api.get("/api/v1/safety/cases/" + asia, samToken).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/safety/cases", anaToken).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/safety/backlog", anaToken).status()).isEqualTo(403);
		long latam = cases("?creator=c-1", admin).get(0).get("id").asLong();
		assertThat(api.post("/api/v1/safety/cases/" + latam + "/actions", leadToken, "{\"kind\":\"WARNING\",\"reason\":\"x\"}").status())
			.isEqualTo(403);

		Api.Response flagged = api.post("/api/v1/safety/cases", anaToken,
				"{\"creatorId\":\"c-1\",\"category\":\"spam\",\"streamId\":\"c-1-stream\",\"note\":\"Begging for gifts every minute\"}");
		assertThat(flagged.status()).as(flagged.body()).isEqualTo(201);
		assertThat(flagged.json().get("caseId").asLong()).isEqualTo(latam);
		assertThat(flagged.json().get("opened").asBoolean()).isFalse();
		assertThat(api.get("/api/v1/safety/cases/" + latam, admin).json().get("reportCount").asInt()).isEqualTo(2);
		assertThat(api.post("/api/v1/safety/cases", anaToken, "{\"creatorId\":\"c-9\",\"category\":\"spam\",\"note\":\"x\"}").status())
			.isEqualTo(404);

		// the manager's timeline says a case exists, nothing more
		JsonNode timeline = api.get("/api/v1/creators/c-1/timeline?kind=SAFETY", anaToken).json().get("entries");
		assertThat(timeline).hasSize(1);
		assertThat(timeline.get(0).get("title").asString()).isEqualTo("Trust & safety case opened");
		assertThat(timeline.get(0).has("detail")).isFalse();
		assertThat(timeline.get(0).has("link")).isFalse();
	}
}
