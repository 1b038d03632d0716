package com.greenroom.activity;

import static com.greenroom.support.EventFeed.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ActivityIntegrationTest {

	static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	Activity activity;

	@Autowired
	ActivityProjection projection;

	@Autowired
	com.greenroom.events.PlatformEventLog log;

	@Autowired
	com.greenroom.events.PlatformEvents platformEvents;

	LocalDate today;

	@BeforeEach
	void reset() {
		data.reset();
		today = LocalDate.ofInstant(clock.instant(), SAO_PAULO);
	}

	Instant local(LocalDate day, int hour, int minute, ZoneId zone) {
		return day.atTime(hour, minute).atZone(zone).toInstant();
	}

	JsonNode activityOf(String creatorId, LocalDate from, LocalDate to) {
		Api.Response response = api.get("/api/v1/creators/" + creatorId + "/activity?from=" + from + "&to=" + to, TestData.ADMIN_TOKEN);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	JsonNode day(JsonNode activity, LocalDate day) {
		for (JsonNode d : activity.get("days")) {
			if (d.get("day").asString().equals(day.toString())) {
				return d;
			}
		}
		throw new AssertionError("no day " + day);
	}

	@Test
	void anEveningStreamInSaoPauloCountsOnItsLocalDayThoughItCrossesMidnightUtc() {
		data.creator("ana", "ana", "BR");
		LocalDate day = today.minusDays(3);
		Instant start = local(day, 22, 0, SAO_PAULO); // 01:00 UTC the next day
		feed.send(registered("r1", "ana", "BR", "America/Sao_Paulo", start.minus(10, ChronoUnit.DAYS)),
				started("a1", "ana", "s1", start), joined("a2", "ana", "s1", "v1", start.plusSeconds(60)),
				gift("a3", "ana", "s1", "v1", "2.50", start.plusSeconds(120)), ended("a4", "ana", "s1", start.plusSeconds(90 * 60)));

		assertThat(LocalDate.ofInstant(start, ZoneId.of("UTC"))).isEqualTo(day.plusDays(1));
		JsonNode result = activityOf("ana", day, day.plusDays(1));
		assertThat(result.get("timeZone").asString()).isEqualTo("America/Sao_Paulo");
		JsonNode evening = day(result, day);
		assertThat(evening.get("active").asBoolean()).isTrue();
		assertThat(evening.get("streams").asInt()).isEqualTo(1);
		assertThat(evening.get("liveMinutes").asLong()).isEqualTo(90);
		assertThat(evening.get("uniqueViewers").asInt()).isEqualTo(1);
		assertThat(evening.get("giftRevenueUsd").decimalValue()).isEqualByComparingTo("2.50");
		assertThat(day(result, day.plusDays(1)).get("active").asBoolean()).isFalse();
		assertThat(day(result, day.plusDays(1)).get("liveMinutes").asLong()).isZero();
	}

	@Test
	void aStreamAcrossLocalMidnightSplitsItsLiveMinutesAndCountsOnlyItsStartDayAsActive() {
		data.creator("ana", "ana", "BR");
		LocalDate day = today.minusDays(4);
		Instant start = local(day, 23, 30, SAO_PAULO);
		feed.send(registered("r1", "ana", "BR", null, start.minus(10, ChronoUnit.DAYS)), started("a1", "ana", "s1", start),
				ended("a2", "ana", "s1", start.plusSeconds(75 * 60)));

		JsonNode result = activityOf("ana", day, day.plusDays(1));
		assertThat(day(result, day).get("liveMinutes").asLong()).isEqualTo(30);
		assertThat(day(result, day.plusDays(1)).get("liveMinutes").asLong()).isEqualTo(45);
		assertThat(day(result, day).get("active").asBoolean()).isTrue();
		assertThat(day(result, day.plusDays(1)).get("active").asBoolean()).isFalse();
		assertThat(result.get("totals").get("liveMinutes").asLong()).isEqualTo(75);
		assertThat(result.get("totals").get("activeDays").asInt()).isEqualTo(1);
	}

	@Test
	void theLastDstChangeInNewYorkMakesACreatorDayOfTwentyThreeOrTwentyFiveHours() {
		ZoneId newYork = ZoneId.of("America/New_York");
		var transition = newYork.getRules().previousTransition(clock.instant().minus(2, ChronoUnit.DAYS));
		LocalDate day = LocalDate.ofInstant(transition.getInstant(), newYork);
		data.creator("nick", "nick", "US");
		Instant start = day.atStartOfDay(newYork).toInstant();
		Instant end = day.plusDays(1).atStartOfDay(newYork).toInstant();
		feed.send(registered("r1", "nick", "US", "America/New_York", start.minus(1, ChronoUnit.DAYS)), started("n1", "nick", "s1", start),
				ended("n2", "nick", "s1", end));

		long expected = transition.isOverlap() ? 25 * 60 : 23 * 60;
		assertThat(day(activityOf("nick", day, day), day).get("liveMinutes").asLong()).isEqualTo(expected);
	}

	@Test
	void peakConcurrencyIsTheSameWhateverOrderJoinsAndLeavesArriveIn() {
		data.creator("ana", "ana", "BR");
		LocalDate day = today.minusDays(2);
		Instant t = local(day, 10, 0, SAO_PAULO);
		// v1 10:01–10:10, v2 10:05–10:20, v3 from 10:12, v4 from 10:15: three at once at 10:15
		feed.send(left("l1", "ana", "s1", "v1", t.plusSeconds(600)), left("l2", "ana", "s1", "v2", t.plusSeconds(1200)));
		feed.send(joined("j4", "ana", "s1", "v4", t.plusSeconds(900)), joined("j3", "ana", "s1", "v3", t.plusSeconds(720)));
		feed.send(started("st", "ana", "s1", t), joined("j1", "ana", "s1", "v1", t.plusSeconds(60)));
		feed.send(joined("j2", "ana", "s1", "v2", t.plusSeconds(300)), ended("en", "ana", "s1", t.plusSeconds(3600)));

		JsonNode result = day(activityOf("ana", day, day), day);
		assertThat(result.get("peakConcurrentViewers").asInt()).isEqualTo(3);
		assertThat(result.get("uniqueViewers").asInt()).isEqualTo(4);
		assertThat(result.get("liveMinutes").asLong()).isEqualTo(60);
	}

	@Test
	void aRepeatedEventIsAppliedOnce() {
		data.creator("ana", "ana", "BR");
		Instant t = local(today.minusDays(1), 12, 0, SAO_PAULO);
		List<String> batch = List.of(started("st", "ana", "s1", t), gift("g1", "ana", "s1", "v1", "10.00", t.plusSeconds(5)),
				follow("f1", "ana", "v1", t.plusSeconds(6)), subscription("sub1", "ana", "v2", "4.99", t.plusSeconds(7)),
				report("rp1", "ana", "s1", "v3", t.plusSeconds(8)));
		feed.send(batch);
		assertThat(feed.send(batch).duplicates()).isEqualTo(5);

		JsonNode totals = activityOf("ana", today.minusDays(1), today.minusDays(1)).get("totals");
		assertThat(totals.get("gifts").asInt()).isEqualTo(1);
		assertThat(totals.get("giftRevenueUsd").decimalValue()).isEqualByComparingTo("10.00");
		assertThat(totals.get("subscriptions").asInt()).isEqualTo(1);
		assertThat(totals.get("subscriptionRevenueUsd").decimalValue()).isEqualByComparingTo("4.99");
		assertThat(totals.get("follows").asInt()).isEqualTo(1);
		assertThat(totals.get("reports").asInt()).isEqualTo(1);
		assertThat(totals.get("streams").asInt()).isEqualTo(1);
	}

	@Test
	void retainedViewersJoinedOnTwoDifferentCreatorDays() {
		data.creator("ana", "ana", "BR");
		LocalDate first = today.minusDays(6);
		Instant evening = local(first, 22, 30, SAO_PAULO); // 01:30 UTC the next UTC day
		Instant nextMorning = local(first.plusDays(1), 9, 0, SAO_PAULO);
		feed.send(started("s1", "ana", "s1", evening), joined("j1", "ana", "s1", "loyal", evening.plusSeconds(10)),
				joined("j2", "ana", "s1", "sameday", evening.minusSeconds(3 * 3600)), // 19:30 local, 22:30 UTC the day before
				joined("j3", "ana", "s1", "sameday", evening.plusSeconds(20)), joined("j4", "ana", "s1", "once", evening.plusSeconds(30)),
				started("s2", "ana", "s2", nextMorning), joined("j5", "ana", "s2", "loyal", nextMorning.plusSeconds(10)));

		JsonNode totals = activityOf("ana", first, first.plusDays(1)).get("totals");
		assertThat(totals.get("uniqueViewers").asInt()).isEqualTo(3);
		assertThat(totals.get("retainedViewers").asInt()).isEqualTo(1);
		assertThat(totals.get("activeDays").asInt()).isEqualTo(2);
	}

	@Test
	void daysMoveWhenTheCreatorsTimeZoneBecomesKnown() {
		LocalDate day = LocalDate.ofInstant(clock.instant(), TOKYO).minusDays(3);
		Instant lateUtc = day.atTime(20, 0).atZone(ZoneId.of("UTC")).toInstant(); // 05:00 the next day in Tokyo
		feed.send(started("s1", "kenji", "s1", lateUtc), ended("s2", "kenji", "s1", lateUtc.plusSeconds(1800)));
		assertThat(activity.totals("kenji").orElseThrow().timeZoneSource()).isEqualTo("DEFAULT");
		assertThat(activity.days("kenji")).extracting(CreatorDay::day).containsExactly(day);

		feed.send(registered("r1", "kenji", "JP", null, lateUtc.plusSeconds(7200)));

		assertThat(activity.zoneOf("kenji")).isEqualTo(TOKYO);
		assertThat(activity.days("kenji")).extracting(CreatorDay::day).containsExactly(day.plusDays(1));
		assertThat(activity.days("kenji").get(0).liveMinutes()).isEqualTo(30);
	}

	@Test
	void registrationsWithoutAZoneOfTheirOwnTakeTheirCountrysRegionZoneElseUtc() {
		Instant at = clock.instant().minus(1, ChronoUnit.DAYS);
		// one batch: two creators of one country share the look-up of its region, the others do not (AQ is in no region)
		feed.send(registered("z1", "aiko", "JP", null, at), registered("z2", "ren", "JP", null, at), registered("z3", "bia", "BR", null, at),
				registered("z4", "nemo", "AQ", null, at), registered("z5", "lena", "JP", "Europe/Berlin", at));

		assertThat(activity.zoneOf("aiko")).isEqualTo(TOKYO);
		assertThat(activity.zoneOf("ren")).isEqualTo(TOKYO);
		assertThat(activity.zoneOf("bia")).isEqualTo(SAO_PAULO);
		assertThat(activity.zoneOf("nemo")).isEqualTo(ZoneId.of("UTC"));
		assertThat(activity.zoneOf("lena")).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(activity.totals("ren").orElseThrow().timeZoneSource()).isEqualTo("REGISTRATION");
	}

	@Test
	void aRebuildGivesIdenticalTables() {
		data.creator("ana", "ana", "BR");
		LocalDate day = today.minusDays(5);
		Instant t = local(day, 23, 0, SAO_PAULO);
		feed.send(joined("j2", "ana", "s1", "v2", t.plusSeconds(4000)), gift("g1", "ana", "s1", "v2", "3.00", t.plusSeconds(4100)));
		feed.send(started("st", "ana", "s1", t), joined("j1", "ana", "s1", "v1", t.plusSeconds(60)),
				registered("r1", "ana", "BR", "America/Sao_Paulo", t.minus(3, ChronoUnit.DAYS)));
		feed.send(left("l1", "ana", "s1", "v1", t.plusSeconds(5000)), ended("en", "ana", "s1", t.plusSeconds(7200)),
				started("st2", "kenji", "k1", t), joined("kj", "kenji", "k1", "v1", t.plusSeconds(1)));
		feed.send(registered("r2", "kenji", "JP", null, t.plusSeconds(10)));
		Map<String, List<String>> before = snapshot();
		assertThat(before.get("activity_creator_day")).isNotEmpty();

		feed.rebuild();

		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void eventsPostedToTheIngestEndpointReachTheCreatorsDays() {
		data.creator("ana", "ana", "BR");
		LocalDate day = today.minusDays(1);
		Instant t = local(day, 20, 0, SAO_PAULO);
		String body = String.join("\n", started("h1", "ana", "s1", t), joined("h2", "ana", "s1", "v1", t.plusSeconds(5)),
				gift("h3", "ana", "s1", "v1", "9.99", t.plusSeconds(10)), ended("h4", "ana", "s1", t.plusSeconds(45 * 60))) + "\n";
		Api.Response posted = api.send(api.request("/api/v1/events", data.integrationToken())
			.header("Content-Type", "application/x-ndjson")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
			.build());
		assertThat(posted.status()).as(posted.body()).isEqualTo(200);
		platformEvents.catchUp();

		JsonNode evening = day(activityOf("ana", day, day), day);
		assertThat(evening.get("liveMinutes").asLong()).isEqualTo(45);
		assertThat(evening.get("giftRevenueUsd").decimalValue()).isEqualByComparingTo("9.99");
	}

	@Test
	void applyingTheSameBatchAgainChangesNothing() {
		data.creator("ana", "ana", "BR");
		Instant t = local(today.minusDays(2), 23, 0, SAO_PAULO);
		feed.send(started("st", "ana", "s1", t), joined("j1", "ana", "s1", "v1", t.plusSeconds(60)),
				gift("g1", "ana", "s1", "v1", "3.00", t.plusSeconds(90)), joined("j2", "ana", "s1", "v2", t.plusSeconds(5000)));
		Map<String, List<String>> before = snapshot();

		projection.apply(log.eventsOf("ana"));

		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void anotherRegionsCreatorHasNoActivityForTheCaller() {
		data.creator("kenji", "kenji", "JP");
		data.creator("ana", "ana", "BR");
		String latam = data.tokenOf(data.manager("lucia", "LATAM"));
		assertThat(api.get("/api/v1/creators/kenji/activity", latam).status()).isEqualTo(404);
		Api.Response own = api.get("/api/v1/creators/ana/activity", latam);
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.json().get("days").size()).isEqualTo(28);
		assertThat(api.get("/api/v1/creators/ana/activity?from=2026-13-01", latam).json().get("field").asString()).isEqualTo("from");
	}

	Map<String, List<String>> snapshot() {
		Map<String, List<String>> tables = new java.util.TreeMap<>();
		for (String table : List.of("activity_creator", "activity_creator_day", "activity_viewer_day", "activity_stream",
				"activity_stream_gift", "creator_milestone")) {
			tables.put(table, new ArrayList<>(jdbc.sql("select t::text from " + table + " t order by 1").query(String.class).list()));
		}
		return tables;
	}
}
