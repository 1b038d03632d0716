package com.greenroom.insights;

import static com.greenroom.support.EventFeed.ended;
import static com.greenroom.support.EventFeed.follow;
import static com.greenroom.support.EventFeed.registered;
import static com.greenroom.support.EventFeed.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention cohorts against an independent computation of the brief's definition over a simulated dataset:
 * creators in time zones from UTC-8 to UTC+13, registrations near local midnight, streams before registration,
 * cells whose day N has not ended for some creators, and late events.
 */
@IntegrationTest
class RetentionIntegrationTest {

	static final List<Integer> DAYS = List.of(0, 1, 2, 7, 14, 30);

	/** Country, time zone and the region the country maps to. */
	static final String[][] PLACES = { { "US", "America/Los_Angeles", "NA" }, { "BR", "America/Sao_Paulo", "LATAM" },
			{ "DE", "Europe/Berlin", "EU" }, { "IN", "Asia/Kolkata", "SA" }, { "NZ", "Pacific/Auckland", "OC" } };

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	Api api;

	@Autowired
	RetentionRollup rollup;

	@Autowired
	JdbcClient jdbc;

	final List<SimCreator> creators = new ArrayList<>();

	final List<String> lateEvents = new ArrayList<>();

	@BeforeEach
	void simulate() {
		data.reset();
		creators.clear();
		lateEvents.clear();
		Random random = new Random(7);
		List<String> events = new ArrayList<>();
		int eventId = 0;
		for (int i = 0; i < 60; i++) {
			String[] place = PLACES[i % PLACES.length];
			ZoneId zone = ZoneId.of(place[1]);
			// registrations over the 45 days to now, some a minute either side of local midnight
			Instant registeredAt = TestClock.START.minus(Duration.ofMinutes(random.nextInt(45 * 24 * 60)));
			if (i % 7 == 0) {
				LocalDate day = LocalDate.ofInstant(registeredAt, zone);
				registeredAt = day.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(i % 2 == 0 ? 60 : -60);
			}
			SimCreator creator = new SimCreator("ret-" + i, place[0], zone, place[2], registeredAt);
			creators.add(creator);
			events.add(registered("e" + eventId++, creator.id, creator.country, place[1], registeredAt));
			int streams = random.nextInt(12);
			for (int s = 0; s < streams; s++) {
				// from two days before registration (not counted) to now
				long span = Duration.between(registeredAt.minus(Duration.ofDays(2)), TestClock.START).toMinutes();
				Instant at = registeredAt.minus(Duration.ofDays(2)).plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
				String streamId = creator.id + "-s" + s;
				List<String> target = s % 4 == 3 ? lateEvents : events;
				target.add(started("e" + eventId++, creator.id, streamId, at));
				Instant end = at.plus(Duration.ofMinutes(30 + random.nextInt(300)));
				if (end.isBefore(TestClock.START)) {
					target.add(ended("e" + eventId++, creator.id, streamId, end));
				}
				(s % 4 == 3 ? creator.lateStarts : creator.starts).add(at);
			}
		}
		feed.send(events);
		rollup.refresh();
	}

	@Test
	void weeklyAndDailyCohortsMatchTheDefinitionInBothModes() {
		for (String period : List.of("day", "week", "month")) {
			for (String mode : List.of("n-day", "unbounded")) {
				assertMatches(period, mode, null, false);
			}
		}
	}

	@Test
	void lateEventsAndARebuildGiveTheSameCellsAsTheDefinition() {
		feed.send(lateEvents);
		rollup.refresh();
		assertMatches("week", "n-day", null, true);
		assertMatches("day", "unbounded", null, true);

		feed.rebuild();
		rollup.refresh();
		assertMatches("day", "n-day", null, true);
	}

	@Test
	void aBatchThatLeavesEveryActiveDayAsItWasMarksNoCohortDayDirty() {
		drainMarks();
		assertThat(dirtyDays()).isEmpty();
		// a creator with a stream start on or after its cohort day, and a day since then without one
		SimCreator creator = null;
		LocalDate quiet = null;
		for (SimCreator candidate : creators) {
			LocalDate cohort = LocalDate.ofInstant(candidate.registeredAt, candidate.zone);
			Set<LocalDate> active = new TreeSet<>();
			candidate.starts.forEach(at -> active.add(LocalDate.ofInstant(at, candidate.zone)));
			LocalDate today = LocalDate.ofInstant(TestClock.START, candidate.zone);
			LocalDate free = cohort.datesUntil(today).filter(d -> !active.contains(d)).findFirst().orElse(null);
			if (free != null && active.stream().anyMatch(d -> !d.isBefore(cohort))) {
				creator = candidate;
				quiet = free;
				break;
			}
		}
		assertThat(creator).isNotNull();
		SimCreator chosen = creator;
		Instant activeStart = chosen.starts.stream()
			.filter(at -> !LocalDate.ofInstant(at, chosen.zone).isBefore(LocalDate.ofInstant(chosen.registeredAt, chosen.zone)))
			.findFirst()
			.orElseThrow();
		LocalDate cohortDay = jdbc.sql("select cohort_day from retention_creator where creator_id = :c").param("c", chosen.id)
			.query(LocalDate.class)
			.single();

		// a follow on a day that is active already: the creator's days are touched, its active days stay
		feed.send(follow("ret-follow", chosen.id, "fan-1", activeStart));
		assertThat(dirtyDays()).isEmpty();
		assertThat(rowsOtherThanTheirDaysSay()).isZero();

		// a stream on a day without one: that day becomes active, and the cohort's cube is out of date
		feed.send(started("ret-quiet-start", chosen.id, chosen.id + "-quiet", quiet.atTime(12, 0).atZone(chosen.zone).toInstant()));
		assertThat(dirtyDays()).containsExactly(cohortDay);
		assertThat(rowsOtherThanTheirDaysSay()).isZero();
		assertThat(jdbc.sql("select :day - cohort_day = any(active_offsets) from retention_creator where creator_id = :c")
			.param("day", quiet)
			.param("c", chosen.id)
			.query(Boolean.class)
			.single()).isTrue();

		// late events (days turning active, streams before registration) keep every row what its days say
		feed.send(lateEvents);
		assertThat(rowsOtherThanTheirDaysSay()).isZero();
	}

	@Test
	void aRoundRebuildsOnlyTheDaysDirtyWhenItBeganAndLeavesLaterMarksForTheNext() {
		drainMarks();
		List<LocalDate> days = jdbc.sql("select distinct cohort_day from retention_creator order by cohort_day limit 3").query(LocalDate.class)
			.list();
		assertThat(days).hasSize(3);
		days.forEach(day -> jdbc.sql("insert into retention_dirty (cohort_day) values (:day)").param("day", day).update());
		// as under live traffic: every cohort day rebuilt is marked dirty again while the round runs
		jdbc.sql("""
				create function test_remark_cohort_day() returns trigger language plpgsql as $$
				begin
				  insert into retention_dirty (cohort_day) values (new.cohort_day);
				  return null;
				end $$""").update();
		jdbc.sql("create trigger test_remark after insert on retention_cube for each row execute function test_remark_cohort_day()").update();
		int first;
		List<LocalDate> markedDuringTheRound;
		try {
			first = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> rollup.refresh(),
					"a round that also takes the days marked while it runs never ends");
			markedDuringTheRound = dirtyDays();
		}
		finally {
			jdbc.sql("drop trigger test_remark on retention_cube").update();
			jdbc.sql("drop function test_remark_cohort_day()").update();
		}
		// at most the three days (the scheduled refresh may hold one of them, and a round ends at a day taken)
		assertThat(first).isBetween(1, 3);
		assertThat(markedDuringTheRound).containsExactlyElementsOf(days);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			rollup.refresh();
			return dirtyDays().isEmpty();
		});
	}

	/**
	 * Lets the registrations' own marks land (they come after their commit, from an application module listener), then
	 * rebuilds every day marked.
	 */
	private void drainMarks() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from event_publication where listener_id like '%RetentionRollup%' and completion_date is null")
				.query(Long.class)
				.single() == 0);
		rollup.refresh();
	}

	private List<LocalDate> dirtyDays() {
		return jdbc.sql("select distinct cohort_day from retention_dirty order by cohort_day").query(LocalDate.class).list();
	}

	/** Retention rows that differ from a computation from all of their creator's days (either way). */
	private int rowsOtherThanTheirDaysSay() {
		String fromDays = """
				select a.creator_id, c.cohort_day, a.time_zone,
				       coalesce(array(select d.day - c.cohort_day from activity_creator_day d
				                      where d.creator_id = a.creator_id and d.active and d.day >= c.cohort_day order by d.day), '{}') as offsets,
				       (select max(d.day) - c.cohort_day from activity_creator_day d
				        where d.creator_id = a.creator_id and d.active and d.day >= c.cohort_day) as last_offset
				from activity_creator a
				cross join lateral (select (a.registration_at at time zone a.time_zone)::date as cohort_day) c
				where a.registration_at is not null""";
		String stored = "select creator_id, cohort_day, time_zone, active_offsets, last_offset from retention_creator";
		return jdbc.sql("select count(*) from ((" + stored + " except " + fromDays + ") union all (" + fromDays + " except " + stored
				+ ")) x")
			.query(Integer.class).single();
	}

	@Test
	void aRegionFilterCountsOnlyThatRegionsCreators() {
		assertMatches("week", "n-day", "SA", false);
	}

	@Test
	void aManagerSeesOnlyHerRegionsCohortsAndCannotAskForAnother() {
		UserSummary manager = data.manager("ret-manager", "EU");
		String token = data.tokenOf(manager);
		JsonNode mine = api.get("/api/v1/insights/retention?period=week&from=2026-10-01&to=2026-11-30&days="
				+ String.join(",", DAYS.stream().map(String::valueOf).toList()), token)
			.json();
		assertThat(mine).isEqualTo(expected("week", "n-day", "EU", false, "2026-10-01", "2026-11-30"));

		Api.Response other = api.get("/api/v1/insights/retention?region=SA", token);
		assertThat(other.status()).isEqualTo(400);
		assertThat(other.json().at("/errors/0/field").asText()).isEqualTo("region");
	}

	@Test
	void badParametersAreRefusedNamingTheField() {
		Map<String, String> cases = Map.of("from=2026-11-02&to=2026-11-01", "from", "period=fortnight", "period", "mode=forever", "mode",
				"days=1,400", "days", "days=1,x", "days", "tier=LEGENDARY", "tier", "version=2", "version", "template=999999",
				"template", "country=XXX", "country", "manager=0", "manager");
		cases.forEach((query, field) -> {
			Api.Response response = api.get("/api/v1/insights/retention?" + query, TestData.ADMIN_TOKEN);
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().at("/errors/0/field").asText()).as(query).isEqualTo(field);
		});
	}

	@Test
	void theCsvCarriesOneRowPerCohortAndDay() {
		Api.Response csv = api.get("/api/v1/insights/retention.csv?period=week&days=0,7&from=2026-10-01&to=2026-11-30",
				TestData.ADMIN_TOKEN);
		assertThat(csv.status()).isEqualTo(200);
		JsonNode json = expected("week", "n-day", null, false, "2026-10-01", "2026-11-30");
		List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
		assertThat(lines.get(0)).isEqualTo("period,mode,cohort,size,day,retained,eligible,share,complete");
		assertThat(lines).hasSize(1 + json.get("cohorts").size() * 2);
	}

	private void assertMatches(String period, String mode, String region, boolean withLate) {
		String query = "/api/v1/insights/retention?period=" + period + "&mode=" + mode + "&from=2026-10-01&to=2026-11-30&days="
				+ String.join(",", DAYS.stream().map(String::valueOf).toList()) + (region == null ? "" : "&region=" + region);
		JsonNode actual = api.get(query, TestData.ADMIN_TOKEN).json();
		assertThat(actual).as(query).isEqualTo(expected(period, mode, region, withLate, "2026-10-01", "2026-11-30"));
	}

	/** The brief's definition, computed here from the simulated events alone. */
	private JsonNode expected(String period, String mode, String region, boolean withLate, String fromText, String toText) {
		LocalDate from = start(period, LocalDate.parse(fromText));
		LocalDate to = end(period, LocalDate.parse(toText));
		Map<LocalDate, long[][]> cohorts = new TreeMap<>();
		Map<LocalDate, boolean[]> complete = new TreeMap<>();
		Map<LocalDate, Integer> sizes = new TreeMap<>();
		for (SimCreator creator : creators) {
			LocalDate cohortDay = LocalDate.ofInstant(creator.registeredAt, creator.zone);
			if (cohortDay.isBefore(from) || cohortDay.isAfter(to) || region != null && !region.equals(creator.region)) {
				continue;
			}
			LocalDate cohort = start(period, cohortDay);
			Set<LocalDate> active = new TreeSet<>();
			creator.starts.forEach(at -> active.add(LocalDate.ofInstant(at, creator.zone)));
			if (withLate) {
				creator.lateStarts.forEach(at -> active.add(LocalDate.ofInstant(at, creator.zone)));
			}
			long[][] cells = cohorts.computeIfAbsent(cohort, c -> new long[DAYS.size()][2]);
			boolean[] whole = complete.computeIfAbsent(cohort, c -> {
				boolean[] all = new boolean[DAYS.size()];
				java.util.Arrays.fill(all, true);
				return all;
			});
			sizes.merge(cohort, 1, Integer::sum);
			for (int i = 0; i < DAYS.size(); i++) {
				LocalDate dayN = cohortDay.plusDays(DAYS.get(i));
				boolean ended = !TestClock.START.isBefore(dayN.plusDays(1).atStartOfDay(creator.zone).toInstant());
				if (!ended) {
					whole[i] = false;
					continue;
				}
				cells[i][1]++;
				boolean retained = mode.equals("n-day") ? active.contains(dayN) : active.stream().anyMatch(d -> !d.isBefore(dayN));
				if (retained) {
					cells[i][0]++;
				}
			}
		}
		var mapper = new tools.jackson.databind.ObjectMapper();
		var root = mapper.createObjectNode();
		root.put("period", period);
		root.put("mode", mode);
		var days = root.putArray("days");
		DAYS.forEach(days::add);
		var list = root.putArray("cohorts");
		cohorts.forEach((cohort, cells) -> {
			var node = list.addObject();
			node.put("cohort", cohort.toString());
			node.put("size", sizes.get(cohort));
			var cellList = node.putArray("cells");
			for (int i = 0; i < DAYS.size(); i++) {
				var cell = cellList.addObject();
				cell.put("day", DAYS.get(i));
				cell.put("retained", (int) cells[i][0]);
				cell.put("eligible", (int) cells[i][1]);
				if (cells[i][1] > 0) {
					cell.put("share", (double) cells[i][0] / cells[i][1]);
				}
				cell.put("complete", complete.get(cohort)[i]);
			}
		});
		return mapper.valueToTree(root);
	}

	private static LocalDate start(String period, LocalDate day) {
		return switch (period) {
			case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case "month" -> day.withDayOfMonth(1);
			default -> day;
		};
	}

	private static LocalDate end(String period, LocalDate day) {
		return switch (period) {
			case "week" -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
			case "month" -> day.with(TemporalAdjusters.lastDayOfMonth());
			default -> day;
		};
	}

	static final class SimCreator {

		final String id;

		final String country;

		final ZoneId zone;

		final String region;

		final Instant registeredAt;

		final List<Instant> starts = new ArrayList<>();

		final List<Instant> lateStarts = new ArrayList<>();

		SimCreator(String id, String country, ZoneId zone, String region, Instant registeredAt) {
			this.id = id;
			this.country = country;
			this.zone = zone;
			this.region = region;
			this.registeredAt = registeredAt;
		}
	}
}
