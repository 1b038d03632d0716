package com.greenroom.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.simulator.SimulationOptions;
import com.greenroom.simulator.Simulator;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerStatus;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

@IntegrationTest
class TiersIntegrationTest {

	private static final Instant START = Instant.parse("2026-09-15T00:00:00Z");

	private static final Instant NOW = START.plus(Duration.ofDays(40)).plus(Duration.ofHours(7));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	Tiers tiers;

	@Autowired
	Regions regions;

	@Autowired
	Environment environment;

	@Autowired
	Clock clock;

	@Autowired
	TestClock testClock;

	@Autowired
	Timers timers;

	@Autowired
	DailyTiers daily;

	List<String> lines;

	@BeforeEach
	void simulate() {
		data.reset();
		lines = Simulator.of(SimulationOptions.of(42, 40, 40).startingAt(START)).lines().toList();
		for (int from = 0; from < lines.size(); from += 5000) {
			feed.send(lines.subList(from, Math.min(lines.size(), from + 5000)));
		}
	}

	/** The definition, computed from the simulated events alone: creator days in each creator's zone, USD at the configured rates. */
	private Map<String, String> expectedTiers(Map<String, Integer[]> thresholdsByRegion) {
		record Life(String region, Instant registeredAt, ZoneId zone) {
		}
		Map<String, Life> lives = new HashMap<>();
		Map<String, List<JsonNode>> eventsOf = new HashMap<>();
		for (String line : lines) {
			JsonNode event = JSON.readTree(line);
			String creator = event.get("creatorId").asString();
			if (event.get("type").asString().equals("creator.registered")) {
				String region = regions.forCountry(event.get("country").asString()).map(Region::code).orElseThrow();
				lives.put(creator, new Life(region, Instant.parse(event.get("occurredAt").asString()), ZoneId.of(event.get("timezone").asString())));
			}
			eventsOf.computeIfAbsent(creator, k -> new ArrayList<>()).add(event);
		}
		Map<String, String> expected = new TreeMap<>();
		Map<String, List<Object[]>> activeByRegion = new HashMap<>();
		for (var entry : lives.entrySet()) {
			Life life = entry.getValue();
			if (!life.registeredAt().isBefore(NOW)) {
				continue;
			}
			LocalDate today = LocalDate.ofInstant(NOW, life.zone());
			LocalDate first = today.minusDays(27);
			Set<LocalDate> active = new HashSet<>();
			BigDecimal revenue = BigDecimal.ZERO;
			for (JsonNode event : eventsOf.get(entry.getKey())) {
				Instant at = Instant.parse(event.get("occurredAt").asString());
				LocalDate day = LocalDate.ofInstant(at, life.zone());
				if (day.isBefore(first) || day.isAfter(today)) {
					continue;
				}
				String type = event.get("type").asString();
				if (type.equals("stream.started")) {
					active.add(day);
				}
				if (type.equals("gift.sent") || type.equals("subscription.started")) {
					BigDecimal rate = environment.getProperty("greenroom.events.currency-rates." + event.get("amount").get("currency").asString(),
							BigDecimal.class);
					revenue = revenue
						.add(new BigDecimal(event.get("amount").get("value").asString()).multiply(rate).setScale(6, RoundingMode.HALF_EVEN));
				}
			}
			if (Duration.between(life.registeredAt(), NOW).compareTo(Duration.ofDays(28)) < 0) {
				expected.put(entry.getKey(), "NEW");
			}
			else if (active.isEmpty()) {
				expected.put(entry.getKey(), "DORMANT");
			}
			else {
				activeByRegion.computeIfAbsent(life.region(), k -> new ArrayList<>()).add(new Object[] { entry.getKey(), revenue });
			}
		}
		activeByRegion.forEach((region, active) -> {
			active.sort(Comparator.comparing((Object[] a) -> (BigDecimal) a[1]).reversed().thenComparing(a -> (String) a[0]));
			Integer[] thresholds = thresholdsByRegion.getOrDefault(region, new Integer[] { 10, 30 });
			int n = active.size();
			long top = Math.round(Math.ceil(n * thresholds[0] / 100.0 - 1e-9));
			long mid = Math.round(Math.ceil(n * (thresholds[0] + thresholds[1]) / 100.0 - 1e-9));
			for (int i = 0; i < n; i++) {
				expected.put((String) active.get(i)[0], i < top ? "TOP" : i < mid ? "MID" : "EMERGING");
			}
		});
		return expected;
	}

	private Map<String, String> computedTiers() {
		Map<String, String> computed = new TreeMap<>();
		for (JsonNode row : api.get("/api/v1/tiers", TestData.ADMIN_TOKEN).json()) {
			computed.put(row.get("tier").get("creatorId").asString(), row.get("tier").get("tier").asString());
		}
		return computed;
	}

	private void recomputeEveryRegion(Instant at) {
		regions.all().forEach(r -> tiers.recompute(r.code(), at));
	}

	@Test
	void tiersOfSimulatedCreatorsMatchTheDefinitionComputedFromTheEventsAlone() {
		recomputeEveryRegion(NOW);

		Map<String, String> expected = expectedTiers(Map.of());
		assertThat(computedTiers()).isEqualTo(expected);
		assertThat(new HashSet<>(expected.values())).as("a simulation that exercises several tiers").hasSizeGreaterThanOrEqualTo(3);

		// the roster filters by tier too
		for (String tier : new HashSet<>(expected.values())) {
			List<String> listed = new ArrayList<>();
			api.get("/api/v1/creators?limit=500&tier=" + tier, TestData.ADMIN_TOKEN).json().get("items")
				.forEach(c -> listed.add(c.get("creatorId").asString()));
			assertThat(listed).as(tier).containsExactlyInAnyOrderElementsOf(
					expected.entrySet().stream().filter(e -> e.getValue().equals(tier)).map(Map.Entry::getKey).toList());
		}
		Api.Response bad = api.get("/api/v1/creators?tier=GOLD", TestData.ADMIN_TOKEN);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("field").asString()).isEqualTo("tier");
	}

	@Test
	void regionalThresholdsChangeTheSplitFromTheNextRecompute() {
		recomputeEveryRegion(NOW);
		String region = regions.all().stream().map(Region::code)
			.max(Comparator.comparing(code -> tiers.list(data.admin(), code, null, null).size())).orElseThrow();

		Api.Response set = api.put("/api/v1/regions/" + region + "/tier-thresholds", TestData.ADMIN_TOKEN,
				"{\"topPercent\": 50, \"midPercent\": 50}");
		assertThat(set.status()).isEqualTo(200);
		recomputeEveryRegion(NOW);

		assertThat(computedTiers()).isEqualTo(expectedTiers(Map.of(region, new Integer[] { 50, 50 })));
		assertThat(tiers.list(data.admin(), region, "EMERGING", null)).isEmpty();
		Api.Response bad = api.put("/api/v1/regions/" + region + "/tier-thresholds", TestData.ADMIN_TOKEN,
				"{\"topPercent\": 0, \"midPercent\": 120}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("topPercent").contains("midPercent");
	}

	@Test
	void historyKeepsOnePeriodPerTierAndTheDailyRunHappensOncePerRegionAndLocalDate() {
		int regionCount = regions.all().size();
		assertThat(daily.seed(NOW)).isEqualTo(regionCount);
		assertThat(daily.seed(NOW.plus(Duration.ofMinutes(1)))).as("seeding again at start-up adds nothing").isZero();

		testClock.set(NOW);
		int first = timers.fireDue(NOW);
		testClock.set(NOW.plus(Duration.ofMinutes(5)));
		int again = timers.fireDue(NOW.plus(Duration.ofMinutes(5)));
		testClock.set(NOW.plus(Duration.ofDays(1)));
		int nextDay = timers.fireDue(NOW.plus(Duration.ofDays(1)));

		assertThat(first).isEqualTo(regionCount);
		assertThat(again).isZero();
		assertThat(nextDay).isEqualTo(regionCount);
		for (Region region : regions.all()) {
			LocalDate tomorrow = LocalDate.ofInstant(NOW, region.zone()).plusDays(1);
			assertThat(timers.find(DailyTiers.key(region.code(), tomorrow)).orElseThrow().status()).isEqualTo(TimerStatus.FIRED);
			Timer next = timers.find(DailyTiers.key(region.code(), tomorrow.plusDays(1))).orElseThrow();
			assertThat(next.status()).isEqualTo(TimerStatus.PENDING);
			assertThat(next.dueAt()).isEqualTo(tomorrow.plusDays(1).atStartOfDay(region.zone()).toInstant());
		}
		String creator = computedTiers().keySet().iterator().next();
		JsonNode view = api.get("/api/v1/creators/" + creator + "/tier", TestData.ADMIN_TOKEN).json();
		JsonNode history = view.get("history");
		assertThat(history.size()).isBetween(1, 2);
		assertThat(history.get(history.size() - 1).has("to")).isFalse();
		assertThat(history.get(history.size() - 1).get("tier").asString()).isEqualTo(view.get("current").get("tier").asString());
	}

	@Test
	void tiersFollowRegionScopeAndOnlyLeadsRecompute() {
		recomputeEveryRegion(NOW);
		Map<String, String> computed = computedTiers();
		String someCreator = computed.keySet().iterator().next();
		String itsRegion = api.get("/api/v1/creators/" + someCreator, TestData.ADMIN_TOKEN).json().get("regionCode").asString();
		String otherRegion = regions.all().stream().map(Region::code).filter(c -> !c.equals(itsRegion)).findFirst().orElseThrow();
		String outsider = data.tokenOf(data.manager("olga", otherRegion));
		String insider = data.tokenOf(data.manager("ivan", itsRegion));

		assertThat(api.get("/api/v1/creators/" + someCreator + "/tier", outsider).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/creators/" + someCreator + "/tier", insider).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/tiers", outsider).body()).doesNotContain("\"" + someCreator + "\"");
		assertThat(api.post("/api/v1/tiers/recompute", insider, "").status()).isEqualTo(403);
		assertThat(api.get("/api/v1/tiers?tier=GOLD", insider).json().get("field").asString()).isEqualTo("tier");
	}
}
