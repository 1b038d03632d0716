package com.greenroom.experiments;

import static com.greenroom.support.EventFeed.gift;
import static com.greenroom.support.EventFeed.registered;
import static com.greenroom.support.EventFeed.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.insights.Proportions;
import com.greenroom.insights.Proportions.Interval;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Experiments against an independent computation: seed assignment recomputed here with SHA-256, day-7 retention
 * per variant from the simulated streams (creators in Berlin and Lisbon registering around local midnight, some
 * whose day 7 has not ended), revenue per creator with Welch's interval, the overlap rule, the lifecycle and
 * the low-performing list.
 */
@IntegrationTest
class ExperimentsIntegrationTest {

	static final String[] ZONES = { "Europe/Berlin", "Europe/Lisbon", "Europe/Moscow" };

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	final Map<String, Instant> registrations = new LinkedHashMap<>();

	final Map<String, ZoneId> zones = new LinkedHashMap<>();

	final Map<String, List<Instant>> streams = new LinkedHashMap<>();

	@BeforeEach
	void simulate() {
		data.reset();
		registrations.clear();
		zones.clear();
		streams.clear();
		Random random = new Random(5);
		List<String> events = new ArrayList<>();
		int eventId = 0;
		for (int i = 0; i < 60; i++) {
			String id = "exp-" + i;
			ZoneId zone = ZoneId.of(ZONES[i % ZONES.length]);
			// registrations from 2026-10-25 to 2026-11-29 (local), some a minute either side of local midnight
			LocalDate day = LocalDate.of(2026, 10, 25).plusDays(random.nextInt(36));
			Instant at = i % 5 == 0 ? day.atStartOfDay(zone).toInstant().plusSeconds(i % 10 == 0 ? 60 : -60)
					: day.atTime(8 + random.nextInt(12), random.nextInt(60)).atZone(zone).toInstant();
			if (at.isAfter(TestClock.START)) {
				continue;
			}
			registrations.put(id, at);
			zones.put(id, zone);
			events.add(registered("r" + eventId++, id, "DE", zone.getId(), at));
			List<Instant> starts = new ArrayList<>();
			LocalDate cohortDay = LocalDate.ofInstant(at, zone);
			if (random.nextInt(3) > 0) {
				Instant s = cohortDay.plusDays(7).atStartOfDay(zone).toInstant().plusSeconds(random.nextBoolean() ? 30 : -30);
				if (s.isBefore(TestClock.START)) {
					starts.add(s);
					events.add(started("s" + eventId++, id, id + "-s", s));
				}
			}
			streams.put(id, starts);
		}
		feed.send(events);
	}

	@Test
	void seedAssignmentIsDeterministicAndResultsMatchTheDefinition() {
		long id = create(seedDraft("Welcome call on day 0", "2026-10-25", "2026-11-29", 7)).json().get("id").asLong();
		long again = create(seedDraft("Same seed again", "2026-10-25", "2026-11-29", 7)).json().get("id").asLong();

		JsonNode results = api.get("/api/v1/experiments/" + id + "/results", TestData.ADMIN_TOKEN).json();
		JsonNode repeat = api.get("/api/v1/experiments/" + again + "/results", TestData.ADMIN_TOKEN).json();
		assertThat(repeat.get("variants")).isEqualTo(results.get("variants"));

		// independent: variant by SHA-256(seed:creatorId), day-7 retention per the definition
		Map<String, long[]> expected = new LinkedHashMap<>();
		expected.put("control", new long[3]);
		expected.put("day-0 call", new long[3]);
		registrations.forEach((creator, at) -> {
			ZoneId zone = zones.get(creator);
			LocalDate cohortDay = LocalDate.ofInstant(at, zone);
			String variant = sha256Variant(7, creator, 2) == 0 ? "control" : "day-0 call";
			long[] counts = expected.get(variant);
			counts[0]++;
			if (!TestClock.START.isBefore(cohortDay.plusDays(8).atStartOfDay(zone).toInstant())) {
				counts[1]++;
				counts[2] += streams.get(creator).stream().anyMatch(s -> LocalDate.ofInstant(s, zone).equals(cohortDay.plusDays(7))) ? 1 : 0;
			}
		});
		JsonNode control = results.at("/variants/0");
		JsonNode treatment = results.at("/variants/1");
		assertThat(List.of(control.get("creators").asLong(), control.get("eligible").asLong(), control.get("count").asLong()))
			.containsExactly(expected.get("control")[0], expected.get("control")[1], expected.get("control")[2]);
		assertThat(List.of(treatment.get("creators").asLong(), treatment.get("eligible").asLong(), treatment.get("count").asLong()))
			.containsExactly(expected.get("day-0 call")[0], expected.get("day-0 call")[1], expected.get("day-0 call")[2]);
		long[] c = expected.get("control");
		long[] t = expected.get("day-0 call");
		assertThat(c[1]).isPositive();
		assertThat(t[1]).isPositive();
		Interval wilson = Proportions.wilson(t[2], t[1]).orElseThrow();
		assertThat(treatment.get("lower").asDouble()).isCloseTo(wilson.lower(), within(1e-9));
		Interval newcombe = Proportions.newcombe(t[2], t[1], c[2], c[1]).orElseThrow();
		assertThat(treatment.at("/difference/lower").asDouble()).isCloseTo(newcombe.lower(), within(1e-9));
		assertThat(treatment.at("/difference/upper").asDouble()).isCloseTo(newcombe.upper(), within(1e-9));
		assertThat(treatment.at("/difference/significant").asBoolean()).isEqualTo(newcombe.excludesZero());
	}

	@Test
	void aCreatorIsInAtMostOneRunningExperimentPerRegion() {
		long running = create(seedDraft("Running", "2026-11-01", "2026-11-30", 1)).json().get("id").asLong();
		assertThat(api.post("/api/v1/experiments/" + running + "/start", TestData.ADMIN_TOKEN, "").status()).isEqualTo(200);

		Api.Response seedOverlap = create(seedDraft("Overlapping window", "2026-11-20", "2026-12-20", 2));
		assertThat(seedOverlap.status()).isEqualTo(409);
		assertThat(seedOverlap.json().at("/field").asText()).isEqualTo("startsOn");

		String inside = registrations.entrySet()
			.stream()
			.filter(e -> LocalDate.ofInstant(e.getValue(), zones.get(e.getKey())).isAfter(LocalDate.of(2026, 11, 2)))
			.findFirst()
			.orElseThrow()
			.getKey();
		String before = registrations.entrySet()
			.stream()
			.filter(e -> LocalDate.ofInstant(e.getValue(), zones.get(e.getKey())).isBefore(LocalDate.of(2026, 10, 31)))
			.findFirst()
			.orElseThrow()
			.getKey();
		Api.Response listOverlap = create(listDraft("Listed", before, inside));
		assertThat(listOverlap.status()).isEqualTo(409);
		assertThat(listOverlap.json().at("/field").asText()).isEqualTo("members");

		// a window that ends before the running one starts shares no creator
		assertThat(create(seedDraft("Before", "2026-10-01", "2026-10-31", 3)).status()).isEqualTo(201);
		assertThat(jdbc.sql("select count(*) from experiment").query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void badInputIsRefusedNamingTheFieldAndChangesNothing() {
		Map<String, String> cases = new LinkedHashMap<>();
		cases.put("\"variants\":[\"only\"]", "variants");
		cases.put("\"metric\":\"happiness\"", "metric");
		cases.put("\"endsOn\":\"2026-10-01\"", "endsOn");
		cases.put("\"seed\":null", "seed");
		cases.put("\"region\":\"XX\"", "region");
		cases.put("\"milestone\":\"NOPE\",\"metric\":\"milestone-day14\"", "milestone");
		cases.put("\"assignment\":\"coin\"", "assignment");
		cases.forEach((override, field) -> {
			String body = """
					{"name":"Bad","hypothesis":"h","region":"EU","variants":["a","b"],"assignment":"seed","seed":1,
					 "metric":"day7-retention","startsOn":"2026-11-01","endsOn":"2026-11-30",%s}""".formatted(override);
			Api.Response response = api.post("/api/v1/experiments", TestData.ADMIN_TOKEN, body);
			assertThat(response.status()).as(override).isEqualTo(400);
			assertThat(response.json().at("/errors/0/field").asText()).as(override).isEqualTo(field);
		});
		Api.Response unknown = create(listDraft("Unknown creator", "exp-0", "nobody-here"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("members");
		assertThat(jdbc.sql("select count(*) from experiment").query(Long.class).single()).isZero();
	}

	@Test
	void aConcludedExperimentUnderTheLiftIsListedAndRetiringItRaisesAPlaybookChangeRequest() {
		long id = create(listDraft("Same for everyone", "exp-0", "exp-1")).json().get("id").asLong();
		Api.Response early = api.post("/api/v1/experiments/" + id + "/retire", TestData.ADMIN_TOKEN, "{\"reason\":\"too early\"}");
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.json().at("/field").asText()).isEqualTo("status");
		api.post("/api/v1/experiments/" + id + "/start", TestData.ADMIN_TOKEN, "");
		api.post("/api/v1/experiments/" + id + "/conclude", TestData.ADMIN_TOKEN, "");

		JsonNode low = api.get("/api/v1/experiments/low-performing?region=EU", TestData.ADMIN_TOKEN).json();
		JsonNode results = api.get("/api/v1/experiments/" + id + "/results", TestData.ADMIN_TOKEN).json();
		boolean expectLow = results.get("lowPerforming").asBoolean();
		assertThat(low.size()).isEqualTo(expectLow ? 1 : 0);

		JsonNode retired = api.post("/api/v1/experiments/" + id + "/retire", TestData.ADMIN_TOKEN,
				"{\"reason\":\"No lift after a month\",\"playbookKey\":\"creator-onboarding\"}")
			.json();
		assertThat(retired.get("status").asText()).isEqualTo("RETIRED");
		assertThat(retired.get("retiredReason").asText()).isEqualTo("No lift after a month");
		assertThat(jdbc.sql("select source || ':' || source_ref from playbook_change_request where id = :id")
			.param("id", retired.get("changeRequestId").asLong())
			.query(String.class)
			.single()).isEqualTo("EXPERIMENT:experiment-" + id);
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'experiment' and entity_id = :id")
			.param("id", String.valueOf(id))
			.query(Long.class)
			.single()).isEqualTo(4);
	}

	@Test
	void revenuePerCreatorComparesMeansWithWelchsInterval() {
		List<String> gifts = new ArrayList<>();
		String[] creators = { "exp-0", "exp-1", "exp-2", "exp-3", "exp-4", "exp-5" };
		int[] usd = { 10, 20, 30, 40, 55, 60 };
		Instant at = Instant.parse("2026-11-20T12:00:00Z");
		for (int i = 0; i < creators.length; i++) {
			if (registrations.containsKey(creators[i])) {
				gifts.add(gift("g" + i, creators[i], creators[i] + "-g", "v" + i, usd[i] + ".00", at));
			}
		}
		feed.send(gifts);
		String members = "[{\"creatorId\":\"exp-0\",\"variant\":\"a\"},{\"creatorId\":\"exp-1\",\"variant\":\"a\"},{\"creatorId\":\"exp-2\",\"variant\":\"a\"},"
				+ "{\"creatorId\":\"exp-3\",\"variant\":\"b\"},{\"creatorId\":\"exp-4\",\"variant\":\"b\"},{\"creatorId\":\"exp-5\",\"variant\":\"b\"}]";
		long id = api.post("/api/v1/experiments", TestData.ADMIN_TOKEN, """
				{"name":"Gift prompts","hypothesis":"Prompting earns more","region":"EU","variants":["a","b"],"assignment":"list",
				 "members":%s,"metric":"revenue-per-creator","startsOn":"2026-11-01","endsOn":"2026-11-30"}""".formatted(members))
			.json()
			.get("id")
			.asLong();
		JsonNode results = api.get("/api/v1/experiments/" + id + "/results", TestData.ADMIN_TOKEN).json();
		double[] a = { 10, 20, 30 };
		double[] b = { 40, 55, 60 };
		double estimate = mean(b) - mean(a);
		double half = 1.959963984540054 * Math.sqrt(variance(a) / 3 + variance(b) / 3);
		assertThat(results.at("/variants/0/value").asDouble()).isCloseTo(20, within(1e-9));
		assertThat(results.at("/variants/1/value").asDouble()).isCloseTo(mean(b), within(1e-9));
		assertThat(results.at("/variants/1/difference/lower").asDouble()).isCloseTo(estimate - half, within(1e-9));
		assertThat(results.at("/variants/1/difference/upper").asDouble()).isCloseTo(estimate + half, within(1e-9));
		assertThat(results.get("lift").asDouble()).isCloseTo((mean(b) - 20) / 20, within(1e-9));
	}

	private static double mean(double[] values) {
		return java.util.Arrays.stream(values).average().orElseThrow();
	}

	private static double variance(double[] values) {
		double m = mean(values);
		return java.util.Arrays.stream(values).map(v -> (v - m) * (v - m)).sum() / (values.length - 1);
	}

	private static int sha256Variant(long seed, String creatorId, int variants) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest((seed + ":" + creatorId).getBytes(StandardCharsets.UTF_8));
			return (int) Math.floorMod(ByteBuffer.wrap(digest).getLong(), (long) variants);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Api.Response create(String body) {
		return api.post("/api/v1/experiments", TestData.ADMIN_TOKEN, body);
	}

	private static String seedDraft(String name, String from, String to, long seed) {
		return """
				{"name":"%s","hypothesis":"A welcome call on day 0 lifts day-7 retention","region":"EU",
				 "variants":["control","day-0 call"],"assignment":"seed","seed":%d,"metric":"day7-retention",
				 "startsOn":"%s","endsOn":"%s"}""".formatted(name, seed, from, to);
	}

	private static String listDraft(String name, String first, String second) {
		return """
				{"name":"%s","hypothesis":"h","region":"EU","variants":["a","b"],"assignment":"list",
				 "members":[{"creatorId":"%s","variant":"a"},{"creatorId":"%s","variant":"b"}],"metric":"day7-retention",
				 "startsOn":"2026-11-01","endsOn":"2026-11-30"}""".formatted(name, first, second);
	}

}
