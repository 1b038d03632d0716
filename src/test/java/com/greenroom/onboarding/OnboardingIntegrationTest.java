package com.greenroom.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.calendar.BusinessCalendars;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class OnboardingIntegrationTest {

	private static final String STEPS = """
			[{"key": "hello", "title": "Say hello", "ownerRole": "CREATOR_MANAGER", "dueOffset": 1, "dueUnit": "BUSINESS_DAYS"},
			 {"key": "follow-up", "title": "Follow up", "ownerRole": "CREATOR_MANAGER", "dueOffset": 2, "after": "hello"}]""";

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Creators creators;

	@Autowired
	Checklists checklists;

	@Autowired
	BusinessCalendars calendars;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void reset() {
		data.reset();
	}

	private JsonNode onboardingOf(String creatorId) {
		await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find(creatorId).isPresent());
		Api.Response response = api.get("/api/v1/creators/" + creatorId + "/onboarding", TestData.ADMIN_TOKEN);
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	private long templateId(String region) {
		for (JsonNode template : api.get("/api/v1/onboarding/templates", TestData.ADMIN_TOKEN).json()) {
			if (region == null ? !template.has("region") || template.get("region").isNull()
					: template.has("region") && region.equals(template.get("region").asString())) {
				return template.get("id").asLong();
			}
		}
		throw new AssertionError("no template for " + region);
	}

	private Creator creator(String creatorId, String country, String language, Long managerId) {
		return creators.create(data.admin(), new CreatorDraft(creatorId, "h-" + creatorId, country, null, language, null, managerId, null, null,
				null));
	}

	private static List<String> keys(JsonNode checklist) {
		List<String> keys = new ArrayList<>();
		checklist.get("steps").forEach(s -> keys.add(s.get("key").asString()));
		return keys;
	}

	@Test
	void aRegisteredCreatorGetsTheGlobalTemplateWithManagerStepsOwnedByTheirManager() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR", ana.id());

		JsonNode checklist = onboardingOf("c-1");

		assertThat(checklist.get("templateName").asString()).isEqualTo("Creator onboarding");
		assertThat(checklist.get("templateVersion").asInt()).isEqualTo(1);
		assertThat(keys(checklist)).containsExactly("welcome-call", "profile-setup", "first-stream-support", "community-standards",
				"content-cadence", "monetization-intro", "day-7-check-in", "onboarding-review");
		JsonNode welcome = checklist.get("steps").get(0);
		assertThat(welcome.get("ownerName").asString()).isEqualTo("Ana");
		assertThat(welcome.get("taskStatus").asString()).isEqualTo("OPEN");
		Instant started = Instant.parse(checklist.get("startedAt").asString());
		assertThat(Instant.parse(welcome.get("dueAt").asString())).isEqualTo(calendars.addBusinessDays("LATAM", started, 1));
		JsonNode profile = checklist.get("steps").get(1);
		JsonNode firstStream = checklist.get("steps").get(2);
		assertThat(Instant.parse(firstStream.get("dueAt").asString()))
			.isEqualTo(calendars.addBusinessDays("LATAM", Instant.parse(profile.get("dueAt").asString()), 1));
		JsonNode safety = checklist.get("steps").get(3);
		assertThat(safety.has("ownerId") && !safety.get("ownerId").isNull()).isFalse();
		assertThat(checklist.get("progress").get("required").asInt()).isEqualTo(5);
		assertThat(checklist.get("progress").get("requiredResolved").asInt()).isZero();
		assertThat(api.get("/api/v1/tasks?creatorId=c-1", TestData.ADMIN_TOKEN).json().get("items").size()).isEqualTo(8);
	}

	@Test
	void aSoutheastAsianCreatorGetsTheRegionalVariantAndTheLanguageStepOnlyInALocalLanguage() {
		creator("c-id", "ID", "id-ID", null);
		creator("c-th", "TH", "en", null);

		JsonNode indonesian = onboardingOf("c-id");
		JsonNode english = onboardingOf("c-th");

		assertThat(indonesian.get("templateRegion").asString()).isEqualTo("SEA");
		assertThat(keys(indonesian)).contains("local-community").hasSize(9);
		assertThat(english.get("templateRegion").asString()).isEqualTo("SEA");
		assertThat(keys(english)).doesNotContain("local-community").hasSize(8);
	}

	@Test
	void completingAStepTaskMovesTheChecklistsProgress() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR", ana.id());
		long taskId = onboardingOf("c-1").get("steps").get(0).get("taskId").asLong();

		assertThat(api.post("/api/v1/tasks/" + taskId + "/complete", data.tokenOf(ana), "{\"note\": \"Great call\"}").status()).isEqualTo(200);

		JsonNode progress = onboardingOf("c-1").get("progress");
		assertThat(progress.get("requiredResolved").asInt()).isEqualTo(1);
		assertThat(progress.get("done").asInt()).isEqualTo(1);
	}

	@Test
	void publishingANewVersionLeavesRunningChecklistsOnTheirs() {
		data.creator("c-old", "old", "BR");
		assertThat(onboardingOf("c-old").get("templateVersion").asInt()).isEqualTo(1);
		long global = templateId(null);

		Api.Response draft = api.post("/api/v1/onboarding/templates/" + global + "/versions", TestData.ADMIN_TOKEN, "");
		assertThat(draft.status()).isEqualTo(201);
		assertThat(draft.json().get("version").asInt()).isEqualTo(2);
		assertThat(draft.json().get("steps").size()).isEqualTo(8);
		assertThat(api.put("/api/v1/onboarding/templates/" + global + "/versions/2", TestData.ADMIN_TOKEN, "{\"steps\": " + STEPS + "}").status())
			.isEqualTo(200);
		assertThat(api.post("/api/v1/onboarding/templates/" + global + "/versions/2/publish", TestData.ADMIN_TOKEN, "").status()).isEqualTo(200);
		data.creator("c-new", "new", "BR");

		JsonNode newer = onboardingOf("c-new");
		assertThat(newer.get("templateVersion").asInt()).isEqualTo(2);
		assertThat(keys(newer)).containsExactly("hello", "follow-up");
		JsonNode older = onboardingOf("c-old");
		assertThat(older.get("templateVersion").asInt()).isEqualTo(1);
		assertThat(older.get("steps").size()).isEqualTo(8);
	}

	@Autowired
	com.greenroom.events.PlatformEvents platformEvents;

	@Test
	void aCreatorRegisteredByThePlatformStartsOnboardingOnceEvenWhenEarlierEventsMadeAPlaceholder() {
		java.time.Instant registered = java.time.Instant.parse("2026-11-20T03:00:00Z");
		String ndjson = """
				{"id":"e-f1","type":"follow.created","occurredAt":"2026-11-20T04:00:00Z","creatorId":"c-plat","viewerId":"v1"}
				{"id":"e-r1","type":"creator.registered","occurredAt":"%s","creatorId":"c-plat","handle":"siti","country":"ID","language":"id"}
				""".formatted(registered);
		String second = """
				{"id":"e-r2","type":"creator.registered","occurredAt":"2026-11-19T03:00:00Z","creatorId":"c-plat","handle":"siti","country":"ID"}
				""";
		assertThat(platformEvents.ingestNdjson(ndjson.getBytes(StandardCharsets.UTF_8)).rejected()).isEmpty();
		platformEvents.catchUp();
		assertThat(platformEvents.ingestNdjson(second.getBytes(StandardCharsets.UTF_8)).rejected()).isEmpty();
		platformEvents.catchUp();

		JsonNode onboarding = onboardingOf("c-plat");
		assertThat(keys(onboarding)).contains("local-community");
		assertThat(jdbc.sql("select count(*) from onboarding_checklist where creator_id = 'c-plat'").query(Long.class).single()).isEqualTo(1);
	}

	@Autowired
	EventFeed feed;

	private static JsonNode step(JsonNode checklist, String key) {
		for (JsonNode step : checklist.get("steps")) {
			if (key.equals(step.get("key").asString())) {
				return step;
			}
		}
		throw new AssertionError("no step " + key);
	}

	@Test
	void aChecklistStartedLateCountsFromTheRegistrationSoStepsAlreadyPastDueStartOverdue() {
		// registered at 09:00 New York summer time, a month before the checklist starts (now: TestClock.START);
		// the day-7 check-in falls after the change to winter time, still at 09:00 New York time
		Instant registeredEarly = Instant.parse("2026-10-29T13:00:00Z");
		// registered yesterday at 08:00 New York time
		Instant registeredYesterday = Instant.parse("2026-11-29T13:00:00Z");
		feed.send(EventFeed.registered("e-late", "c-late", "US", null, registeredEarly),
				EventFeed.registered("e-new", "c-new", "US", null, registeredYesterday));

		JsonNode late = onboardingOf("c-late");
		JsonNode recent = onboardingOf("c-new");

		assertThat(Instant.parse(late.get("startedAt").asString())).isEqualTo(TestClock.START);
		assertThat(Instant.parse(step(late, "day-7-check-in").get("dueAt").asString())).isEqualTo(Instant.parse("2026-11-05T14:00:00Z"));
		assertThat(Instant.parse(step(late, "welcome-call").get("dueAt").asString()))
			.isEqualTo(calendars.addBusinessDays("NA", registeredEarly, 1));
		assertThat(late.get("steps")).allSatisfy(s -> assertThat(s.get("overdue").asBoolean()).as(s.get("key").asString()).isTrue());
		assertThat(late.get("progress").get("overdue").asInt()).isEqualTo(late.get("steps").size());
		assertThat(Instant.parse(step(recent, "day-7-check-in").get("dueAt").asString())).isEqualTo(Instant.parse("2026-12-06T13:00:00Z"));
		assertThat(step(recent, "day-7-check-in").get("overdue").asBoolean()).isFalse();
		assertThat(recent.get("progress").get("overdue").asInt()).isZero();
	}

	@Test
	void aCreatorsChecklistStartsExactlyOnce() {
		Creator creator = data.creator("c-1", "luna", "BR");
		onboardingOf("c-1");

		assertThat(checklists.startFor(creator, "system")).isEmpty();
		Api.Response byHand = api.post("/api/v1/creators/c-1/onboarding", TestData.ADMIN_TOKEN, "");
		assertThat(byHand.status()).isEqualTo(409);
		assertThat(byHand.json().get("field").asString()).isEqualTo("creatorId");
		assertThat(jdbc.sql("select count(*) from onboarding_checklist where creator_id = 'c-1'").query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from task where creator_id = 'c-1'").query(Long.class).single()).isEqualTo(8);
		// the registration listener's start, audited once with the version it took and the steps it created
		assertThat(jdbc.sql("""
				select actor || ' ' || (after->>'template') || ' v' || (after->>'version') || ', ' || (after->>'steps') || ' steps'
				from audit_log where entity_type = 'onboarding_checklist' and entity_id = 'c-1' and action = 'started'""")
			.query(String.class)
			.list()).containsExactly("system Creator onboarding v1, 8 steps");
	}

	@Test
	void aPendingCreatorStartsOnboardingByHand() {
		creators.create(data.admin(), new CreatorDraft("c-p", "pending", "BR", null, null, null, null, "PENDING", null, null));

		assertThat(api.get("/api/v1/creators/c-p/onboarding", TestData.ADMIN_TOKEN).status()).isEqualTo(404);
		Api.Response started = api.post("/api/v1/creators/c-p/onboarding", TestData.ADMIN_TOKEN, "");
		assertThat(started.status()).isEqualTo(201);
		assertThat(started.json().get("templateVersion").asInt()).isEqualTo(1);
	}

	@Test
	void editingAPublishedVersionIsAConflictNamingTheField() {
		long global = templateId(null);

		Api.Response refused = api.put("/api/v1/onboarding/templates/" + global + "/versions/1", TestData.ADMIN_TOKEN,
				"{\"steps\": " + STEPS + "}");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("field").asString()).isEqualTo("steps");
		assertThat(refused.json().get("detail").asString()).contains("published");
		Api.Response republish = api.post("/api/v1/onboarding/templates/" + global + "/versions/1/publish", TestData.ADMIN_TOKEN, "");
		assertThat(republish.status()).isEqualTo(409);
		assertThat(api.get("/api/v1/onboarding/templates/" + global + "/versions/1", TestData.ADMIN_TOKEN).json().get("steps").size())
			.isEqualTo(8);
	}

	@Test
	void badStepsAreRefusedNamingTheStepAndField() {
		long global = templateId(null);
		api.post("/api/v1/onboarding/templates/" + global + "/versions", TestData.ADMIN_TOKEN, "");
		String path = "/api/v1/onboarding/templates/" + global + "/versions/2";

		Api.Response unknownRole = api.put(path, TestData.ADMIN_TOKEN, """
				{"steps": [{"title": "A", "ownerRole": "JANITOR", "dueOffset": 1}]}""");
		assertThat(unknownRole.status()).isEqualTo(400);
		assertThat(unknownRole.json().get("field").asString()).isEqualTo("steps[0].ownerRole");
		Api.Response negative = api.put(path, TestData.ADMIN_TOKEN, """
				{"steps": [{"title": "A", "ownerRole": "SAFETY", "dueOffset": 1}, {"title": "B", "ownerRole": "SAFETY", "dueOffset": -3}]}""");
		assertThat(negative.json().get("field").asString()).isEqualTo("steps[1].dueOffset");
		Api.Response cyclic = api.put(path, TestData.ADMIN_TOKEN, """
				{"steps": [{"key": "a", "title": "A", "ownerRole": "SAFETY", "dueOffset": 1, "after": "b"},
				           {"key": "b", "title": "B", "ownerRole": "SAFETY", "dueOffset": 1, "after": "a"}]}""");
		assertThat(cyclic.status()).isEqualTo(400);
		assertThat(cyclic.json().get("field").asString()).isEqualTo("steps[0].after");
		assertThat(cyclic.json().get("detail").asString()).contains("a → b → a");
		assertThat(api.get(path, TestData.ADMIN_TOKEN).json().get("steps").size()).isEqualTo(8);
	}

	@Test
	void leadsOwnTheirRegionsVariantOnlyAndAnotherRegionsChecklistIsNotFound() {
		String lead = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), "LATAM"));
		String manager = data.tokenOf(data.manager("ana", "LATAM"));
		creator("c-id", "ID", "id", null);
		onboardingOf("c-id");

		assertThat(api.post("/api/v1/onboarding/templates/" + templateId(null) + "/versions", lead, "").status()).isEqualTo(403);
		Api.Response variant = api.post("/api/v1/onboarding/templates", lead, """
				{"name": "Onboarding · LATAM", "region": "LATAM"}""");
		assertThat(variant.status()).isEqualTo(201);
		assertThat(variant.json().get("steps").size()).isEqualTo(8);
		assertThat(api.post("/api/v1/onboarding/templates", lead, """
				{"name": "Onboarding · SEA", "region": "SEA"}""").status()).isEqualTo(403);
		assertThat(api.post("/api/v1/onboarding/templates", TestData.ADMIN_TOKEN, """
				{"name": "Again", "region": "LATAM"}""").json().get("field").asString()).isEqualTo("region");
		assertThat(api.get("/api/v1/creators/c-id/onboarding", manager).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/onboarding/templates/" + templateId("SEA"), manager).status()).isEqualTo(404);
	}
}
