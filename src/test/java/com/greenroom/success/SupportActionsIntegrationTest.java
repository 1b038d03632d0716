package com.greenroom.success;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.events.internal.ListenerRetries;
import com.greenroom.identity.UserSummary;
import com.greenroom.milestones.MilestoneReached;
import com.greenroom.milestones.MilestonesReached;
import com.greenroom.onboarding.Checklists;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.tasks.Task;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerStatus;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class SupportActionsIntegrationTest {

	/** Friday 23 October 2026, 10:00 in Berlin (CEST, +02:00); clocks go back to CET on Sunday the 25th. */
	private static final Instant FRIDAY_BEFORE_DST_ENDS = OffsetDateTime.parse("2026-10-23T10:00:00+02:00").toInstant();

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Creators creators;

	@Autowired
	Checklists checklists;

	@Autowired
	SupportActions actions;

	@Autowired
	EventFeed feed;

	@Autowired
	Timers timers;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ListenerRetries retries;

	UserSummary hans;

	@BeforeEach
	void reset() {
		data.reset();
		hans = data.manager("hans", "EU");
	}

	/** Registers a creator and waits until every listener (onboarding, stall timers) has handled the registration. */
	private Creator registered(String creatorId, String country, Long managerId, Instant at) {
		Creator creator = creators.create(data.admin(), new CreatorDraft(creatorId, "h-" + creatorId, country, null, null, null, managerId,
				null, at, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find(creatorId).isPresent() && jdbc
			.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);
		return creator;
	}

	/** What the timer runner does at {@code at}: the clock reads {@code at} and the due timers fire. */
	private int runTimersAt(Instant at) {
		clock.set(at);
		return timers.fireDue(at);
	}

	private Timer stallTimer(String milestone, String rule, String creatorId) {
		return timers.find(StallTimers.key(milestone, rule, creatorId)).orElseThrow();
	}

	private List<JsonNode> tasksOf(String creatorId, String sourceType) {
		List<JsonNode> found = new ArrayList<>();
		api.get("/api/v1/tasks?limit=500&creatorId=" + creatorId, TestData.ADMIN_TOKEN).json().get("items").forEach(t -> {
			if (t.get("sourceType").asString().equals(sourceType)) {
				found.add(t);
			}
		});
		return found;
	}

	@Test
	void noFirstStreamThreeDaysAfterRegistrationFiresOnceAtTheLocalDeadlineAcrossTheDstChange() {
		clock.set(FRIDAY_BEFORE_DST_ENDS);
		registered("c-eu", "DE", hans.id(), FRIDAY_BEFORE_DST_ENDS);
		// Three calendar days keep 10:00 local: Monday 10:00 CET is 09:00Z, not the 08:00Z of 72 hours.
		Instant deadline = Instant.parse("2026-10-26T09:00:00Z");
		assertThat(stallTimer("FIRST_STREAM", "no-first-stream", "c-eu").dueAt()).isEqualTo(deadline);

		runTimersAt(Instant.parse("2026-10-26T08:00:00Z"));
		assertThat(tasksOf("c-eu", SupportActions.STALL_SOURCE)).isEmpty();
		runTimersAt(deadline.minusSeconds(1));
		assertThat(tasksOf("c-eu", SupportActions.STALL_SOURCE)).isEmpty();
		runTimersAt(deadline);
		assertThat(stallTimer("FIRST_STREAM", "no-first-stream", "c-eu").status()).isEqualTo(TimerStatus.FIRED);
		runTimersAt(deadline);
		runTimersAt(deadline.plus(Duration.ofHours(6)));
		// a timer delivered twice (a retry after a lost commit acknowledgement) finds the claim
		assertThat(actions.fireStall("FIRST_STREAM", "no-first-stream", "c-eu", deadline.plus(Duration.ofHours(7)))).isFalse();

		List<JsonNode> stalled = tasksOf("c-eu", SupportActions.STALL_SOURCE);
		assertThat(stalled).hasSize(1);
		JsonNode task = stalled.get(0);
		assertThat(task.get("title").asString()).isEqualTo("No first stream 3 days after registration: call the creator · h-c-eu");
		assertThat(task.get("ownerId").asLong()).isEqualTo(hans.id());
		// One business day after firing, Tuesday 10:00 CET.
		assertThat(Instant.parse(task.get("dueAt").asString())).isEqualTo(Instant.parse("2026-10-27T09:00:00Z"));
		assertThat(task.get("sourceUrl").asString()).isEqualTo("/creators/c-eu");
	}

	@Test
	void stallTimersRunOnTwoNodesAtOnceOrAfterARestartStillFireEachRuleOncePerCreator() throws Exception {
		clock.set(FRIDAY_BEFORE_DST_ENDS);
		registered("c-1", "DE", hans.id(), FRIDAY_BEFORE_DST_ENDS);
		registered("c-2", "FR", null, FRIDAY_BEFORE_DST_ENDS);
		Instant now = Instant.parse("2026-10-26T12:00:00Z");
		clock.set(now);

		CompletableFuture<Integer> nodeA = CompletableFuture.supplyAsync(() -> timers.fireDue(now));
		CompletableFuture<Integer> nodeB = CompletableFuture.supplyAsync(() -> timers.fireDue(now));
		int fired = nodeA.get() + nodeB.get();
		// a restart: the claims are in the database, nothing is remembered in memory
		int afterRestart = runTimersAt(now.plus(Duration.ofMinutes(1)));

		assertThat(fired).isEqualTo(2);
		assertThat(afterRestart).isZero();
		assertThat(tasksOf("c-1", SupportActions.STALL_SOURCE)).hasSize(1);
		assertThat(tasksOf("c-2", SupportActions.STALL_SOURCE)).hasSize(1);
		assertThat(tasksOf("c-2", SupportActions.STALL_SOURCE).get(0).has("ownerId")).isFalse();
		assertThat(tasksOf("c-2", SupportActions.STALL_SOURCE).get(0).get("ownerRole").asString()).isEqualTo("CREATOR_MANAGER");
	}

	@Test
	void noRevenueAfterFourteenDaysFiresOnItsOwnDeadlineAndLongStalledCreatorsAreLeftAlone() {
		clock.set(FRIDAY_BEFORE_DST_ENDS);
		registered("c-1", "DE", hans.id(), FRIDAY_BEFORE_DST_ENDS);
		registered("c-old", "DE", hans.id(), FRIDAY_BEFORE_DST_ENDS.minus(Duration.ofDays(90)));
		Instant fourteenDays = Instant.parse("2026-11-06T09:00:00Z"); // Friday 10:00 CET

		runTimersAt(fourteenDays.minusSeconds(1));
		assertThat(tasksOf("c-1", SupportActions.STALL_SOURCE)).extracting(t -> t.get("sourceId").asString())
			.containsExactly("FIRST_STREAM:no-first-stream");
		runTimersAt(fourteenDays);

		assertThat(tasksOf("c-1", SupportActions.STALL_SOURCE)).extracting(t -> t.get("sourceId").asString())
			.containsExactlyInAnyOrder("FIRST_STREAM:no-first-stream", "FIRST_REVENUE:no-revenue");
		assertThat(tasksOf("c-old", SupportActions.STALL_SOURCE)).isEmpty();
		assertThat(timers.find(StallTimers.key("FIRST_STREAM", "no-first-stream", "c-old"))).isEmpty();
	}

	@Test
	void aStallRuleAddedLaterArmsTheCreatorsItGovernsAndAChangedWindowMovesTheirTimers() {
		clock.set(FRIDAY_BEFORE_DST_ENDS);
		registered("c-eu", "DE", hans.id(), FRIDAY_BEFORE_DST_ENDS);
		registered("c-br", "BR", null, FRIDAY_BEFORE_DST_ENDS);
		String lenaToken = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), "EU"));
		clock.set(FRIDAY_BEFORE_DST_ENDS.plus(Duration.ofDays(1)));

		Api.Response created = api.post("/api/v1/milestones/FIRST_SUBSCRIPTION/rules", lenaToken, """
				{"kind": "STALL", "key": "no-subscriber", "region": "EU", "title": "No subscriber after a week", "owner": "CREATORS_MANAGER",
				 "dueOffset": 1, "stallAfter": 7}""");
		assertThat(created.status()).as(created.body()).isEqualTo(201);

		// Friday 10:00 CEST + 7 days = Friday 10:00 CET
		assertThat(stallTimer("FIRST_SUBSCRIPTION", "no-subscriber", "c-eu").dueAt()).isEqualTo(Instant.parse("2026-10-30T09:00:00Z"));
		assertThat(timers.find(StallTimers.key("FIRST_SUBSCRIPTION", "no-subscriber", "c-br"))).as("another region's creator").isEmpty();

		long id = created.json().get("id").asLong();
		assertThat(api.patch("/api/v1/milestones/FIRST_SUBSCRIPTION/rules/" + id, lenaToken, "{\"stallAfter\": 10}").status()).isEqualTo(200);
		assertThat(stallTimer("FIRST_SUBSCRIPTION", "no-subscriber", "c-eu").dueAt()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));

		runTimersAt(Instant.parse("2026-10-30T09:00:00Z"));
		assertThat(tasksOf("c-eu", SupportActions.STALL_SOURCE)).extracting(t -> t.get("sourceId").asString())
			.doesNotContain("FIRST_SUBSCRIPTION:no-subscriber");
		runTimersAt(Instant.parse("2026-11-02T09:00:00Z"));
		assertThat(tasksOf("c-eu", SupportActions.STALL_SOURCE)).extracting(t -> t.get("sourceId").asString())
			.contains("FIRST_SUBSCRIPTION:no-subscriber");
	}

	@Test
	void reachingAMilestoneFiresItsSupportActionOnceDueOneBusinessDayLaterAcrossTheDstChange() {
		registered("c-eu", "DE", hans.id(), FRIDAY_BEFORE_DST_ENDS.minus(Duration.ofDays(1)));
		MilestoneReached reached = new MilestoneReached("c-eu", "FIRST_STREAM", Instant.parse("2026-10-23T14:00:00Z")); // 16:00 CEST
		Instant now = reached.reachedAt().plusSeconds(2);

		List<Task> first = actions.onReached(reached, now);
		List<Task> repeated = actions.onReached(reached, now.plusSeconds(60));

		assertThat(first).hasSize(1);
		assertThat(first.get(0).title()).isEqualTo("Congratulate on the first stream and share the next-step guide · h-c-eu");
		assertThat(first.get(0).ownerId()).isEqualTo(hans.id());
		// Friday 16:00:02 CEST + 1 business day = Monday 16:00:02 CET = 15:00:02Z
		assertThat(first.get(0).dueAt()).isEqualTo(Instant.parse("2026-10-26T15:00:02Z"));
		assertThat(repeated).isEmpty();
		assertThat(tasksOf("c-eu", SupportActions.ON_REACHED_SOURCE)).hasSize(1);
	}

	/**
	 * A batch's first reaches fire in one transaction, each under a savepoint: the one the database refuses (a trigger
	 * on its firing's claim) is rolled back alone and published again by itself, a failed publication retried with
	 * backoff like any other, while the others' tasks are created at once.
	 */
	@Test
	void aBatchOfReachesFiresEachAndOneThatFailsIsRetriedOnItsOwn() {
		for (String id : List.of("c-1", "c-2", "c-3")) {
			registered(id, "DE", hans.id(), FRIDAY_BEFORE_DST_ENDS.minus(Duration.ofDays(1)));
		}
		jdbc.sql("""
				create function test_refuse_firing() returns trigger language plpgsql as $$
				begin
				  if new.creator_id = 'c-2' then
				    raise exception 'firing store unavailable for c-2 (test)';
				  end if;
				  return new;
				end $$""").update();
		jdbc.sql("create trigger test_refuse_firing before insert on success_firing for each row execute function test_refuse_firing()").update();
		try {
			Instant at = FRIDAY_BEFORE_DST_ENDS;
			transactions.executeWithoutResult(status -> publisher.publishEvent(new MilestonesReached(List.of(
					new MilestoneReached("c-1", "FIRST_STREAM", at), new MilestoneReached("c-2", "FIRST_STREAM", at),
					new MilestoneReached("c-3", "FIRST_STREAM", at)))));

			await().atMost(Duration.ofSeconds(10)).until(() -> failedSupportActions() == 1);
			assertThat(tasksOf("c-1", SupportActions.ON_REACHED_SOURCE)).hasSize(1);
			assertThat(tasksOf("c-3", SupportActions.ON_REACHED_SOURCE)).hasSize(1);
			assertThat(tasksOf("c-2", SupportActions.ON_REACHED_SOURCE)).isEmpty();
			assertThat(jdbc.sql("select event_type from event_publication where status = 'FAILED'").query(String.class).single())
				.as("the failed one alone, not the batch").endsWith(".MilestoneReached");
			assertThat(jdbc.sql("select count(*) from event_publication where event_type like '%MilestonesReached'").query(Long.class).single())
				.as("the batch's publications completed").isZero();
		}
		finally {
			jdbc.sql("drop trigger if exists test_refuse_firing on success_firing").update();
			jdbc.sql("drop function if exists test_refuse_firing()").update();
		}
		clock.advance(Duration.ofSeconds(10));
		assertThat(retries.resubmitDue()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> tasksOf("c-2", SupportActions.ON_REACHED_SOURCE).size() == 1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select count(*) from event_publication").query(Long.class).single() == 0);
		assertThat(tasksOf("c-1", SupportActions.ON_REACHED_SOURCE)).hasSize(1);
	}

	private long failedSupportActions() {
		return jdbc.sql("select count(*) from event_publication where listener_id like '%SupportActionListener%' and status = 'FAILED'")
			.query(Long.class)
			.single();
	}

	@Test
	void aFirstStreamFromThePlatformFiresTheSupportActionAndKeepsTheStallRuleQuiet() {
		Instant registeredAt = Instant.parse("2026-10-23T08:00:00Z");
		clock.set(registeredAt);
		registered("c-1", "DE", hans.id(), registeredAt);
		clock.set(registeredAt.plus(Duration.ofHours(32)));

		feed.send(EventFeed.started("e-1", "c-1", "s-1", registeredAt.plus(Duration.ofHours(30))),
				EventFeed.ended("e-2", "c-1", "s-1", registeredAt.plus(Duration.ofHours(31))));

		await().atMost(Duration.ofSeconds(10)).until(() -> !tasksOf("c-1", SupportActions.ON_REACHED_SOURCE).isEmpty());
		runTimersAt(Instant.parse("2026-10-26T12:00:00Z"));
		assertThat(stallTimer("FIRST_STREAM", "no-first-stream", "c-1").status()).isEqualTo(TimerStatus.FIRED);
		assertThat(tasksOf("c-1", SupportActions.STALL_SOURCE)).isEmpty();
		JsonNode fired = api.get("/api/v1/creators/c-1/support-actions", data.tokenOf(hans)).json();
		assertThat(fired).hasSize(1);
		assertThat(fired.get(0).get("ruleKey").asString()).isEqualTo("congratulate");
		assertThat(api.get("/api/v1/creators/c-1/timeline?kind=MILESTONE", data.tokenOf(hans)).body()).contains("First stream");
	}

	@Test
	void aRegionalRuleReplacesTheGlobalOneOfItsKeyInItsRegionOnly() {
		String lenaToken = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), "EU"));
		UserSummary ana = data.manager("ana", "LATAM");
		registered("c-eu", "DE", hans.id(), FRIDAY_BEFORE_DST_ENDS);
		registered("c-br", "BR", ana.id(), FRIDAY_BEFORE_DST_ENDS);

		Api.Response created = api.post("/api/v1/milestones/FIRST_STREAM/rules", lenaToken, """
				{"kind": "ON_REACHED", "key": "congratulate", "region": "EU", "title": "Gratulieren und Leitfaden teilen",
				 "owner": "REGIONAL_LEAD", "dueOffset": 0, "dueUnit": "DAYS"}""");
		assertThat(created.status()).isEqualTo(201);
		Instant now = FRIDAY_BEFORE_DST_ENDS.plus(Duration.ofDays(1));

		List<Task> eu = actions.onReached(new MilestoneReached("c-eu", "FIRST_STREAM", now), now);
		List<Task> latam = actions.onReached(new MilestoneReached("c-br", "FIRST_STREAM", now), now);

		assertThat(eu).extracting(Task::title).containsExactly("Gratulieren und Leitfaden teilen · h-c-eu");
		assertThat(eu.get(0).ownerId()).isNull();
		assertThat(eu.get(0).ownerRole().name()).isEqualTo("REGIONAL_LEAD");
		assertThat(eu.get(0).dueAt()).isEqualTo(now);
		assertThat(latam).extracting(Task::title).containsExactly("Congratulate on the first stream and share the next-step guide · h-c-br");
		assertThat(api.get("/api/v1/milestones/FIRST_STREAM/rules", data.tokenOf(ana)).body()).doesNotContain("Gratulieren");
		assertThat(api.get("/api/v1/milestones/FIRST_STREAM/rules", lenaToken).body()).contains("Gratulieren");

		long id = created.json().get("id").asLong();
		assertThat(api.patch("/api/v1/milestones/FIRST_STREAM/rules/" + id, lenaToken, "{\"active\": false}").status()).isEqualTo(200);
		registered("c-eu2", "DE", hans.id(), FRIDAY_BEFORE_DST_ENDS);
		assertThat(actions.onReached(new MilestoneReached("c-eu2", "FIRST_STREAM", now), now)).isEmpty();
	}

	@Test
	void badRulesAreProblemsNamingTheFieldAndRightsFollowTheScope() {
		String anaToken = data.tokenOf(data.manager("ana", "LATAM"));
		String lenaToken = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), "EU"));

		Api.Response bad = api.post("/api/v1/milestones/FIRST_REVENUE/rules", TestData.ADMIN_TOKEN,
				"{\"kind\": \"STALL\", \"title\": \"Check in\", \"owner\": \"BOSS\", \"dueOffset\": -1}");
		assertThat(bad.status()).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		assertThat(fields).containsExactly("owner", "dueOffset", "stallAfter");

		assertThat(api.post("/api/v1/milestones/FIRST_REVENUE/rules", TestData.ADMIN_TOKEN,
				"{\"kind\": \"SOMETIMES\", \"title\": \"x\", \"owner\": \"CREATORS_MANAGER\", \"dueOffset\": 1}")
			.body()).contains("\"field\":\"kind\"");
		assertThat(api.post("/api/v1/milestones/NO_SUCH/rules", TestData.ADMIN_TOKEN, "{}").status()).isEqualTo(404);
		assertThat(api.post("/api/v1/milestones/FIRST_REVENUE/rules", anaToken, "{\"region\": \"LATAM\"}").status()).isEqualTo(403);
		assertThat(api.post("/api/v1/milestones/FIRST_REVENUE/rules", lenaToken, "{\"title\": \"global\"}").status()).isEqualTo(403);
		Api.Response duplicate = api.post("/api/v1/milestones/FIRST_REVENUE/rules", TestData.ADMIN_TOKEN, """
				{"kind": "STALL", "key": "no-revenue", "title": "Again", "owner": "CREATORS_MANAGER", "dueOffset": 1, "stallAfter": 7}""");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().get("field").asString()).isEqualTo("key");
		long seeded = api.get("/api/v1/milestones/FIRST_REVENUE/rules", TestData.ADMIN_TOKEN).json().get(0).get("id").asLong();
		assertThat(api.patch("/api/v1/milestones/FIRST_REVENUE/rules/" + seeded, lenaToken, "{\"title\": \"mine\"}").status()).isEqualTo(403);
	}
}
