package com.greenroom.insights;

import static com.greenroom.support.EventFeed.registered;
import static com.greenroom.support.EventFeed.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.coaching.CoachingSessions;
import com.greenroom.coaching.SessionDraft;
import com.greenroom.identity.UserSummary;
import com.greenroom.insights.Proportions.Interval;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The playbook loop against an independent computation of the definitions over simulated creators: time
 * zones from UTC-8 to UTC+13, registrations and streams a minute either side of local midnight, creators whose
 * day 7 or day 14 has not ended, coaching sessions at the edges of week 1, and late stream events that move
 * the first-stream milestone earlier and change day-7 activity.
 */
@IntegrationTest
class PlaybookLoopIntegrationTest {

	/** Country, time zone and the region the country maps to. */
	static final String[][] PLACES = { { "US", "America/Los_Angeles", "NA" }, { "BR", "America/Sao_Paulo", "LATAM" },
			{ "DE", "Europe/Berlin", "EU" }, { "ID", "Asia/Jakarta", "SEA" }, { "NZ", "Pacific/Auckland", "OC" } };

	static final String FROM = "2026-10-01";

	static final String TO = "2026-11-30";

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CoachingSessions coaching;

	final List<Sim> creators = new ArrayList<>();

	final List<String> lateEvents = new ArrayList<>();

	long globalTemplate;

	long seaTemplate;

	@BeforeEach
	void simulate() {
		data.reset();
		creators.clear();
		lateEvents.clear();
		Random random = new Random(12);
		List<String> events = new ArrayList<>();
		int eventId = 0;
		for (int i = 0; i < 90; i++) {
			String[] place = PLACES[i % PLACES.length];
			ZoneId zone = ZoneId.of(place[1]);
			Instant registeredAt = TestClock.START.minus(Duration.ofMinutes(random.nextInt(50 * 24 * 60)));
			if (i % 6 == 0) {
				LocalDate day = LocalDate.ofInstant(registeredAt, zone);
				registeredAt = day.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(i % 12 == 0 ? 60 : -60);
			}
			Sim creator = new Sim("loop-" + i, zone, place[2], registeredAt);
			creators.add(creator);
			events.add(registered("e" + eventId++, creator.id, place[0], place[1], registeredAt));
			LocalDate cohortDay = LocalDate.ofInstant(registeredAt, zone);
			int streams = random.nextInt(6);
			for (int s = 0; s < streams; s++) {
				Instant at;
				if (s == 0 && random.nextBoolean()) {
					// around the edges of day 7 and day 14, a minute either side of local midnight
					LocalDate edge = cohortDay.plusDays(random.nextBoolean() ? 7 : 15);
					at = edge.atStartOfDay(zone).toInstant().plusSeconds(random.nextBoolean() ? 60 : -60);
				}
				else {
					at = registeredAt.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(random.nextInt(25 * 24 * 60)));
				}
				if (at.isAfter(TestClock.START)) {
					continue;
				}
				boolean late = s == 1 && i % 3 == 0;
				(late ? lateEvents : events).add(started("e" + eventId++, creator.id, creator.id + "-s" + s, at));
				(late ? creator.lateStarts : creator.starts).add(at);
			}
		}
		feed.send(events);

		// onboarding: global template v1 or v2 by creator, the SEA variant for SEA creators, none for every 9th
		globalTemplate = jdbc.sql("select id from onboarding_template where region_code is null").query(Long.class).single();
		seaTemplate = jdbc.sql("select id from onboarding_template where region_code = 'SEA'").query(Long.class).single();
		jdbc.sql("""
				insert into onboarding_template_version (template_id, version, status, created_by, created_at, published_by, published_at)
				values (:t, 2, 'PUBLISHED', 'test', now(), 'test', now())""").param("t", globalTemplate).update();
		// the onboarding starter runs after each registration commits: wait for it, then set the versions
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.sql("select count(*) from onboarding_checklist where creator_id like 'loop-%'")
				.query(Long.class)
				.single() == creators.size());
		for (int i = 0; i < creators.size(); i++) {
			Sim creator = creators.get(i);
			if (i % 9 == 8) {
				jdbc.sql("delete from onboarding_checklist where creator_id = :c").param("c", creator.id).update();
				continue;
			}
			creator.template = creator.region.equals("SEA") ? seaTemplate : globalTemplate;
			creator.version = creator.region.equals("SEA") ? 1 : 1 + (i / 5) % 2;
			jdbc.sql("""
					update onboarding_checklist o set template_id = :t, version_id = v.id
					from onboarding_template_version v where v.template_id = :t and v.version = :v and o.creator_id = :c""")
				.param("c", creator.id)
				.param("t", creator.template)
				.param("v", creator.version)
				.update();
		}

		// coaching: sessions a minute inside and outside creator days 0-6
		for (int i = 0; i < creators.size(); i += 2) {
			Sim creator = creators.get(i);
			LocalDate cohortDay = LocalDate.ofInstant(creator.registeredAt, creator.zone);
			Instant at = switch (i % 8) {
				case 0 -> cohortDay.plusDays(7).atStartOfDay(creator.zone).toInstant().minusSeconds(60);
				case 2 -> cohortDay.plusDays(7).atStartOfDay(creator.zone).toInstant().plusSeconds(60);
				case 4 -> cohortDay.atStartOfDay(creator.zone).toInstant().minusSeconds(60);
				default -> creator.registeredAt.plus(Duration.ofHours(30));
			};
			if (at.isAfter(TestClock.START)) {
				continue;
			}
			coaching.log(data.admin(), creator.id, new SessionDraft(at.toString(), null, List.of("community"), "", null, null));
			creator.sessions.add(at);
		}
	}

	@Test
	void templateVersionsAreComparedWithTheDefinitionsAndTheirIntervals() {
		assertMatches("version", null, null, false);
	}

	@Test
	void regionalVariantsAndWeekOneCoachingAreComparedWithTheDefinitions() {
		assertMatches("variant", null, null, false);
		assertMatches("coaching", null, null, false);
		assertMatches("coaching", "SEA", null, false);
	}

	@Test
	void lateStreamsMoveTheFirstStreamMilestoneAndDaySevenActivity() {
		feed.send(lateEvents);
		assertMatches("version", null, null, true);
		assertMatches("coaching", null, null, true);
	}

	@Test
	void aChosenBaselineIsWhatEveryOtherGroupIsComparedWith() {
		String baseline = globalTemplate + "-v2";
		JsonNode report = assertMatches("version", null, baseline, false);
		assertThat(report.get("baseline").asText()).isEqualTo(baseline);
		assertThat(report.get("groups")).anySatisfy(g -> {
			assertThat(g.get("key").asText()).isEqualTo(baseline);
			assertThat(g.get("baseline").asBoolean()).isTrue();
			assertThat(g.at("/day7/difference").isMissingNode() || g.at("/day7/difference").isNull()).isTrue();
		});
	}

	@Test
	void aManagerSeesOnlyHerRegionsCreatorsAndCannotAskForAnother() {
		UserSummary manager = data.manager("loop-manager", "EU");
		String token = data.tokenOf(manager);
		JsonNode mine = api.get("/api/v1/insights/playbook-loop?by=coaching&from=" + FROM + "&to=" + TO, token).json();
		check(mine, expected("coaching", "EU", false));

		Api.Response other = api.get("/api/v1/insights/playbook-loop?region=NA", token);
		assertThat(other.status()).isEqualTo(400);
		assertThat(other.json().at("/errors/0/field").asText()).isEqualTo("region");
	}

	@Test
	void badParametersAreRefusedNamingTheField() {
		Map<String, String> cases = Map.of("from=2026-11-02&to=2026-11-01", "from", "by=mood", "by", "milestone=NOPE",
				"milestone", "baseline=;drop", "baseline", "baseline=99-v9", "baseline", "to=2026-13-01", "to", "region=XX",
				"region");
		cases.forEach((query, field) -> {
			Api.Response response = api.get("/api/v1/insights/playbook-loop?" + query, TestData.ADMIN_TOKEN);
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().at("/errors/0/field").asText()).as(query).isEqualTo(field);
		});
	}

	@Test
	void theCsvCarriesOneRowPerGroupAndMeasure() {
		Api.Response csv = api.get("/api/v1/insights/playbook-loop.csv?by=version&from=" + FROM + "&to=" + TO,
				TestData.ADMIN_TOKEN);
		assertThat(csv.status()).isEqualTo(200);
		List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
		assertThat(lines.get(0)).startsWith("by,group,label,baseline,creators,measure,count,eligible,share");
		assertThat(lines).hasSize(1 + expected("version", null, false).size() * 2);
	}

	private JsonNode assertMatches(String by, String region, String baseline, boolean withLate) {
		String query = "/api/v1/insights/playbook-loop?by=" + by + "&from=" + FROM + "&to=" + TO
				+ (region == null ? "" : "&region=" + region) + (baseline == null ? "" : "&baseline=" + baseline);
		JsonNode actual = api.get(query, TestData.ADMIN_TOKEN).json();
		Map<String, long[]> expected = expected(by, region, withLate);
		assertThat(expected).hasSizeGreaterThan(1);
		check(actual, expected);
		String baselineKey = actual.get("baseline").asText();
		assertThat(expected).containsKey(baselineKey);
		for (JsonNode group : actual.get("groups")) {
			if (group.get("key").asText().equals(baselineKey)) {
				continue;
			}
			long[] mine = expected.get(group.get("key").asText());
			long[] base = expected.get(baselineKey);
			checkDifference(group.get("day7"), mine[2], mine[1], base[2], base[1]);
			checkDifference(group.get("milestone"), mine[4], mine[3], base[4], base[3]);
		}
		return actual;
	}

	private static void check(JsonNode actual, Map<String, long[]> expected) {
		Map<String, long[]> seen = new LinkedHashMap<>();
		for (JsonNode group : actual.get("groups")) {
			seen.put(group.get("key").asText(), new long[] { group.get("creators").asLong(), group.at("/day7/eligible").asLong(),
					group.at("/day7/count").asLong(), group.at("/milestone/eligible").asLong(), group.at("/milestone/count").asLong() });
			checkShare(group.get("day7"));
			checkShare(group.get("milestone"));
		}
		assertThat(seen).containsOnlyKeys(expected.keySet());
		expected.forEach((key, counts) -> assertThat(seen.get(key)).as(key).containsExactly(counts));
	}

	private static void checkShare(JsonNode measure) {
		long count = measure.get("count").asLong();
		long eligible = measure.get("eligible").asLong();
		if (eligible == 0) {
			assertThat(measure.path("share").isMissingNode() || measure.path("share").isNull()).isTrue();
			return;
		}
		Interval wilson = Proportions.wilson(count, eligible).orElseThrow();
		assertThat(measure.get("share").asDouble()).isCloseTo((double) count / eligible, within(1e-9));
		assertThat(measure.get("lower").asDouble()).isCloseTo(wilson.lower(), within(1e-9));
		assertThat(measure.get("upper").asDouble()).isCloseTo(wilson.upper(), within(1e-9));
	}

	private static void checkDifference(JsonNode measure, long x1, long n1, long x2, long n2) {
		JsonNode difference = measure.path("difference");
		if (n1 == 0 || n2 == 0) {
			assertThat(difference.isMissingNode() || difference.isNull()).isTrue();
			return;
		}
		Interval newcombe = Proportions.newcombe(x1, n1, x2, n2).orElseThrow();
		assertThat(difference.get("estimate").asDouble()).isCloseTo((double) x1 / n1 - (double) x2 / n2, within(1e-9));
		assertThat(difference.get("lower").asDouble()).isCloseTo(newcombe.lower(), within(1e-9));
		assertThat(difference.get("upper").asDouble()).isCloseTo(newcombe.upper(), within(1e-9));
		assertThat(difference.get("significant").asBoolean()).isEqualTo(newcombe.lower() > 0 || newcombe.upper() < 0);
		assertThat(difference.get("reading").asText()).contains("(95% CI ");
	}

	/** Per group key: creators, day-7 eligible, retained, day-14 eligible, milestone reached: from the simulation alone. */
	private Map<String, long[]> expected(String by, String region, boolean withLate) {
		Function<Sim, String> key = switch (by) {
			case "version" -> c -> c.template == 0 ? "none" : c.template + "-v" + c.version;
			case "variant" -> c -> c.template == 0 ? "none" : String.valueOf(c.template);
			default -> c -> c.coached() ? "coached" : "not-coached";
		};
		Map<String, long[]> groups = new LinkedHashMap<>();
		for (Sim creator : creators) {
			LocalDate cohortDay = LocalDate.ofInstant(creator.registeredAt, creator.zone);
			if (cohortDay.isBefore(LocalDate.parse(FROM)) || cohortDay.isAfter(LocalDate.parse(TO))
					|| region != null && !region.equals(creator.region)) {
				continue;
			}
			List<Instant> starts = new ArrayList<>(creator.starts);
			if (withLate) {
				starts.addAll(creator.lateStarts);
			}
			Set<LocalDate> active = new TreeSet<>();
			starts.forEach(at -> active.add(LocalDate.ofInstant(at, creator.zone)));
			long[] counts = groups.computeIfAbsent(key.apply(creator), k -> new long[5]);
			counts[0]++;
			if (!TestClock.START.isBefore(cohortDay.plusDays(8).atStartOfDay(creator.zone).toInstant())) {
				counts[1]++;
				counts[2] += active.contains(cohortDay.plusDays(7)) ? 1 : 0;
			}
			if (!TestClock.START.isBefore(cohortDay.plusDays(15).atStartOfDay(creator.zone).toInstant())) {
				counts[3]++;
				boolean reached = starts.stream()
					.min(Instant::compareTo)
					.map(first -> !LocalDate.ofInstant(first, creator.zone).isAfter(cohortDay.plusDays(14)))
					.orElse(false);
				counts[4] += reached ? 1 : 0;
			}
		}
		return groups;
	}

	static final class Sim {

		final String id;

		final ZoneId zone;

		final String region;

		final Instant registeredAt;

		final List<Instant> starts = new ArrayList<>();

		final List<Instant> lateStarts = new ArrayList<>();

		final List<Instant> sessions = new ArrayList<>();

		long template;

		int version;

		Sim(String id, ZoneId zone, String region, Instant registeredAt) {
			this.id = id;
			this.zone = zone;
			this.region = region;
			this.registeredAt = registeredAt;
		}

		boolean coached() {
			LocalDate cohortDay = LocalDate.ofInstant(registeredAt, zone);
			return sessions.stream().anyMatch(at -> {
				LocalDate day = LocalDate.ofInstant(at, zone);
				return !day.isBefore(cohortDay) && !day.isAfter(cohortDay.plusDays(6));
			});
		}
	}
}
