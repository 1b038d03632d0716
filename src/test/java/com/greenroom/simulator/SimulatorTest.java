package com.greenroom.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The simulated platform: deterministic, contract-true, and shaped like a real one. */
class SimulatorTest {

	private static final int CREATORS = 120;

	private static final SimulationOptions FOUR_WEEKS = SimulationOptions.of(42, CREATORS, 28);

	private static List<String> lines;

	private static List<JsonNode> events;

	@BeforeAll
	static void simulateFourWeeks() {
		lines = Simulator.of(FOUR_WEEKS).lines().toList();
		events = lines.stream().map(PlatformEventContract.JSON::readTree).toList();
	}

	@Test
	void sameSeedAndOptionsGiveByteIdenticalEvents() {
		SimulationOptions options = SimulationOptions.of(7, 40, 10).withDisorder(0.05);
		assertThat(String.join("\n", Simulator.of(options).lines().toList()))
			.isEqualTo(String.join("\n", Simulator.of(options).lines().toList()));
	}

	@Test
	void anotherSeedGivesAnotherPlatform() {
		List<String> other = Simulator.of(SimulationOptions.of(43, CREATORS, 28)).firstLines(1000);
		assertThat(other).doesNotContainAnyElementsOf(lines.subList(0, 1000));
	}

	@Test
	void everyEventFollowsTheContract() {
		assertThat(lines).hasSizeGreaterThan(40_000);
		for (String line : lines) {
			assertThat(PlatformEventContract.violations(line)).as(line).isEmpty();
		}
		assertThat(events.stream().map(e -> e.get("type").asString()).distinct())
			.containsExactlyInAnyOrder("creator.registered", "stream.started", "stream.ended", "viewer.joined", "viewer.left",
					"gift.sent", "subscription.started", "follow.created", "report.filed");
		assertThat(events.stream().filter(e -> e.has("amount")).map(e -> e.get("amount").get("currency").asString()).distinct())
			.hasSizeGreaterThanOrEqualTo(4);
	}

	@Test
	void withoutDisorderIdsAreUniqueAndEventsArriveInTimeOrderAfterTheirCreatorsRegistration() {
		Set<String> ids = new HashSet<>();
		Set<String> registered = new HashSet<>();
		Instant previous = Instant.MIN;
		for (JsonNode event : events) {
			assertThat(ids.add(event.get("id").asString())).as("unique id").isTrue();
			Instant at = occurredAt(event);
			assertThat(at).isAfterOrEqualTo(previous);
			previous = at;
			if (type(event).equals("creator.registered")) {
				registered.add(creator(event));
			}
			assertThat(registered).contains(creator(event));
		}
		assertThat(registered).hasSize(CREATORS);
	}

	@Test
	void disorderDeliversAFewEventsLateOutOfOrderOrTwiceButChangesNoEvent() {
		List<String> disordered = Simulator.of(FOUR_WEEKS.withDisorder(0.02)).lines().toList();
		assertThat(new HashSet<>(disordered)).isEqualTo(new HashSet<>(lines));
		int duplicates = disordered.size() - lines.size();
		assertThat(duplicates).isBetween(lines.size() / 500, lines.size() / 100);
		long lateByAnHour = 0;
		Instant latest = FOUR_WEEKS.start();
		for (String line : disordered) {
			Instant at = occurredAt(PlatformEventContract.JSON.readTree(line));
			if (at.isBefore(latest.minus(Duration.ofHours(1)))) {
				lateByAnHour++;
			}
			latest = at.isAfter(latest) ? at : latest;
		}
		assertThat(lateByAnHour).isGreaterThan(0).isLessThan(lines.size() / 50);
	}

	@Test
	void topTenPercentOfCreatorsEarnMostOfTheRevenue() {
		Map<String, BigDecimal> usdByCreator = new HashMap<>();
		for (JsonNode event : events) {
			if (event.has("amount")) {
				BigDecimal value = new BigDecimal(event.get("amount").get("value").asString());
				BigDecimal rate = Geography.currency(event.get("amount").get("currency").asString()).perUsd();
				usdByCreator.merge(creator(event), value.divide(rate, MathContext.DECIMAL64), BigDecimal::add);
			}
		}
		List<BigDecimal> ranked = usdByCreator.values().stream().sorted(Comparator.reverseOrder()).toList();
		BigDecimal total = ranked.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal topTenPercent = ranked.stream().limit(CREATORS / 10).reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(topTenPercent.divide(total, MathContext.DECIMAL64)).isGreaterThan(new BigDecimal("0.5"));
	}

	@Test
	void creatorsStreamLessAsTheyAgeButSomeKeepGoing() {
		Instant end = FOUR_WEEKS.start().plus(Duration.ofDays(28));
		Map<String, LocalDate> registeredOn = new HashMap<>();
		Map<String, int[]> streamsByWeekOfAge = new TreeMap<>();
		for (JsonNode event : events) {
			OffsetDateTime local = OffsetDateTime.parse(event.get("occurredAt").asString());
			if (type(event).equals("creator.registered") && local.toInstant().isBefore(end.minus(Duration.ofDays(21)))) {
				registeredOn.put(creator(event), local.toLocalDate());
			}
			if (type(event).equals("stream.started") && registeredOn.containsKey(creator(event))) {
				long age = ChronoUnit.DAYS.between(registeredOn.get(creator(event)), local.toLocalDate());
				if (age < 21) {
					streamsByWeekOfAge.computeIfAbsent(creator(event), c -> new int[3])[(int) age / 7]++;
				}
			}
		}
		int firstWeek = streamsByWeekOfAge.values().stream().mapToInt(w -> w[0]).sum();
		int thirdWeek = streamsByWeekOfAge.values().stream().mapToInt(w -> w[2]).sum();
		long quit = streamsByWeekOfAge.values().stream().filter(w -> w[0] >= 3 && w[2] == 0).count();
		long stayed = streamsByWeekOfAge.values().stream().filter(w -> w[2] >= 4).count();
		assertThat(thirdWeek).isLessThan(firstWeek * 3 / 4);
		assertThat(quit).isGreaterThanOrEqualTo(registeredOn.size() / 5);
		assertThat(stayed).isGreaterThanOrEqualTo(registeredOn.size() / 5);
	}

	@Test
	void manyCreatorsHaveTenViewersWhoReturnOnAnotherCreatorDay() {
		Map<String, Map<String, Set<LocalDate>>> daysByViewerByCreator = new HashMap<>();
		for (JsonNode event : events) {
			if (type(event).equals("viewer.joined")) {
				LocalDate creatorDay = OffsetDateTime.parse(event.get("occurredAt").asString()).toLocalDate();
				daysByViewerByCreator.computeIfAbsent(creator(event), c -> new HashMap<>())
					.computeIfAbsent(event.get("viewerId").asString(), v -> new HashSet<>())
					.add(creatorDay);
			}
		}
		long withTenReturning = daysByViewerByCreator.values()
			.stream()
			.filter(viewers -> viewers.values().stream().filter(days -> days.size() >= 2).count() >= 10)
			.count();
		long withOneTimersOnly = daysByViewerByCreator.values()
			.stream()
			.filter(viewers -> viewers.values().stream().noneMatch(days -> days.size() >= 2))
			.count();
		assertThat(withTenReturning).isGreaterThanOrEqualTo(CREATORS / 4);
		assertThat(withTenReturning).isLessThan(daysByViewerByCreator.size());
		assertThat(withOneTimersOnly + withTenReturning).isLessThan(daysByViewerByCreator.size());
	}

	@Test
	void streamsStartInTheCreatorsLocalEveningAndViewersComeAndGoWithinThem() {
		Map<String, Instant[]> streamSpans = new HashMap<>();
		Map<String, Integer> watching = new HashMap<>();
		Map<String, Integer> peak = new HashMap<>();
		Map<String, Set<String>> audience = new HashMap<>();
		for (JsonNode event : events) {
			String stream = PlatformEventContract.text(event, "streamId");
			switch (type(event)) {
				case "stream.started" -> {
					int hour = OffsetDateTime.parse(event.get("occurredAt").asString()).getHour();
					assertThat(hour).isBetween(14, 23);
					streamSpans.put(stream, new Instant[] { occurredAt(event), null });
				}
				case "viewer.joined" -> {
					assertThat(streamSpans.get(stream)[1]).as("joins only a live stream").isNull();
					int now = watching.merge(stream, 1, Integer::sum);
					peak.merge(stream, now, Math::max);
					audience.computeIfAbsent(stream, s -> new HashSet<>()).add(event.get("viewerId").asString());
				}
				case "viewer.left" -> assertThat(watching.merge(stream, -1, Integer::sum)).isGreaterThanOrEqualTo(0);
				case "stream.ended" -> {
					streamSpans.get(stream)[1] = occurredAt(event);
					assertThat(watching.getOrDefault(stream, 0)).as("everyone has left when the stream ends").isZero();
				}
				default -> {
				}
			}
		}
		List<String> bigStreams = audience.entrySet().stream().filter(a -> a.getValue().size() >= 100).map(Map.Entry::getKey).toList();
		assertThat(bigStreams).isNotEmpty();
		for (String stream : bigStreams) {
			assertThat(peak.get(stream)).as("peak concurrency of " + stream).isLessThan(audience.get(stream).size() * 3 / 4);
		}
	}

	@Test
	void simulatedCountriesBelongToTheSeededRegionsTheSimulatorClaims() throws IOException {
		String migration;
		try (InputStream in = getClass().getResourceAsStream("/db/migration/identity/V1__regions_users_tokens.sql")) {
			migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Map<String, String> seeded = new HashMap<>();
		Matcher region = Pattern.compile("select c, '(\\w+)' from unnest\\(array\\[([^\\]]+)\\]\\)").matcher(migration);
		while (region.find()) {
			for (String country : region.group(2).replace("'", "").split(",")) {
				seeded.put(country.strip(), region.group(1));
			}
		}
		assertThat(seeded).hasSizeGreaterThan(150);
		List<String> mismatches = new ArrayList<>();
		for (Geography.Country country : Geography.countries()) {
			if (!country.region().equals(seeded.get(country.code()))) {
				mismatches.add(country.code() + " simulated in " + country.region() + ", seeded in " + seeded.get(country.code()));
			}
		}
		assertThat(mismatches).isEmpty();
		assertThat(events.stream().filter(e -> type(e).equals("creator.registered")).map(e -> seeded.get(e.get("country").asString())).distinct())
			.hasSizeGreaterThanOrEqualTo(7);
	}

	private static String type(JsonNode event) {
		return event.get("type").asString();
	}

	private static String creator(JsonNode event) {
		return event.get("creatorId").asString();
	}

	private static Instant occurredAt(JsonNode event) {
		return OffsetDateTime.parse(event.get("occurredAt").asString()).toInstant();
	}
}
