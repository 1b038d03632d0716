package com.greenroom.routines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.calendar.BusinessCalendars;
import com.greenroom.identity.Regions;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.tasks.Tasks;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class RoutinesIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	TestClock clock;

	@Autowired
	Timers timers;

	@Autowired
	RoutineGenerator generator;

	@Autowired
	RoutineStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Tasks tasks;

	@Autowired
	Regions regions;

	@Autowired
	BusinessCalendars calendars;

	@Autowired
	PlatformTransactionManager transactionManager;

	String lead;

	@BeforeEach
	void reset() {
		data.reset();
		lead = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), "EU"));
	}

	private JsonNode create(String token, String body) {
		Api.Response created = api.post("/api/v1/routines", token, body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private JsonNode tasksOf(long routineId) {
		Api.Response listed = api.get("/api/v1/tasks?routine=" + routineId + "&limit=200", TestData.ADMIN_TOKEN);
		assertThat(listed.status()).as(listed.body()).isEqualTo(200);
		return listed.json().get("items");
	}

	private static List<String> dues(JsonNode items) {
		List<String> dues = new ArrayList<>();
		items.forEach(t -> dues.add(t.get("dueAt").asString()));
		return dues;
	}

	private long routineTasks() {
		return jdbc.sql("select count(*) from task where source_type = 'ROUTINE'").query(Long.class).single();
	}

	@Test
	void aLeadsRoutineBecomesTasksAtNineBerlinTimeThatOpenTheRegionsTopRooms() {
		JsonNode routine = create(lead, """
				{"title": "Monitor top rooms", "region": "EU", "rrule": "FREQ=DAILY", "dueTime": "09:00", "ownerRole": "CREATOR_MANAGER",
				 "view": "TOP_ROOMS", "horizonDays": 3, "guidance": "Look at the **top** rooms", "checklist": ["Ten rooms", ""]}""");
		assertThat(routine.get("region").asString()).isEqualTo("EU");
		assertThat(routine.get("checklist").size()).isEqualTo(1);

		// created Monday 30 November 2026 at 10:00 Berlin: today's 09:00 has passed, the next three days are generated
		JsonNode items = tasksOf(routine.get("id").asLong());
		assertThat(dues(items)).containsExactly("2026-12-01T08:00:00Z", "2026-12-02T08:00:00Z", "2026-12-03T08:00:00Z");
		JsonNode first = items.get(0);
		assertThat(first.get("kind").asString()).isEqualTo("ROUTINE");
		assertThat(first.get("sourceUrl").asString()).isEqualTo("/live?region=EU");
		assertThat(first.get("sourceId").asString()).isEqualTo(routine.get("id").asLong() + ":EU:2026-12-01T09:00");
		assertThat(first.get("ownerRole").asString()).isEqualTo("CREATOR_MANAGER");
		assertThat(first.get("regionCode").asString()).isEqualTo("EU");
	}

	@Test
	void anEveryRegionRoutineFallsDueInEachRegionsOwnTimeZone() {
		JsonNode routine = create(TestData.ADMIN_TOKEN, """
				{"title": "Handle critical tickets", "region": "*", "rrule": "FREQ=WEEKLY;BYDAY=TU", "dueTime": "09:00",
				 "ownerRole": "REGIONAL_LEAD", "view": "CRITICAL_TICKETS", "horizonDays": 7}""");
		List<String> regionsDue = new ArrayList<>();
		tasksOf(routine.get("id").asLong()).forEach(t -> regionsDue.add(t.get("regionCode").asString() + " " + t.get("dueAt").asString()));
		assertThat(regionsDue).contains("SA 2026-12-01T03:30:00Z", "EU 2026-12-01T08:00:00Z", "LATAM 2026-12-01T12:00:00Z",
				"NA 2026-12-01T14:00:00Z");
		assertThat(regionsDue).hasSize(regions.all().size());
		// a lead cannot make a routine for every region
		assertThat(api.post("/api/v1/routines", lead, """
				{"title": "x", "region": "*", "rrule": "FREQ=DAILY", "dueTime": "09:00", "ownerRole": "REGIONAL_LEAD",
				 "view": "TOP_ROOMS", "horizonDays": 7}""").status()).isEqualTo(403);
	}

	@Test
	void eachOccurrenceBecomesExactlyOneTaskWithTwoGeneratorsOnOneDatabaseAndARestart() throws Exception {
		long id = create(lead, """
				{"title": "Flag policy risks", "region": "EU", "rrule": "FREQ=DAILY", "dueTime": "11:00", "ownerRole": "SAFETY",
				 "view": "POLICY_RISKS", "horizonDays": 14}""").get("id").asLong();
		long atCreation = routineTasks();
		assertThat(atCreation).isEqualTo(14);

		// two nodes: each its own generator over the same database, both generating the next stretch at once, many times
		RoutineGenerator otherNode = new RoutineGenerator(store, jdbc, tasks, timers, regions, calendars, clock, transactionManager, false);
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);
		clock.advance(Duration.ofDays(5));
		Instant now = clock.instant();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (RoutineGenerator node : List.of(generator, otherNode)) {
				runs.add(nodes.submit(() -> {
					start.await();
					int created = 0;
					for (int i = 0; i < 10; i++) {
						Integer round = transaction.execute(s -> node.generate(id, now));
						created += round == null ? 0 : round;
					}
					return created;
				}));
			}
			start.countDown();
			int created = 0;
			for (Future<Integer> run : runs) {
				created += run.get();
			}
			assertThat(created).isEqualTo(5);
		}
		finally {
			nodes.shutdown();
		}

		// a restart that lost its watermark (a crash between claims and the watermark) claims nothing twice
		jdbc.sql("update routine set generated_until = :earlier where id = :id")
			.param("earlier", java.sql.Timestamp.from(TestClock.START))
			.param("id", id)
			.update();
		RoutineGenerator restarted = new RoutineGenerator(store, jdbc, tasks, timers, regions, calendars, clock, transactionManager, false);
		Integer again = transaction.execute(s -> restarted.generate(id, now));
		assertThat(again).isZero();

		// and the durable timers fired by both nodes at once add each later occurrence once
		clock.advance(Duration.ofDays(3));
		ExecutorService firing = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> a = firing.submit(() -> timers.fireDue(clock.instant()));
			Future<Integer> b = firing.submit(() -> timers.fireDue(clock.instant()));
			a.get();
			b.get();
		}
		finally {
			firing.shutdown();
		}
		JsonNode items = tasksOf(id);
		List<String> dues = dues(items);
		assertThat(dues).doesNotHaveDuplicates();
		// 30 November to 21 December at 11:00 Berlin (up to the 14 days ahead of 8 December), every day once
		assertThat(dues).hasSize(22).startsWith("2026-11-30T10:00:00Z").endsWith("2026-12-21T10:00:00Z");
		assertThat(jdbc.sql("select count(distinct source_id) from task where source_type = 'ROUTINE'").query(Long.class).single()).isEqualTo(22);
	}

	@Test
	void theNextStretchIsGeneratedByATimerWhenItEntersTheHorizon() {
		long id = create(lead, """
				{"title": "Coach mid-tier creators", "region": "EU", "rrule": "FREQ=WEEKLY;BYDAY=TU,FR", "dueTime": "14:00",
				 "ownerRole": "CREATOR_MANAGER", "view": "MID_TIER", "horizonDays": 7}""").get("id").asLong();
		assertThat(dues(tasksOf(id))).containsExactly("2026-12-01T13:00:00Z", "2026-12-04T13:00:00Z");
		// the next (Tuesday 8 December 14:00 Berlin) enters the 7-day horizon on 1 December at 13:00Z
		assertThat(timers.fireDue(Instant.parse("2026-12-01T12:59:59Z"))).isZero();
		clock.set(Instant.parse("2026-12-01T13:00:00Z"));
		assertThat(timers.fireDue(clock.instant())).isEqualTo(1);
		assertThat(dues(tasksOf(id))).containsExactly("2026-12-01T13:00:00Z", "2026-12-04T13:00:00Z", "2026-12-08T13:00:00Z");
		assertThat(timers.fireDue(clock.instant())).isZero();
	}

	@Test
	void editingARoutineChangesOnlyItsFutureOccurrences() {
		UserSummary ana = data.manager("ana", "EU");
		long id = create(lead, """
				{"title": "Monitor top rooms", "region": "EU", "rrule": "FREQ=DAILY", "dueTime": "09:00", "ownerRole": "CREATOR_MANAGER",
				 "view": "TOP_ROOMS", "horizonDays": 4}""").get("id").asLong();
		JsonNode before = tasksOf(id);
		long doneEarly = before.get(2).get("id").asLong();
		tasks.complete(data.viewerOf(ana), doneEarly, "ahead of time");
		// Tuesday 1 December 10:00 Berlin: the 1 December task is due (and open); the rest are ahead
		clock.set(Instant.parse("2026-12-01T09:00:00Z"));

		Api.Response edited = api.patch("/api/v1/routines/" + id, lead, "{\"dueTime\": \"16:30\", \"view\": \"mid-tier\"}");
		assertThat(edited.status()).as(edited.body()).isEqualTo(200);
		assertThat(edited.json().get("revision").asInt()).isEqualTo(2);

		List<String> open = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		tasksOf(id).forEach(t -> (t.get("status").asString().equals("SKIPPED") ? skipped : open)
			.add(t.get("dueAt").asString() + " " + t.get("status").asString() + " " + t.get("sourceUrl").asString()));
		assertThat(skipped).containsExactly("2026-12-02T08:00:00Z SKIPPED /live?region=EU", "2026-12-04T08:00:00Z SKIPPED /live?region=EU");
		// the task already due and the one done ahead of time stay; the new schedule's occurrences are new tasks
		assertThat(open).containsExactly("2026-12-01T08:00:00Z OPEN /live?region=EU", "2026-12-01T15:30:00Z OPEN /tiers/mid?region=EU",
				"2026-12-02T15:30:00Z OPEN /tiers/mid?region=EU", "2026-12-03T08:00:00Z DONE /live?region=EU",
				"2026-12-03T15:30:00Z OPEN /tiers/mid?region=EU", "2026-12-04T15:30:00Z OPEN /tiers/mid?region=EU");
	}

	@Test
	void aPausedRoutineMakesNoTasksAndResumingOwesNothingFromThePause() {
		long id = create(lead, """
				{"title": "Flag policy risks", "region": "EU", "rrule": "FREQ=DAILY", "dueTime": "11:00", "ownerRole": "SAFETY",
				 "view": "POLICY_RISKS", "horizonDays": 2}""").get("id").asLong();
		assertThat(api.post("/api/v1/routines/" + id + "/pause", lead, "").json().get("paused").asBoolean()).isTrue();
		assertThat(tasksOf(id)).allSatisfy(t -> assertThat(t.get("status").asString()).isEqualTo("SKIPPED"));
		clock.advance(Duration.ofDays(5));
		timers.fireDue(clock.instant());
		assertThat(tasksOf(id).size()).isEqualTo(2);

		assertThat(api.post("/api/v1/routines/" + id + "/resume", lead, "").json().get("paused").asBoolean()).isFalse();
		List<String> open = new ArrayList<>();
		tasksOf(id).forEach(t -> {
			if (t.get("status").asString().equals("OPEN")) {
				open.add(t.get("dueAt").asString());
			}
		});
		assertThat(open).containsExactly("2026-12-05T10:00:00Z", "2026-12-06T10:00:00Z");
	}

	@Test
	void badRoutinesAreRefusedNamingTheFieldAndNothingIsCreated() {
		assertThat(problemField(lead, """
				{"title": "x", "region": "EU", "rrule": "FREQ=FORTNIGHTLY", "dueTime": "09:00", "ownerRole": "SAFETY", "view": "TOP_ROOMS",
				 "horizonDays": 7}""")).isEqualTo("rrule");
		assertThat(problemField(lead, """
				{"title": "x", "region": "EU", "rrule": "FREQ=DAILY", "dueTime": "09:00", "ownerRole": "SAFETY", "view": "TOP_ROOMS"}"""))
			.isEqualTo("horizonDays");
		assertThat(problemField(lead, """
				{"title": "x", "region": "EU", "rrule": "FREQ=DAILY", "dueTime": "24:00", "ownerRole": "SAFETY", "view": "TOP_ROOMS",
				 "horizonDays": 7}""")).isEqualTo("dueTime");
		assertThat(problemField(lead, """
				{"title": "x", "region": "EU", "rrule": "FREQ=DAILY", "dueTime": "09:00", "ownerRole": "JANITOR", "view": "TOP_ROOMS",
				 "horizonDays": 7}""")).isEqualTo("ownerRole");
		assertThat(problemField(lead, """
				{"title": "x", "region": "EU", "rrule": "FREQ=DAILY", "dueTime": "09:00", "ownerRole": "SAFETY", "view": "WEATHER",
				 "horizonDays": 7}""")).isEqualTo("view");
		assertThat(problemField(lead, """
				{"title": "x", "region": "ATLANTIS", "rrule": "FREQ=DAILY", "dueTime": "09:00", "ownerRole": "SAFETY", "view": "TOP_ROOMS",
				 "horizonDays": 7}""")).isEqualTo("region");
		assertThat(problemField(lead, """
				{"title": "x", "region": "SEA", "rrule": "FREQ=DAILY", "dueTime": "09:00", "ownerRole": "SAFETY", "view": "TOP_ROOMS",
				 "horizonDays": 7}""")).isEqualTo("region");
		// a bounded rule needs no horizon
		assertThat(create(lead, """
				{"title": "Three check-ins", "region": "EU", "rrule": "FREQ=DAILY;COUNT=3", "dueTime": "09:00", "ownerRole": "SAFETY",
				 "view": "TOP_ROOMS", "startsOn": "2026-12-01"}""").has("horizonDays")).isFalse();
		assertThat(jdbc.sql("select count(*) from routine where seed_key is null").query(Long.class).single()).isEqualTo(1);
		assertThat(routineTasks()).isEqualTo(3);
		assertThat(api.get("/api/v1/tasks?routine=abc", TestData.ADMIN_TOKEN).json().get("errors").get(0).get("field").asString())
			.isEqualTo("routine");
	}

	private String problemField(String token, String body) {
		Api.Response refused = api.post("/api/v1/routines", token, body);
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		return refused.json().get("errors").get(0).get("field").asString();
	}

	@Test
	void anotherRegionsRoutineDoesNotExistForAManagerAndOnlyLeadsEdit() {
		long id = create(lead, """
				{"title": "Flag policy risks", "region": "EU", "rrule": "FREQ=DAILY", "dueTime": "11:00", "ownerRole": "SAFETY",
				 "view": "POLICY_RISKS", "horizonDays": 2}""").get("id").asLong();
		String seaManager = data.tokenOf(data.manager("kai", "SEA"));
		String euManager = data.tokenOf(data.manager("ana", "EU"));
		assertThat(api.get("/api/v1/routines/" + id, seaManager).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/routines/" + id, euManager).status()).isEqualTo(200);
		assertThat(api.patch("/api/v1/routines/" + id, euManager, "{\"title\": \"mine now\"}").status()).isEqualTo(403);
		assertThat(api.get("/api/v1/tasks?routine=" + id, seaManager).json().get("total").asLong()).isZero();
	}

	@Test
	void theSeedsRhythmIsInEveryRegion() {
		List<Routine> eu = store.list(null, "EU", null).stream().filter(r -> !r.everyRegion()).toList();
		assertThat(eu).extracting(Routine::view)
			.containsExactlyInAnyOrder(RoutineView.values());
		assertThat(jdbc.sql("select count(*) from routine where seed_key is not null").query(Long.class).single())
			.isEqualTo(9L * regions.all().size());
		Routine playbooks = eu.stream().filter(r -> r.view() == RoutineView.PLAYBOOKS).findFirst().orElseThrow();
		assertThat(playbooks.onNonWorkingDay()).isEqualTo(NonWorkingDay.NEXT_WORKING_DAY);
		// generated like any other: the first working day of January 2027 in EU is Monday the 4th (the 1st is a Friday holiday)
		calendars.update(data.admin(), "EU", new BusinessCalendars.CalendarChanges(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
				"FRIDAY"), List.of(new com.greenroom.calendar.BusinessCalendar.Holiday(java.time.LocalDate.of(2027, 1, 1), "New Year"))));
		new TransactionTemplate(transactionManager).execute(s -> generator.generate(playbooks.id(), clock.instant()));
		assertThat(dues(tasksOf(playbooks.id()))).containsExactly("2026-12-01T09:00:00Z", "2027-01-04T09:00:00Z");
	}

	@Test
	void accountabilityCountsOnTimeLateMissedAndTheStreakPerOwnerAndWeek() {
		UserSummary ana = data.manager("ana", "EU");
		long id = create(lead, """
				{"title": "Monitor top rooms", "region": "EU", "rrule": "FREQ=DAILY", "dueTime": "09:00", "ownerRole": "CREATOR_MANAGER",
				 "ownerUserId": %d, "view": "TOP_ROOMS", "horizonDays": 14, "startsOn": "2026-11-01"}""".formatted(ana.id())).get("id").asLong();
		JsonNode items = tasksOf(id);
		var viewer = data.viewerOf(ana);
		// week 49 (30 Nov - 6 Dec): Tue 1, Wed 2 on time, Thu 3 late, Fri 4 missed, Sat 5 skipped, Sun 6 still open
		clock.set(Instant.parse("2026-12-01T07:00:00Z"));
		tasks.complete(viewer, items.get(0).get("id").asLong(), null);
		clock.set(Instant.parse("2026-12-02T07:59:00Z"));
		tasks.complete(viewer, items.get(1).get("id").asLong(), null);
		clock.set(Instant.parse("2026-12-03T12:00:00Z"));
		tasks.complete(viewer, items.get(2).get("id").asLong(), null);
		tasks.skip(viewer, items.get(4).get("id").asLong(), "public holiday");
		// week 50: Mon 7 done on time
		clock.set(Instant.parse("2026-12-06T06:00:00Z"));
		tasks.complete(viewer, items.get(6).get("id").asLong(), null);
		clock.set(Instant.parse("2026-12-06T07:00:00Z"));

		Api.Response week49 = api.get("/api/v1/routines/accountability?region=EU&week=2026-W49", lead);
		assertThat(week49.status()).as(week49.body()).isEqualTo(200);
		JsonNode row = week49.json().get("rows").get(0);
		assertThat(week49.json().get("weekStart").asString()).isEqualTo("2026-11-30");
		assertThat(row.get("owner").asString()).isEqualTo("Ana");
		assertThat(List.of(row.get("doneOnTime").asInt(), row.get("doneLate").asInt(), row.get("missed").asInt(), row.get("skipped").asInt(),
				row.get("open").asInt(), row.get("streak").asInt()))
			.containsExactly(2, 1, 1, 1, 1, 0);

		JsonNode week50 = api.get("/api/v1/routines/accountability?region=EU&week=2026-W50", lead).json().get("rows").get(0);
		assertThat(week50.get("doneOnTime").asInt()).isEqualTo(1);
		assertThat(week50.get("streak").asInt()).isEqualTo(1);

		assertThat(api.get("/api/v1/routines/accountability?week=2026-W54", lead).json().get("errors").get(0).get("field").asString())
			.isEqualTo("week");
		assertThat(api.get("/api/v1/routines/accountability?region=SEA", lead).status()).isEqualTo(400);
	}
}
