package com.greenroom.coaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.onboarding.Checklists;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class CoachingIntegrationTest {

	private static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Creators creators;

	@Autowired
	AuditLog audit;

	@Autowired
	Clock clock;

	@Autowired
	Checklists checklists;

	UserSummary ana;

	String anaToken;

	Instant sessionAt;

	@BeforeEach
	void reset() {
		data.reset();
		ana = data.manager("ana", "LATAM");
		anaToken = data.tokenOf(ana);
		// A creator living in Mexico City while their region (LATAM) keeps Sao Paulo time: follow-ups use the creator's calendar.
		creators.create(data.admin(), new CreatorDraft("c-1", "luna", "MX", null, "es-MX", "America/Mexico_City", ana.id(), null, null, null));
		// Onboarding starts after the registration commits; let it finish so no task appears after the next reset.
		await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find("c-1").isPresent());
		sessionAt = clock.instant().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
	}

	private String session(String topics, String followUpOn, String extra) {
		return """
				{"occurredAt": "%s", "topics": %s, "notes": "Talked about a weekly schedule", "nextStep": "Three streams a week"%s%s}"""
			.formatted(sessionAt.atZone(MEXICO_CITY).toOffsetDateTime(), topics,
					followUpOn == null ? "" : ", \"followUpOn\": \"" + followUpOn + "\"", extra);
	}

	private LocalDate sessionDay() {
		return sessionAt.atZone(MEXICO_CITY).toLocalDate();
	}

	private static List<String> fields(Api.Response response) {
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		return fields;
	}

	@Test
	void aManagerLogsASessionWhoseFollowUpDateBecomesTheirTaskDueThatEveningInTheCreatorsZone() {
		LocalDate followUp = sessionDay().plusDays(3);

		Api.Response logged = api.post("/api/v1/creators/c-1/coaching", anaToken,
				session("[\"content-cadence\", \"monetization-prompts\"]", followUp.toString(), ""));

		assertThat(logged.status()).isEqualTo(201);
		JsonNode body = logged.json();
		assertThat(body.get("coachName").asString()).isEqualTo("Ana");
		assertThat(body.get("topics").get(1).get("name").asString()).isEqualTo("Monetization prompts");
		assertThat(Instant.parse(body.get("occurredAt").asString())).isEqualTo(sessionAt);
		assertThat(body.get("followUp").get("ownerName").asString()).isEqualTo("Ana");
		Instant due = followUp.atTime(17, 0).atZone(MEXICO_CITY).toInstant();
		assertThat(Instant.parse(body.get("followUp").get("dueAt").asString())).isEqualTo(due);

		JsonNode task = api.get("/api/v1/tasks/" + body.get("followUp").get("taskId").asLong(), anaToken).json();
		assertThat(task.get("sourceType").asString()).isEqualTo("COACHING");
		assertThat(task.get("title").asString()).isEqualTo("Follow up with luna: Three streams a week");
		assertThat(task.get("sourceUrl").asString()).isEqualTo("/creators/c-1");
		assertThat(task.get("ownerId").asLong()).isEqualTo(ana.id());
		assertThat(api.get("/api/v1/tasks?owner=me&due=upcoming", anaToken).body()).contains("Follow up with luna");

		JsonNode list = api.get("/api/v1/creators/c-1/coaching", anaToken).json();
		assertThat(list.get("items")).hasSize(1);
		assertThat(audit.search(new AuditLog.AuditQuery("coaching_session", body.get("id").asString(), "ana"), null, 10).items())
			.extracting(e -> e.action()).containsExactly("logged");
	}

	@Test
	void aSessionWithoutAFollowUpCreatesNoTask() {
		Api.Response logged = api.post("/api/v1/creators/c-1/coaching", anaToken, session("[\"community\"]", null, ""));

		assertThat(logged.status()).isEqualTo(201);
		assertThat(logged.json().has("followUp")).isFalse();
		assertThat(api.get("/api/v1/tasks?creatorId=c-1", anaToken).body()).doesNotContain("COACHING");
	}

	@Test
	void anotherRegionsCreatorDoesNotExistForAManager() {
		creators.create(data.admin(), new CreatorDraft("c-eu", "berlin", "DE", null, null, null, null, null, null, null));
		String hansToken = data.tokenOf(data.manager("hans", "EU"));

		assertThat(api.get("/api/v1/creators/c-1/coaching", hansToken).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/creators/c-1/coaching", hansToken, session("[\"community\"]", null, "")).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/creators/c-1/timeline", hansToken).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/creators/c-eu/coaching", anaToken).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/creators/c-1/coaching", hansToken).body()).doesNotContain("luna");
	}

	@Test
	void badInputIsOneProblemNamingEveryFieldAndChangesNothing() {
		UserSummary analyst = data.user("ada", List.of("ANALYST"), "LATAM");
		String body = """
				{"occurredAt": "%s", "coachId": %d, "topics": ["community", "astrology"], "followUpOn": "%s", "nextStep": "%s"}"""
			.formatted(sessionAt.atZone(MEXICO_CITY).toOffsetDateTime(), analyst.id(), sessionDay().minusDays(1), "x".repeat(1001));

		Api.Response refused = api.post("/api/v1/creators/c-1/coaching", anaToken, body);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(fields(refused)).containsExactly("coachId", "topics[1]", "nextStep", "followUpOn");
		assertThat(refused.body()).contains("ada has no coaching rights").contains("is not a coaching topic: astrology")
			.contains("is before the session");
		assertThat(api.get("/api/v1/creators/c-1/coaching", anaToken).json().get("items")).isEmpty();
		assertThat(api.get("/api/v1/tasks?creatorId=c-1", TestData.ADMIN_TOKEN).body()).doesNotContain("COACHING");
	}

	@Test
	void timesAndDatesAreCheckedAgainstTheirFields() {
		Api.Response future = api.post("/api/v1/creators/c-1/coaching", anaToken,
				"{\"occurredAt\": \"" + clock.instant().plus(Duration.ofDays(1)) + "\", \"topics\": [\"community\"]}");
		Api.Response malformed = api.post("/api/v1/creators/c-1/coaching", anaToken,
				"{\"occurredAt\": \"yesterday\", \"topics\": [], \"followUpOn\": \"next week\"}");

		assertThat(future.status()).isEqualTo(400);
		assertThat(fields(future)).containsExactly("occurredAt");
		assertThat(future.body()).contains("is in the future");
		assertThat(fields(malformed)).containsExactly("occurredAt", "topics", "followUpOn");
	}

	@Test
	void aCoachMustWorkInTheCreatorsRegion() {
		UserSummary hans = data.manager("hans", "EU");
		UserSummary lena = data.user("lena", List.of("REGIONAL_LEAD"), "LATAM");

		Api.Response refused = api.post("/api/v1/creators/c-1/coaching", anaToken,
				session("[\"community\"]", null, ", \"coachId\": " + hans.id()));
		Api.Response byLead = api.post("/api/v1/creators/c-1/coaching", anaToken,
				session("[\"community\"]", sessionDay().toString(), ", \"coachId\": " + lena.id()));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("coachId").contains("hans does not work in the creator's region LATAM");
		assertThat(byLead.status()).isEqualTo(201);
		assertThat(byLead.json().get("coachName").asString()).isEqualTo("Lena");
		assertThat(byLead.json().get("followUp").get("ownerName").asString()).isEqualTo("Lena");
		assertThat(byLead.json().get("loggedBy").asString()).isEqualTo("ana");
	}

	@Test
	void analystsReadSessionsButDoNotLogThem() {
		String adaToken = data.tokenOf(data.user("ada", List.of("ANALYST"), "LATAM"));
		api.post("/api/v1/creators/c-1/coaching", anaToken, session("[\"community\"]", null, ""));

		assertThat(api.get("/api/v1/creators/c-1/coaching", adaToken).json().get("items")).hasSize(1);
		assertThat(api.post("/api/v1/creators/c-1/coaching", adaToken, session("[\"community\"]", null, "")).status()).isEqualTo(403);
	}

	@Test
	void sessionsAreListedNewestFirstInCursorPages() {
		for (int i = 0; i < 3; i++) {
			// Onboarding starts after the registration commits; let it finish so no task appears after the next reset.
			await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find("c-1").isPresent());
			sessionAt = clock.instant().minus(Duration.ofDays(3 - i));
			api.post("/api/v1/creators/c-1/coaching", anaToken, session("[\"community\"]", null, ""));
		}

		JsonNode first = api.get("/api/v1/creators/c-1/coaching?limit=2", anaToken).json();
		JsonNode second = api.get("/api/v1/creators/c-1/coaching?limit=2&cursor=" + first.get("nextCursor").asString(), anaToken).json();

		assertThat(first.get("items")).hasSize(2);
		assertThat(Instant.parse(first.get("items").get(0).get("occurredAt").asString()))
			.isAfter(Instant.parse(first.get("items").get(1).get("occurredAt").asString()));
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.has("nextCursor")).isFalse();
		assertThat(api.get("/api/v1/creators/c-1/coaching?cursor=nope", anaToken).status()).isEqualTo(400);
	}

	@Test
	void adminsKeepTheTopicListAndRetiredTopicsStayOnOldSessions() {
		Api.Response old = api.post("/api/v1/creators/c-1/coaching", anaToken, session("[\"community\"]", null, ""));

		assertThat(api.post("/api/v1/coaching/topics", anaToken, "{\"name\": \"Collabs\"}").status()).isEqualTo(403);
		Api.Response added = api.post("/api/v1/coaching/topics", TestData.ADMIN_TOKEN, "{\"name\": \"Collabs & duets\"}");
		assertThat(added.status()).isEqualTo(201);
		assertThat(added.json().get("code").asString()).isEqualTo("collabs-duets");
		Api.Response duplicate = api.post("/api/v1/coaching/topics", TestData.ADMIN_TOKEN, "{\"name\": \"collabs & DUETS\", \"code\": \"duets\"}");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().get("field").asString()).isEqualTo("name");
		assertThat(api.post("/api/v1/coaching/topics", TestData.ADMIN_TOKEN, "{\"name\": \"\", \"code\": \"Bad Code\"}").body())
			.contains("\"field\":\"name\"").contains("code");

		Api.Response retired = api.patch("/api/v1/coaching/topics/community", TestData.ADMIN_TOKEN, "{\"active\": false}");
		assertThat(retired.json().get("active").asBoolean()).isFalse();
		Api.Response refused = api.post("/api/v1/creators/c-1/coaching", anaToken, session("[\"community\"]", null, ""));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("topics[0]").contains("Community is retired");
		assertThat(api.post("/api/v1/creators/c-1/coaching", anaToken, session("[\"collabs-duets\"]", null, "")).status()).isEqualTo(201);
		assertThat(api.get("/api/v1/creators/c-1/coaching/" + old.json().get("id").asLong(), anaToken).json().get("topics").get(0).get("name")
			.asString()).isEqualTo("Community");
		assertThat(api.patch("/api/v1/coaching/topics/nope", TestData.ADMIN_TOKEN, "{\"active\": true}").status()).isEqualTo(404);
		assertThat(audit.search(new AuditLog.AuditQuery("coaching_topic", null, null), null, 10).items())
			.extracting(e -> e.action()).containsExactly("updated", "created");
	}

	@Test
	void theTimelineShowsCoachingAndWhoResolvedTheFollowUpNewestFirst() {
		Api.Response logged = api.post("/api/v1/creators/c-1/coaching", anaToken,
				session("[\"content-cadence\"]", sessionDay().plusDays(1).toString(), ""));
		long taskId = logged.json().get("followUp").get("taskId").asLong();
		api.post("/api/v1/tasks/" + taskId + "/complete", anaToken, "{\"note\": \"Schedule posted\"}");

		JsonNode coaching = api.get("/api/v1/creators/c-1/timeline?kind=coaching", anaToken).json();
		JsonNode tasks = api.get("/api/v1/creators/c-1/timeline?kind=TASK", anaToken).json();
		JsonNode everything = api.get("/api/v1/creators/c-1/timeline", anaToken).json();

		assertThat(coaching.get("entries")).hasSize(1);
		assertThat(coaching.get("entries").get(0).get("title").asString()).isEqualTo("Coaching session: Content cadence");
		assertThat(coaching.get("entries").get(0).get("actor").asString()).isEqualTo("Ana");
		assertThat(coaching.get("entries").get(0).get("detail").asString()).contains("Next step: Three streams a week");
		assertThat(tasks.get("entries").get(0).get("title").asString()).isEqualTo("Done: Follow up with luna: Three streams a week");
		assertThat(tasks.get("entries").get(0).get("detail").asString()).isEqualTo("Schedule posted");
		assertThat(tasks.get("entries").get(0).get("actor").asString()).isEqualTo("Ana");
		List<String> kinds = new ArrayList<>();
		everything.get("entries").forEach(e -> kinds.add(e.get("kind").asString()));
		assertThat(kinds.indexOf("TASK")).isLessThan(kinds.indexOf("COACHING"));
		assertThat(api.get("/api/v1/creators/c-1/timeline?kind=gossip", anaToken).json().get("field").asString()).isEqualTo("kind");
	}
}
