package com.greenroom.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tier pace against an independent computation from the events the test itself sends: creator days in
 * each creator's zone (Los Angeles on its 25-hour DST day, Berlin across its DST change, Auckland and
 * Kolkata on the first day of a period, Los Angeles and Berlin on the last), live seconds split at local
 * midnights, 28-day periods from Monday 2024-01-01, cut-offs from the region's current tiers.
 */
@IntegrationTest
class TierPaceIntegrationTest {

	/** Sunday 1 November 2026, 12:00 in Los Angeles (an hour after its clocks went back): the last day of a period there. */
	static final Instant NOW1 = Instant.parse("2026-11-01T20:00:00Z");

	/** Tuesday 10 November 2026: the ninth day of the period 2 to 29 November almost everywhere. */
	static final Instant NOW2 = Instant.parse("2026-11-10T15:00:00Z");

	static final LocalDate ANCHOR = LocalDate.parse("2024-01-01");

	static final BigDecimal REACH_FACTOR = new BigDecimal("1.5");

	static final Instant REGISTERED = Instant.parse("2026-09-01T00:00:00Z");

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	TestClock clock;

	@Autowired
	Tiers tiers;

	/** A stream with one gift at its start (zero: none). */
	record Stream(Instant start, Instant end, String giftUsd) {
	}

	record Plan(String creatorId, String zone, Instant registeredAt, List<Stream> streams, Map<Instant, String> subscriptions) {
	}

	List<Plan> plans;

	int ids;

	@BeforeEach
	void reset() {
		data.reset();
		plans = new ArrayList<>();
		ids = 0;
	}

	// ---- the data set ---------------------------------------------------------------------------------

	/** Events up to NOW1. */
	void base() {
		plans.add(new Plan("la", "America/Los_Angeles", REGISTERED, new ArrayList<>(List.of(
				// 4 Oct 23:30 in LA (5 Oct in UTC): before the period 5 Oct to 1 Nov there
				new Stream(at("2026-10-05T06:30:00Z"), at("2026-10-05T06:45:00Z"), "5"),
				// 5 Oct 00:30 in LA: the period's first day
				new Stream(at("2026-10-05T07:30:00Z"), at("2026-10-05T08:30:00Z"), "20"),
				// 1 Nov 01:30 PDT to 01:30 PST: one real hour across the repeated hour
				new Stream(at("2026-11-01T08:30:00Z"), at("2026-11-01T09:30:00Z"), "30"))), Map.of()));
		plans.add(new Plan("akl", "Pacific/Auckland", REGISTERED, new ArrayList<>(List.of(
				// 1 Nov 20:00 NZDT: the previous period
				new Stream(at("2026-11-01T07:00:00Z"), at("2026-11-01T08:00:00Z"), "7"),
				// 1 Nov 23:30 to 2 Nov 00:30 NZDT: half in each period, active on 1 Nov
				new Stream(at("2026-11-01T10:30:00Z"), at("2026-11-01T11:30:00Z"), "0"),
				// 2 Nov 07:00 NZDT: the first day of the period 2 to 29 Nov
				new Stream(at("2026-11-01T18:00:00Z"), at("2026-11-01T19:00:00Z"), "12.34"))), Map.of()));
		plans.add(new Plan("ber", "Europe/Berlin", REGISTERED, new ArrayList<>(List.of(
				// 5 Oct 00:30 CEST (4 Oct in UTC): the period's first day in Berlin
				new Stream(at("2026-10-04T22:30:00Z"), at("2026-10-04T23:00:00Z"), "3"),
				// 25 Oct 02:30 CEST to 02:30 CET: across the DST change
				new Stream(at("2026-10-25T00:30:00Z"), at("2026-10-25T01:30:00Z"), "9.99"),
				new Stream(at("2026-10-31T18:00:00Z"), at("2026-10-31T20:00:00Z"), "100"))),
				Map.of(at("2026-10-20T12:00:00Z"), "4.99")));
		plans.add(new Plan("kol", "Asia/Kolkata", REGISTERED, new ArrayList<>(List.of(
				// 1 Nov 23:50 to 2 Nov 00:20 IST
				new Stream(at("2026-11-01T18:20:00Z"), at("2026-11-01T18:50:00Z"), "0"),
				// 2 Nov 00:30 IST
				new Stream(at("2026-11-01T19:00:00Z"), at("2026-11-01T19:30:00Z"), "50"))), Map.of()));
		plans.add(new Plan("quiet", "America/New_York", REGISTERED, new ArrayList<>(), Map.of()));
		plans.add(new Plan("newbie", "UTC", at("2026-10-25T00:00:00Z"),
				new ArrayList<>(List.of(new Stream(at("2026-10-26T10:00:00Z"), at("2026-10-26T12:00:00Z"), "1000"))), Map.of()));
		for (int i = 1; i <= 10; i++) {
			plans.add(new Plan("filler" + i, "UTC", REGISTERED, new ArrayList<>(List.of(
					new Stream(at("2026-10-20T10:00:00Z"), at("2026-10-20T11:00:00Z"), String.valueOf(i * 50)))), Map.of()));
		}
	}

	/** More events, between NOW1 and NOW2. */
	void later() {
		plan("la").streams().add(new Stream(at("2026-11-03T18:00:00Z"), at("2026-11-03T20:00:00Z"), "40"));
		plan("akl").streams().add(new Stream(at("2026-11-05T06:00:00Z"), at("2026-11-05T09:00:00Z"), "25"));
		plan("ber").streams().add(new Stream(at("2026-11-08T22:30:00Z"), at("2026-11-08T23:30:00Z"), "60"));
		plan("kol").streams().add(new Stream(at("2026-11-09T20:00:00Z"), at("2026-11-09T21:00:00Z"), "5"));
		plan("newbie").streams().add(new Stream(at("2026-11-06T10:00:00Z"), at("2026-11-06T11:00:00Z"), "10"));
		for (int i = 1; i <= 10; i++) {
			plan("filler" + i).streams().add(new Stream(at("2026-11-05T10:00:00Z"), at("2026-11-05T10:30:00Z"), String.valueOf(i * 20)));
		}
		plan("filler3").streams().add(new Stream(at("2026-11-09T10:00:00Z"), at("2026-11-09T10:45:00Z"), "300"));
	}

	void send(Instant now) {
		clock.set(now);
		List<String> lines = new ArrayList<>();
		for (Plan p : plans) {
			lines.add(EventFeed.registered("r-" + p.creatorId(), p.creatorId(), "US", p.zone(), p.registeredAt()));
		}
		for (Plan p : plans) {
			for (Stream s : p.streams()) {
				String stream = "s-" + p.creatorId() + "-" + s.start().getEpochSecond();
				lines.add(EventFeed.started("e" + ++ids + "-" + stream, p.creatorId(), stream, s.start()));
				if (new BigDecimal(s.giftUsd()).signum() > 0) {
					lines.add(EventFeed.gift("g-" + stream, p.creatorId(), stream, "v1", s.giftUsd(), s.start().plusSeconds(60)));
				}
				lines.add(EventFeed.ended("x-" + stream, p.creatorId(), stream, s.end()));
			}
			p.subscriptions()
				.forEach((at, usd) -> lines.add(EventFeed.subscription("sub-" + p.creatorId() + at.getEpochSecond(), p.creatorId(), "v2", usd, at)));
		}
		feed.send(lines);
		tiers.recompute("NA", now);
	}

	// ---- the independent computation ------------------------------------------------------------------

	record Figures(int activeDays, long liveSeconds, BigDecimal revenue) {

		long liveMinutes() {
			return liveSeconds / 60;
		}
	}

	/** The creator's figures over creator days from..to (inclusive) in their zone. */
	static Figures figures(Plan p, LocalDate from, LocalDate to) {
		ZoneId zone = ZoneId.of(p.zone());
		Set<LocalDate> active = new HashSet<>();
		long seconds = 0;
		BigDecimal revenue = BigDecimal.ZERO;
		for (Stream s : p.streams()) {
			LocalDate startDay = LocalDate.ofInstant(s.start(), zone);
			if (!startDay.isBefore(from) && !startDay.isAfter(to)) {
				active.add(startDay);
			}
			LocalDate giftDay = LocalDate.ofInstant(s.start().plusSeconds(60), zone);
			if (!giftDay.isBefore(from) && !giftDay.isAfter(to)) {
				revenue = revenue.add(new BigDecimal(s.giftUsd()));
			}
			for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
				Instant dayStart = d.atStartOfDay(zone).toInstant();
				Instant dayEnd = d.plusDays(1).atStartOfDay(zone).toInstant();
				Instant a = s.start().isAfter(dayStart) ? s.start() : dayStart;
				Instant b = s.end().isBefore(dayEnd) ? s.end() : dayEnd;
				if (b.isAfter(a)) {
					seconds += Duration.between(a, b).toSeconds();
				}
			}
		}
		for (var sub : p.subscriptions().entrySet()) {
			LocalDate day = LocalDate.ofInstant(sub.getKey(), zone);
			if (!day.isBefore(from) && !day.isAfter(to)) {
				revenue = revenue.add(new BigDecimal(sub.getValue()));
			}
		}
		return new Figures(active.size(), seconds, revenue);
	}

	record Expected(LocalDate start, LocalDate end, int elapsed, int left, Figures soFar, BigDecimal projectedRevenue,
			BigDecimal projectedActive, BigDecimal projectedMinutes, String current, String paceTier, String next, BigDecimal nextRevenue,
			BigDecimal nextActive, BigDecimal nextMinutes, boolean withinReach) {
	}

	Map<String, Expected> expected(Instant now) {
		Map<String, String> current = new LinkedHashMap<>();
		Map<String, BigDecimal> cutOff = new LinkedHashMap<>();
		for (String tier : List.of("TOP", "MID", "EMERGING", "DORMANT", "NEW")) {
			for (Tiers.Row row : tiers.list(data.admin(), "NA", tier, null)) {
				current.put(row.tier().creatorId(), tier);
				cutOff.merge(tier, row.tier().revenueUsd(), BigDecimal::min);
			}
		}
		Map<String, Expected> expected = new LinkedHashMap<>();
		for (Plan p : plans) {
			ZoneId zone = ZoneId.of(p.zone());
			LocalDate today = LocalDate.ofInstant(now, zone);
			long sinceAnchor = ChronoUnit.DAYS.between(ANCHOR, today);
			LocalDate start = ANCHOR.plusDays(Math.floorDiv(sinceAnchor, 28) * 28);
			LocalDate end = start.plusDays(27);
			int elapsed = (int) ChronoUnit.DAYS.between(start, today) + 1;
			int left = (int) ChronoUnit.DAYS.between(today, end) + 1;
			Figures f = figures(p, start, today);
			BigDecimal projRevenue = f.revenue().multiply(BigDecimal.valueOf(28)).divide(BigDecimal.valueOf(elapsed), 2, RoundingMode.HALF_UP);
			String paceTier;
			if (p.registeredAt().plus(Duration.ofDays(28)).isAfter(end.plusDays(1).atStartOfDay(zone).toInstant())) {
				paceTier = "NEW";
			}
			else if (f.activeDays() == 0) {
				paceTier = "DORMANT";
			}
			else if (cutOff.containsKey("TOP") && projRevenue.compareTo(cutOff.get("TOP")) >= 0) {
				paceTier = "TOP";
			}
			else if (cutOff.containsKey("MID") && projRevenue.compareTo(cutOff.get("MID")) >= 0) {
				paceTier = "MID";
			}
			else {
				paceTier = "EMERGING";
			}
			String cur = current.get(p.creatorId());
			String next = switch (cur) {
				case "EMERGING" -> "MID";
				case "MID" -> "TOP";
				case "DORMANT" -> "EMERGING";
				default -> null;
			};
			BigDecimal nextRevenue = next == null ? null : next.equals("EMERGING") ? BigDecimal.ZERO : cutOff.get(next);
			BigDecimal nextActive = null;
			BigDecimal nextMinutes = null;
			if ("EMERGING".equals(next)) {
				nextActive = BigDecimal.ONE;
			}
			else if (next != null) {
				List<Integer> days = new ArrayList<>();
				List<Long> minutes = new ArrayList<>();
				for (Plan member : plans) {
					if (next.equals(current.get(member.creatorId()))) {
						LocalDate memberToday = LocalDate.ofInstant(now, ZoneId.of(member.zone()));
						Figures trailing = figures(member, memberToday.minusDays(27), memberToday);
						days.add(trailing.activeDays());
						minutes.add(trailing.liveMinutes());
					}
				}
				days.sort(Comparator.naturalOrder());
				minutes.sort(Comparator.naturalOrder());
				int median = (days.size() + 1) / 2 - 1; // percentile_disc(0.5): the first value at or past half
				nextActive = BigDecimal.valueOf(days.get(median));
				nextMinutes = BigDecimal.valueOf(minutes.get(median));
			}
			boolean within;
			if (next == null) {
				within = false;
			}
			else if (next.equals("EMERGING")) {
				BigDecimal gap = BigDecimal.ONE.subtract(BigDecimal.valueOf(f.activeDays()));
				within = gap.signum() <= 0 || BigDecimal.valueOf(f.activeDays())
					.multiply(BigDecimal.valueOf(left))
					.multiply(REACH_FACTOR)
					.compareTo(gap.multiply(BigDecimal.valueOf(elapsed))) >= 0;
			}
			else {
				BigDecimal gap = nextRevenue.subtract(f.revenue());
				// needed per day left at most REACH_FACTOR x the daily pace so far
				within = gap.signum() <= 0 || gap.divide(BigDecimal.valueOf(left), 10, RoundingMode.HALF_UP)
					.compareTo(REACH_FACTOR.multiply(f.revenue()).divide(BigDecimal.valueOf(elapsed), 10, RoundingMode.HALF_UP)) <= 0;
			}
			expected.put(p.creatorId(),
					new Expected(start, end, elapsed, left, f, projRevenue,
							BigDecimal.valueOf(f.activeDays() * 28L).divide(BigDecimal.valueOf(elapsed), 1, RoundingMode.HALF_UP),
							BigDecimal.valueOf(f.liveMinutes() * 28L).divide(BigDecimal.valueOf(elapsed), 1, RoundingMode.HALF_UP), cur, paceTier,
							next, nextRevenue, nextActive, nextMinutes, within));
		}
		return expected;
	}

	void assertPaceMatches(Instant now) {
		Map<String, Expected> expected = expected(now);
		for (var entry : expected.entrySet()) {
			Expected e = entry.getValue();
			Api.Response response = api.get("/api/v1/creators/" + entry.getKey() + "/tier-pace", TestData.ADMIN_TOKEN);
			assertThat(response.status()).as(entry.getKey()).isEqualTo(200);
			JsonNode pace = response.json();
			String who = entry.getKey() + " at " + now + ": " + pace;
			assertThat(pace.get("periodStart").asString()).as(who).isEqualTo(e.start().toString());
			assertThat(pace.get("periodEnd").asString()).as(who).isEqualTo(e.end().toString());
			assertThat(pace.get("elapsedDays").asInt()).as(who).isEqualTo(e.elapsed());
			assertThat(pace.get("daysLeft").asInt()).as(who).isEqualTo(e.left());
			assertThat(pace.get("daysInPeriod").asInt()).as(who).isEqualTo(28);
			assertThat(text(pace.get("currentTier"))).as(who).isEqualTo(e.current());
			assertThat(text(pace.get("paceTier"))).as(who).isEqualTo(e.paceTier());
			assertThat(text(pace.get("nextTier"))).as(who).isEqualTo(e.next());
			assertThat(pace.get("withinReach").asBoolean()).as(who).isEqualTo(e.withinReach());
			JsonNode revenue = measure(pace, "revenueUsd");
			assertThat(revenue.get("soFar").decimalValue()).as(who).isEqualByComparingTo(e.soFar().revenue());
			assertThat(revenue.get("projected").decimalValue()).as(who).isEqualByComparingTo(e.projectedRevenue());
			assertDecimal(revenue.get("nextTierThreshold"), e.nextRevenue(), who);
			assertDecimal(revenue.get("toNextTier"), e.nextRevenue() == null ? null : e.nextRevenue().subtract(e.soFar().revenue()), who);
			JsonNode active = measure(pace, "activeDays");
			assertThat(active.get("soFar").decimalValue()).as(who).isEqualByComparingTo(BigDecimal.valueOf(e.soFar().activeDays()));
			assertThat(active.get("projected").decimalValue()).as(who).isEqualByComparingTo(e.projectedActive());
			assertDecimal(active.get("nextTierThreshold"), e.nextActive(), who);
			assertDecimal(active.get("toNextTier"),
					e.nextActive() == null ? null : e.nextActive().subtract(BigDecimal.valueOf(e.soFar().activeDays())), who);
			JsonNode minutes = measure(pace, "liveMinutes");
			assertThat(minutes.get("soFar").decimalValue()).as(who).isEqualByComparingTo(BigDecimal.valueOf(e.soFar().liveMinutes()));
			assertThat(minutes.get("projected").decimalValue()).as(who).isEqualByComparingTo(e.projectedMinutes());
			assertDecimal(minutes.get("nextTierThreshold"), e.nextMinutes(), who);
		}
	}

	@Test
	void paceMatchesTheDefinitionOnFirstAndLastPeriodDaysAcrossZonesAndDst() {
		base();
		send(NOW1);
		assertPaceMatches(NOW1);
		Map<String, Expected> e = expected(NOW1);
		// the cases this data set is for, so the comparison above cannot pass vacuously
		assertThat(e.get("la").elapsed()).as("LA: last day of its period, the 25-hour 1 November").isEqualTo(28);
		assertThat(e.get("la").soFar().liveSeconds()).isEqualTo(2 * 3600);
		assertThat(e.get("la").soFar().revenue()).isEqualByComparingTo("50");
		assertThat(e.get("ber").elapsed()).isEqualTo(28);
		assertThat(e.get("ber").soFar().activeDays()).isEqualTo(3);
		assertThat(e.get("akl").elapsed()).as("Auckland: first day of the next period").isEqualTo(1);
		assertThat(e.get("akl").left()).isEqualTo(28);
		assertThat(e.get("akl").soFar().liveMinutes()).isEqualTo(90);
		assertThat(e.get("kol").elapsed()).isEqualTo(1);
		assertThat(e.get("kol").soFar().liveMinutes()).isEqualTo(50);
		assertThat(e.get("quiet").current()).isEqualTo("DORMANT");
		assertThat(e.get("quiet").paceTier()).isEqualTo("DORMANT");
		assertThat(e.get("newbie").current()).isEqualTo("NEW");
		assertThat(e.get("newbie").paceTier()).isEqualTo("NEW");
	}

	@Test
	void paceMatchesTheDefinitionMidPeriod() {
		base();
		later();
		send(NOW2);
		assertPaceMatches(NOW2);
		Map<String, Expected> e = expected(NOW2);
		assertThat(e.values().stream().map(Expected::paceTier).toList()).contains("TOP", "MID", "EMERGING");
		assertThat(e.values().stream().map(Expected::withinReach).toList()).contains(true, false);
		assertThat(e.get("newbie").paceTier()).as("new now, ranked by the period's end").isNotEqualTo("NEW");
	}

	@Test
	void aCreatorWithNoActivityHasZerosAndNeedsOneActiveDay() {
		base();
		send(NOW2);
		JsonNode pace = api.get("/api/v1/creators/quiet/tier-pace", TestData.ADMIN_TOKEN).json();
		assertThat(pace.get("currentTier").asString()).isEqualTo("DORMANT");
		assertThat(pace.get("nextTier").asString()).isEqualTo("EMERGING");
		assertThat(measure(pace, "revenueUsd").get("projected").decimalValue()).isEqualByComparingTo("0");
		assertThat(measure(pace, "activeDays").get("toNextTier").decimalValue()).isEqualByComparingTo("1");
		assertThat(pace.get("withinReach").asBoolean()).isFalse();
		assertThat(pace.get("summary").asString()).isEqualTo("1 more active day by Sun 29 Nov for Emerging.");
	}

	@Test
	void theRosterFiltersCreatorsWithinReachOfTheNextTierInApiAndCsv() {
		base();
		later();
		send(NOW2);
		Set<String> within = new TreeSet<>();
		expected(NOW2).forEach((id, e) -> {
			if (e.withinReach()) {
				within.add(id);
			}
		});
		assertThat(within).isNotEmpty().hasSizeLessThan(plans.size());
		Set<String> listed = new TreeSet<>();
		api.get("/api/v1/creators?limit=500&reach=next-tier", TestData.ADMIN_TOKEN).json().get("items")
			.forEach(item -> listed.add(item.get("creatorId").asString()));
		assertThat(listed).isEqualTo(within);
		String csv = api.get("/api/v1/creators.csv?reach=next-tier&columns=creatorId,paceTier,nextTierGap,withinReach", TestData.ADMIN_TOKEN).body();
		Set<String> exported = new TreeSet<>();
		csv.lines().skip(1).forEach(line -> {
			exported.add(line.split(",")[0]);
			assertThat(line).endsWith(",Yes");
		});
		assertThat(exported).isEqualTo(within);
		Api.Response bad = api.get("/api/v1/creators?reach=soon", TestData.ADMIN_TOKEN);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("field").asString()).isEqualTo("reach");
	}

	@Test
	void paceAndTheReachFilterStayInsideTheViewersRegions() {
		base();
		later();
		send(NOW2);
		String outsider = data.tokenOf(data.manager("olga", "EU"));
		String insider = data.tokenOf(data.manager("nina", "NA"));
		assertThat(api.get("/api/v1/creators/la/tier-pace", outsider).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/creators/la/tier-pace", insider).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/creators?limit=500&reach=next-tier", outsider).json().get("items")).isEmpty();
		assertThat(api.get("/api/v1/creators?limit=500&reach=next-tier", insider).json().get("items")).isNotEmpty();
		assertThat(api.get("/api/v1/creators/nobody/tier-pace", insider).status()).isEqualTo(404);
	}

	// ---- helpers --------------------------------------------------------------------------------------

	Plan plan(String id) {
		return plans.stream().filter(p -> p.creatorId().equals(id)).findFirst().orElseThrow();
	}

	static Instant at(String instant) {
		return Instant.parse(instant);
	}

	static JsonNode measure(JsonNode pace, String name) {
		for (JsonNode m : pace.get("measures")) {
			if (m.get("measure").asString().equals(name)) {
				return m;
			}
		}
		throw new AssertionError("no measure " + name + " in " + pace);
	}

	static String text(JsonNode node) {
		return node == null || node.isNull() ? null : node.asString();
	}

	static void assertDecimal(JsonNode node, BigDecimal expected, String who) {
		if (expected == null) {
			assertThat(node == null || node.isNull()).as(who + " expects no value, got " + node).isTrue();
		}
		else {
			assertThat(node.decimalValue()).as(who).isEqualByComparingTo(expected);
		}
	}
}
