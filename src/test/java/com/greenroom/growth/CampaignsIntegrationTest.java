package com.greenroom.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

import com.greenroom.creators.Creators;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Campaign ROI against an independent computation of the brief's definition: participants in Berlin, London,
 * Sydney and Auckland with revenue in USD, EUR and BRL a minute either side of their local midnight, a cost in
 * EUR, the baseline's 28 days, and a campaign still running in one region's zone and over in another's.
 */
@IntegrationTest
class CampaignsIntegrationTest {

	static final LocalDate START = LocalDate.of(2026, 11, 16);

	static final LocalDate END = LocalDate.of(2026, 11, 22);

	static final Map<String, BigDecimal> RATES = Map.of("USD", BigDecimal.ONE, "EUR", new BigDecimal("1.08"), "BRL", new BigDecimal("0.18"));

	/** Creator id, country, zone, region. */
	static final String[][] CREATORS = { { "eu-berlin", "DE", "Europe/Berlin", "EU" }, { "eu-london", "GB", "Europe/London", "EU" },
			{ "oc-sydney", "AU", "Australia/Sydney", "OC" }, { "oc-auckland", "NZ", "Pacific/Auckland", "OC" },
			{ "eu-outsider", "FR", "Europe/Paris", "EU" } };

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	Api api;

	@Autowired
	TestClock clock;

	@Autowired
	Timers timers;

	@Autowired
	Creators creators;

	@Autowired
	Campaigns campaigns;

	/** Creator id → (creator day → USD revenue), the independent side. */
	final Map<String, Map<LocalDate, BigDecimal>> revenue = new LinkedHashMap<>();

	@BeforeEach
	void simulate() {
		data.reset();
		revenue.clear();
		List<String> events = new ArrayList<>();
		Random random = new Random(12);
		int n = 0;
		for (String[] c : CREATORS) {
			ZoneId zone = ZoneId.of(c[2]);
			events.add(EventFeed.registered("r-" + c[0], c[0], c[1], c[2], Instant.parse("2026-09-01T12:00:00Z")));
			Map<LocalDate, BigDecimal> days = revenue.computeIfAbsent(c[0], k -> new LinkedHashMap<>());
			for (LocalDate day = LocalDate.of(2026, 10, 12); day.isBefore(LocalDate.of(2026, 11, 30)); day = day.plusDays(1)) {
				if (random.nextInt(3) == 0) {
					continue;
				}
				// a minute after local midnight, a minute before the next, and midday: the zone decides the creator day
				Instant[] ats = { day.atStartOfDay(zone).toInstant().plusSeconds(60), day.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(60),
						day.atTime(12, 0).atZone(zone).toInstant() };
				for (Instant at : ats) {
					if (random.nextBoolean()) {
						continue;
					}
					String currency = List.of("USD", "EUR", "BRL").get(random.nextInt(3));
					String value = (1 + random.nextInt(400)) + "." + String.format("%02d", random.nextInt(100));
					boolean gift = random.nextBoolean();
					events.add(gift
							? """
									{"id":"g%d","type":"gift.sent","occurredAt":"%s","creatorId":"%s","streamId":"s-%s","viewerId":"v%d","amount":{"value":"%s","currency":"%s"}}"""
								.formatted(n++, at, c[0], c[0], n % 7, value, currency)
							: """
									{"id":"p%d","type":"subscription.started","occurredAt":"%s","creatorId":"%s","viewerId":"v%d","amount":{"value":"%s","currency":"%s"}}"""
								.formatted(n++, at, c[0], n % 7, value, currency));
					BigDecimal usd = new BigDecimal(value).multiply(RATES.get(currency)).setScale(6, RoundingMode.HALF_EVEN);
					days.merge(LocalDate.ofInstant(at, zone), usd, BigDecimal::add);
				}
			}
		}
		feed.send(events);
	}

	String create(String token, String body) {
		Api.Response created = api.post("/api/v1/campaigns", token, body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asText();
	}

	@Test
	void roiPerRegionAndInTotalMatchesTheDefinitionOnceTheCampaignHasEndedEverywhere() {
		String id = create(TestData.ADMIN_TOKEN, """
				{"name": "Black Friday push", "regions": ["EU", "OC"], "start": "2026-11-16", "end": "2026-11-22",
				 "cost": {"value": "500.00", "currency": "EUR"}, "creators": ["eu-berlin", "eu-london", "oc-sydney", "oc-auckland"],
				 "goal": "More gifts in the week before Black Friday", "revenueTarget": {"value": "2000", "currency": "USD"}}""");

		JsonNode campaign = api.get("/api/v1/campaigns/" + id, TestData.ADMIN_TOKEN).json();
		assertThat(campaign.at("/cost/usd").decimalValue()).isEqualByComparingTo("540");
		assertThat(campaign.get("participantCount").asInt()).isEqualTo(4);

		JsonNode roi = api.get("/api/v1/campaigns/" + id + "/roi", TestData.ADMIN_TOKEN).json();
		assertThat(roi.get("baselineFrom").asText()).isEqualTo("2026-10-19");
		assertThat(roi.get("baselineTo").asText()).isEqualTo("2026-11-15");
		BigDecimal cost = new BigDecimal("540");
		Expected eu = expected(List.of("eu-berlin", "eu-london"), 7, new BigDecimal("270"));
		Expected oc = expected(List.of("oc-sydney", "oc-auckland"), 7, new BigDecimal("270"));
		assertFigures(roi.at("/regions/0/figures"), eu);
		assertThat(roi.at("/regions/0/region").asText()).isEqualTo("EU");
		assertFigures(roi.at("/regions/1/figures"), oc);
		Expected total = new Expected(eu.revenue.add(oc.revenue), eu.baseline.add(oc.baseline), cost, 7);
		assertFigures(roi.get("total"), total);
		assertThat(roi.at("/total/complete").asBoolean()).isTrue();

		// the chart: every date from the baseline's first to the campaign's last, the baseline only on campaign days
		JsonNode daily = roi.get("daily");
		assertThat(daily).hasSize(28 + 7);
		LocalDate day = LocalDate.of(2026, 11, 18);
		JsonNode point = daily.get(28 + 2);
		assertThat(point.get("day").asText()).isEqualTo(day.toString());
		BigDecimal onDay = List.of("eu-berlin", "eu-london", "oc-sydney", "oc-auckland")
			.stream()
			.map(c -> revenue.get(c).getOrDefault(day, BigDecimal.ZERO))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(point.get("revenueUsd").decimalValue()).isEqualByComparingTo(onDay);
		assertThat(daily.get(0).has("baselineUsd")).as("no baseline before the start").isFalse();
	}

	@Test
	void aRunningCampaignCountsTheDaysEndedInEachRegionsZone() {
		String id = create(TestData.ADMIN_TOKEN, """
				{"name": "Mid-month", "regions": ["EU", "OC"], "start": "2026-11-16", "end": "2026-11-22",
				 "cost": {"value": "1000", "currency": "USD"}, "creators": ["eu-berlin", "oc-sydney", "oc-auckland"]}""");
		// 13:30 UTC on the 18th: Sydney (UTC+11) has ended the 18th, Berlin (UTC+1) only the 17th
		clock.set(Instant.parse("2026-11-18T13:30:00Z"));
		JsonNode roi = api.get("/api/v1/campaigns/" + id + "/roi", TestData.ADMIN_TOKEN).json();
		assertFigures(roi.at("/regions/0/figures"), expected(List.of("eu-berlin"), 2, new BigDecimal("333.333333")));
		assertFigures(roi.at("/regions/1/figures"), expected(List.of("oc-sydney", "oc-auckland"), 3, new BigDecimal("666.666667")));
		assertThat(roi.at("/total/daysCounted").asInt()).isEqualTo(2);
		assertThat(roi.at("/total/complete").asBoolean()).isFalse();

		clock.set(Instant.parse("2026-11-16T12:00:00Z"));
		JsonNode before = api.get("/api/v1/campaigns/" + id + "/roi", TestData.ADMIN_TOKEN).json();
		assertThat(before.at("/regions/0/figures/daysCounted").asInt()).isZero();
		assertThat(before.at("/regions/0/figures").has("roi")).as("no ROI before a day has ended").isFalse();
	}

	@Test
	void aSegmentIsFrozenWhenTheCampaignStartsAndLaterChangesDoNotMoveIt() {
		UserSummary lead = data.user("lena", List.of(Role.REGIONAL_LEAD.name()), "EU");
		UserSummary other = data.manager("otto", "EU");
		creators.assignManager(data.admin(), List.of("eu-berlin", "eu-london"), lead.id());
		String id = create(data.tokenOf(lead), """
				{"name": "December", "regions": ["EU"], "start": "2026-12-07", "end": "2026-12-13", "cost": {"value": "300", "currency": "GBP"},
				 "segment": {"manager": "%d"}}""".formatted(lead.id()));
		Instant startsAt = LocalDate.of(2026, 12, 7).atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant();

		timers.fireDue(startsAt.minusSeconds(1));
		assertThat(api.get("/api/v1/campaigns/" + id, TestData.ADMIN_TOKEN).json().get("participantCount").asInt()).isZero();

		clock.set(startsAt);
		timers.fireDue(startsAt);
		JsonNode frozen = api.get("/api/v1/campaigns/" + id, TestData.ADMIN_TOKEN).json();
		assertThat(frozen.get("participantCount").asInt()).isEqualTo(2);
		assertThat(frozen.at("/regions/0/frozenAt").asText()).isEqualTo(startsAt.toString());

		// after the start: one member changes manager, another creator joins the segment's manager
		creators.assignManager(data.admin(), List.of("eu-berlin"), other.id());
		creators.assignManager(data.admin(), List.of("eu-outsider"), lead.id());
		timers.fireDue(startsAt.plusSeconds(3600));
		JsonNode after = api.get("/api/v1/campaigns/" + id + "/roi", TestData.ADMIN_TOKEN).json();
		assertThat(after.at("/total/participants").asInt()).isEqualTo(2);
		assertThat(campaigns.participants(data.admin(), Long.parseLong(id), "EU")).containsExactly("eu-berlin", "eu-london");
	}

	@Test
	void badInputIsRefusedNamingTheFieldAndCreatesNothing() {
		assertRefused("""
				{"name": "Zero", "regions": ["EU"], "start": "2026-11-16", "end": "2026-11-22", "cost": {"value": "0", "currency": "USD"},
				 "creators": ["eu-berlin"]}""", "cost.value");
		assertRefused("""
				{"name": "Negative", "regions": ["EU"], "start": "2026-11-16", "end": "2026-11-22", "cost": {"value": "-5", "currency": "USD"},
				 "creators": ["eu-berlin"]}""", "cost.value");
		assertRefused("""
				{"name": "Backwards", "regions": ["EU"], "start": "2026-11-16", "end": "2026-11-15", "cost": {"value": "5", "currency": "USD"},
				 "creators": ["eu-berlin"]}""", "end");
		assertRefused("""
				{"name": "Nowhere", "regions": ["XX"], "start": "2026-11-16", "end": "2026-11-22", "cost": {"value": "5", "currency": "USD"},
				 "creators": ["eu-berlin"]}""", "regions[0]");
		assertRefused("""
				{"name": "Ghost", "regions": ["EU"], "start": "2026-11-16", "end": "2026-11-22", "cost": {"value": "5", "currency": "USD"},
				 "creators": ["eu-berlin", "nobody"]}""", "creators[1]");
		assertRefused("""
				{"name": "Doubloons", "regions": ["EU"], "start": "2026-11-16", "end": "2026-11-22", "cost": {"value": "5", "currency": "XDB"},
				 "creators": ["eu-berlin"]}""", "cost.currency");
		assertRefused("""
				{"name": "Elsewhere", "regions": ["EU"], "start": "2026-11-16", "end": "2026-11-22", "cost": {"value": "5", "currency": "USD"},
				 "creators": ["oc-sydney"]}""", "creators[0]");
		assertThat(api.get("/api/v1/campaigns", TestData.ADMIN_TOKEN).json()).isEmpty();
	}

	@Test
	void aLeadOfAnotherRegionNeitherListsNorReadsTheCampaign() {
		String id = create(TestData.ADMIN_TOKEN, """
				{"name": "EU only", "regions": ["EU"], "start": "2026-11-16", "end": "2026-11-22", "cost": {"value": "100", "currency": "USD"},
				 "creators": ["eu-berlin"]}""");
		String sa = data.tokenOf(data.user("sam", List.of(Role.REGIONAL_LEAD.name()), "SA"));
		assertThat(api.get("/api/v1/campaigns", sa).json()).isEmpty();
		assertThat(api.get("/api/v1/campaigns/" + id, sa).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/campaigns/" + id + "/roi", sa).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/campaigns?region=EU", sa).status()).isEqualTo(400);
		String eu = data.tokenOf(data.user("eve", List.of(Role.REGIONAL_LEAD.name()), "EU"));
		assertThat(api.get("/api/v1/campaigns?region=EU", eu).json()).hasSize(1);
	}

	/** The definition, computed from the events sent: revenue on the counted days minus the 28-day average × those days. */
	Expected expected(List<String> participants, int daysCounted, BigDecimal cost) {
		BigDecimal during = BigDecimal.ZERO;
		BigDecimal before = BigDecimal.ZERO;
		for (String creator : participants) {
			for (Map.Entry<LocalDate, BigDecimal> e : revenue.get(creator).entrySet()) {
				LocalDate day = e.getKey();
				if (!day.isBefore(START) && day.isBefore(START.plusDays(daysCounted))) {
					during = during.add(e.getValue());
				}
				if (!day.isBefore(START.minusDays(28)) && day.isBefore(START)) {
					before = before.add(e.getValue());
				}
			}
		}
		BigDecimal baseline = before.multiply(BigDecimal.valueOf(daysCounted)).divide(BigDecimal.valueOf(28), 6, RoundingMode.HALF_EVEN);
		return new Expected(during, baseline, cost, daysCounted);
	}

	record Expected(BigDecimal revenue, BigDecimal baseline, BigDecimal cost, int days) {

		BigDecimal incremental() {
			return revenue.subtract(baseline);
		}

		BigDecimal roi() {
			return incremental().subtract(cost).divide(cost, 6, RoundingMode.HALF_EVEN);
		}
	}

	void assertFigures(JsonNode figures, Expected expected) {
		assertThat(figures.get("daysCounted").asInt()).isEqualTo(expected.days());
		assertThat(figures.get("revenueUsd").decimalValue()).isEqualByComparingTo(expected.revenue());
		assertThat(figures.get("baselineUsd").decimalValue()).isEqualByComparingTo(expected.baseline());
		assertThat(figures.get("incrementalUsd").decimalValue()).isEqualByComparingTo(expected.incremental());
		assertThat(figures.get("costUsd").decimalValue()).isEqualByComparingTo(expected.cost());
		assertThat(figures.get("roi").decimalValue()).isEqualByComparingTo(expected.roi());
	}

	void assertRefused(String body, String field) {
		Api.Response response = api.post("/api/v1/campaigns", TestData.ADMIN_TOKEN, body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().at("/errors/0/field").asText()).as(response.body()).isEqualTo(field);
	}
}
