package com.greenroom.activity;

import static com.greenroom.support.EventFeed.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class LiveRoomsIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	Clock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	javax.sql.DataSource dataSource;

	Instant now;

	@BeforeEach
	void reset() {
		data.reset();
		now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		data.creator("ana", "ana", "BR");
		data.creator("kenji", "kenji", "JP");
	}

	List<String> creatorsOf(JsonNode rooms) {
		return rooms.valueStream().map(r -> r.get("creatorId").asString()).toList();
	}

	@Test
	void roomsAreScopedToTheCallersRegionsAndSortedByViewersOrRevenue() {
		Instant start = now.minus(Duration.ofMinutes(30));
		feed.send(started("a1", "ana", "sa", start), started("k1", "kenji", "sk", start));
		feed.send(joins("aj", "ana", "sa", "va", 3, start.plusSeconds(60)));
		feed.send(joins("kj", "kenji", "sk", "vk", 5, now.minus(Duration.ofMinutes(2))));
		feed.send(gift("kg1", "kenji", "sk", "vk1", "1.00", now.minus(Duration.ofMinutes(70))),
				gift("ag1", "ana", "sa", "va1", "20.00", now.minus(Duration.ofMinutes(5))),
				gift("ag2", "ana", "sa", "va2", "5.50", now.minus(Duration.ofMinutes(2))),
				report("ar1", "ana", "sa", "va3", now.minus(Duration.ofMinutes(1))));

		JsonNode byViewers = api.get("/api/v1/live/rooms", TestData.ADMIN_TOKEN).json();
		assertThat(creatorsOf(byViewers)).containsExactly("kenji", "ana");
		assertThat(byViewers.get(0).get("concurrentViewers").asInt()).isEqualTo(5);
		JsonNode byRevenue = api.get("/api/v1/live/rooms?sort=revenue", TestData.ADMIN_TOKEN).json();
		assertThat(creatorsOf(byRevenue)).containsExactly("ana", "kenji");
		assertThat(creatorsOf(api.get("/api/v1/live/rooms?sort=revenue&limit=1", TestData.ADMIN_TOKEN).json())).as("the top of the order")
			.containsExactly("ana");
		assertThat(byRevenue.get(0).get("revenueLastHourUsd").decimalValue()).isEqualByComparingTo("25.50");
		assertThat(byRevenue.get(0).get("reports").asInt()).isEqualTo(1);
		assertThat(byRevenue.get(1).get("revenueLastHourUsd").decimalValue()).isEqualByComparingTo("0");

		String latam = data.tokenOf(data.manager("lucia", "LATAM"));
		assertThat(creatorsOf(api.get("/api/v1/live/rooms", latam).json())).containsExactly("ana");
		assertThat(api.get("/api/v1/live/rooms?region=EA", latam).json().size()).isZero();
		assertThat(creatorsOf(api.get("/api/v1/live/rooms?region=EA", TestData.ADMIN_TOKEN).json())).containsExactly("kenji");
	}

	@Test
	void aPageByViewersEndsOnTheRoomsTiedWithItsLastOneOrderedByRevenueWhateverTheRegionsAbove() {
		// three SEA rooms above every LATAM room, three LATAM rooms tied on 10 viewers (revenue 0, 5, 1), one LATAM room below
		String[][] rooms = { { "s1", "kenji", "50" }, { "s2", "kenji2", "40" }, { "s3", "kenji3", "30" }, { "l1", "ana", "10" },
				{ "l2", "bia", "10" }, { "l3", "caio", "10" }, { "l4", "davi", "8" } };
		data.creator("kenji2", "kenji2", "JP");
		data.creator("kenji3", "kenji3", "JP");
		data.creator("bia", "bia", "BR");
		data.creator("caio", "caio", "BR");
		data.creator("davi", "davi", "BR");
		liveRooms(rooms, Duration.ofMinutes(20));
		giftTo("l2", 5, "5.00");
		giftTo("l3", 5, "1.00");
		String latam = data.tokenOf(data.manager("lucia", "LATAM"));

		assertThat(creatorsOf(api.get("/api/v1/live/rooms?limit=2", latam).json())).containsExactly("bia", "caio");
		assertThat(creatorsOf(api.get("/api/v1/live/rooms?limit=4", latam).json())).containsExactly("bia", "caio", "ana", "davi");
		assertThat(creatorsOf(api.get("/api/v1/live/rooms?limit=4", TestData.ADMIN_TOKEN).json())).containsExactly("kenji", "kenji2", "kenji3",
				"bia");
		assertThat(creatorsOf(api.get("/api/v1/live/rooms?limit=3", TestData.ADMIN_TOKEN).json())).containsExactly("kenji", "kenji2", "kenji3");
		assertThat(creatorsOf(api.get("/api/v1/live/rooms?sort=revenue&limit=2", latam).json())).containsExactly("bia", "caio");
	}

	@Test
	void aPageByRevenueSkipsTheRoomsOutsideTheViewersRegionsHoweverRichAndSumsOnlyTheLastHour() {
		// SEA rooms and a room of a creator not on the roster earn more than every LATAM room; l2 and l3 tie on revenue
		String[][] rooms = { { "ghost-live", "ghost", "1" }, { "s1", "kenji", "2" }, { "s2", "kenji2", "2" }, { "l1", "ana", "10" },
				{ "l2", "bia", "1" }, { "l3", "caio", "3" }, { "l4", "davi", "9" } };
		data.creator("kenji2", "kenji2", "JP");
		data.creator("bia", "bia", "BR");
		data.creator("caio", "caio", "BR");
		data.creator("davi", "davi", "BR");
		liveRooms(rooms, Duration.ofMinutes(90));
		// minutes ago, usd: l4's 99.00 of 70 minutes ago and l1's 50.00 a minute ahead of the clock are not in the last hour
		for (String[] gift : new String[][] { { "ghost-live", "5", "100.00" }, { "s1", "5", "50.00" }, { "s2", "5", "40.00" },
				{ "l2", "5", "5.00" }, { "l3", "30", "2.00" }, { "l3", "10", "3.00" }, { "l4", "5", "1.00" }, { "l4", "70", "99.00" },
				{ "l1", "-1", "50.00" } }) {
			giftTo(gift[0], Long.parseLong(gift[1]), gift[2]);
		}
		String latam = data.tokenOf(data.manager("lucia", "LATAM"));

		JsonNode lead = api.get("/api/v1/live/rooms?sort=revenue", latam).json();
		assertThat(creatorsOf(lead)).containsExactly("caio", "bia", "davi", "ana");
		assertThat(lead.valueStream().map(r -> r.get("revenueLastHourUsd").decimalValue().stripTrailingZeros().toPlainString()).toList())
			.containsExactly("5", "5", "1", "0");
		assertThat(creatorsOf(api.get("/api/v1/live/rooms?sort=revenue&limit=2", latam).json())).containsExactly("caio", "bia");
		assertThat(creatorsOf(api.get("/api/v1/live/rooms?sort=revenue&limit=3", TestData.ADMIN_TOKEN).json())).containsExactly("ghost",
				"kenji", "kenji2");
		assertThat(creatorsOf(api.get("/api/v1/live/rooms?sort=revenue&region=LATAM&limit=1", TestData.ADMIN_TOKEN).json()))
			.containsExactly("caio");
	}

	@Test
	void badSortOrUnknownRegionIsAProblemNamingTheField() {
		Api.Response sort = api.get("/api/v1/live/rooms?sort=loudest", TestData.ADMIN_TOKEN);
		assertThat(sort.status()).isEqualTo(400);
		assertThat(sort.contentType()).startsWith("application/problem+json");
		assertThat(sort.json().get("field").asString()).isEqualTo("sort");
		Api.Response region = api.get("/api/v1/live/rooms?region=MARS", TestData.ADMIN_TOKEN);
		assertThat(region.status()).isEqualTo(400);
		assertThat(region.json().get("field").asString()).isEqualTo("region");
	}

	@Test
	void aStreamSilentForTheTimeoutOrEndedIsNoLongerLive() {
		feed.send(started("a1", "ana", "silent", now.minus(Duration.ofMinutes(60))),
				joined("a2", "ana", "silent", "v1", now.minus(Duration.ofMinutes(16))),
				started("k1", "kenji", "lively", now.minus(Duration.ofMinutes(60))),
				joined("k2", "kenji", "lively", "v1", now.minus(Duration.ofMinutes(5))),
				started("a3", "ana", "done", now.minus(Duration.ofMinutes(10))), ended("a4", "ana", "done", now.minus(Duration.ofMinutes(1))));

		assertThat(api.get("/api/v1/live/rooms", TestData.ADMIN_TOKEN).json().valueStream().map(r -> r.get("streamId").asString()))
			.containsExactly("lively");
	}

	@Test
	void silenceIsMeasuredOnEventTimeAgainstTheInjectedClock() {
		Instant start = Instant.parse("2026-11-20T12:00:00Z");
		feed.send(started("a1", "ana", "s1", start), joined("a2", "ana", "s1", "v1", start.plusSeconds(600)),
				gift("a3", "ana", "s1", "v1", "7.00", start.plusSeconds(600)));
		Instant lastEvent = start.plusSeconds(600);

		assertThat(roomsAt(lastEvent.plus(Duration.ofMinutes(14)))).extracting(LiveRoom::streamId).containsExactly("s1");
		assertThat(roomsAt(lastEvent.plus(Duration.ofMinutes(14))).get(0).revenueLastHourUsd()).isEqualByComparingTo("7.00");
		assertThat(roomsAt(lastEvent.plus(Duration.ofMinutes(15)))).isEmpty();
		LiveRooms patient = new LiveRooms(jdbc, regions, Clock.fixed(lastEvent.plus(Duration.ofMinutes(61)), ZoneOffset.UTC),
				new LiveProperties(Duration.ofHours(2)), List.of());
		assertThat(patient.top(data.admin(), null, "revenue", 10).get(0).revenueLastHourUsd()).isEqualByComparingTo("0");
	}

	@Test
	void revenueIsTheSumOfTheLastHoursGiftsAtEveryInstantWhateverTheOrderLatenessOrRewriteOfTheGifts() {
		// two rooms live for two hours; gifts on and around minute boundaries and the window's edges, written out of order
		Instant base = Instant.parse("2026-11-20T12:00:00Z");
		Instant end = base.plus(Duration.ofHours(2));
		for (String[] room : new String[][] { { "ra", "ana" }, { "rk", "kenji" } }) {
			jdbc.sql("""
					insert into activity_stream (stream_id, creator_id, started_at, ended_at, last_event_at, title, category, current_viewers,
					                             peak_viewers, reports, gift_revenue_usd)
					values (:id, :creator, :started, null, :last, 'Show', 'music', 1, 1, 0, 0)""")
				.param("id", room[0])
				.param("creator", room[1])
				.param("started", java.sql.Timestamp.from(base))
				.param("last", java.sql.Timestamp.from(end))
				.update();
		}
		java.util.Random random = new java.util.Random(13);
		List<Object[]> gifts = new java.util.ArrayList<>();
		for (int i = 0; i < 400; i++) {
			// seconds from base, mostly on or next to a minute boundary, plus random ones
			long second = i % 2 == 0 ? random.nextInt(7200) : 60L * random.nextInt(120) + (random.nextInt(3) - 1);
			gifts.add(new Object[] { i % 3 == 0 ? "rk" : "ra", "g" + i, base.plusSeconds(Math.max(0, second)).plusMillis(i % 5 == 0 ? 500 : 0),
					new java.math.BigDecimal(random.nextInt(100_000)).movePointLeft(2) });
		}
		java.util.Collections.shuffle(gifts, random);
		// in batches, as the projection writes them, one of them again (duplicates are not inserted)
		for (int from = 0; from < gifts.size(); from += 37) {
			insertGifts(gifts.subList(from, Math.min(gifts.size(), from + 37)));
		}
		insertGifts(gifts.subList(0, 50));
		// a stream recomputed from the log deletes its gifts and writes them again
		jdbc.sql("delete from activity_stream_gift where stream_id = 'ra'").update();
		insertGifts(gifts.stream().filter(g -> g[0].equals("ra")).toList());
		jdbc.sql("delete from activity_stream_gift where event_id in ('g1', 'g2', 'g3', 'g4')").update();

		// the page by revenue at many instants, on and off minute and gift boundaries, against the gifts summed directly
		List<Instant> instants = new java.util.ArrayList<>();
		for (int i = 0; i < 60; i++) {
			instants.add(base.plusSeconds(3600 + random.nextInt(3600)).plusMillis(random.nextInt(1000)));
		}
		instants.add(base.plus(Duration.ofMinutes(61)));
		gifts.stream().limit(20).forEach(g -> {
			instants.add(((Instant) g[2]).plus(Duration.ofHours(1)));
			instants.add((Instant) g[2]);
		});
		// every form of the statement: all rooms (admin), narrowed to a region first (a filter, a lead's regions), each with
		// PostgreSQL's custom plans and with generic plans forced (as a prepared statement may be planned after 5 runs)
		Viewer lead = new Viewer(-1, "leo", "Leo", java.util.Set.of(Role.REGIONAL_LEAD), java.util.Set.of("LATAM"));
		int checked = 0;
		try (java.sql.Connection generic = dataSource.getConnection()) {
			try (java.sql.Statement set = generic.createStatement()) {
				set.execute("set plan_cache_mode = force_generic_plan");
			}
			JdbcClient genericPlans = JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(generic, true));
			assertThat(genericPlans.sql("show plan_cache_mode").query(String.class).single()).isEqualTo("force_generic_plan");
			try {
				checked = checkRevenuesAt(instants, end, genericPlans, lead);
			}
			finally {
				// the connection goes back to the pool
				genericPlans.sql("reset plan_cache_mode").update();
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(checked).as("instants checked, each with custom and generic plans").isGreaterThan(80);
	}

	int checkRevenuesAt(List<Instant> instants, Instant end, JdbcClient genericPlans, Viewer lead) {
		int checked = 0;
		for (Instant at : instants) {
			if (at.isAfter(end.plus(Duration.ofMinutes(14))) || at.isBefore(end.minus(Duration.ofMinutes(60)))) {
				continue; // live from the silence's point of view only until 15 minutes after the last event
			}
			for (JdbcClient client : List.of(jdbc, genericPlans)) {
				LiveRooms rooms = new LiveRooms(client, regions, Clock.fixed(at, ZoneOffset.UTC), new LiveProperties(Duration.ofHours(3)),
						List.of());
				List<LiveRoom> page = rooms.top(data.admin(), null, "revenue", 10);
				assertThat(page).extracting(LiveRoom::streamId).containsExactlyInAnyOrder("ra", "rk");
				assertThat(page.get(0).revenueLastHourUsd()).isGreaterThanOrEqualTo(page.get(1).revenueLastHourUsd());
				assertRevenues(page, at);
				for (List<LiveRoom> latam : List.of(rooms.top(data.admin(), "LATAM", "revenue", 10), rooms.top(lead, null, "revenue", 10))) {
					assertThat(latam).extracting(LiveRoom::streamId).containsExactly("ra");
					assertRevenues(latam, at);
				}
				checked++;
			}
		}
		return checked;
	}

	void assertRevenues(List<LiveRoom> page, Instant at) {
		for (LiveRoom room : page) {
			java.math.BigDecimal expected = jdbc.sql("""
					select coalesce(sum(usd), 0) from activity_stream_gift
					where stream_id = :s and occurred_at > :from and occurred_at <= :at""")
				.param("s", room.streamId())
				.param("from", java.sql.Timestamp.from(at.minus(Duration.ofHours(1))))
				.param("at", java.sql.Timestamp.from(at))
				.query(java.math.BigDecimal.class)
				.single();
			assertThat(room.revenueLastHourUsd()).as("%s at %s", room.streamId(), at).isEqualByComparingTo(expected);
		}
	}

	void insertGifts(List<Object[]> gifts) {
		jdbc.sql("""
				insert into activity_stream_gift (stream_id, event_id, occurred_at, usd)
				select * from unnest(cast(:s as text[]), cast(:ids as text[]), cast(:ats as timestamptz[]), cast(:usds as numeric[]))
				on conflict do nothing""")
			.param("s", gifts.stream().map(g -> (String) g[0]).toArray(String[]::new))
			.param("ids", gifts.stream().map(g -> (String) g[1]).toArray(String[]::new))
			.param("ats", gifts.stream().map(g -> java.sql.Timestamp.from((Instant) g[2])).toArray(java.sql.Timestamp[]::new))
			.param("usds", gifts.stream().map(g -> (java.math.BigDecimal) g[3]).toArray(java.math.BigDecimal[]::new))
			.update();
	}

	/** Rooms live since {@code ago}, each {stream id, creator id, current viewers}, as the projection keeps them. */
	void liveRooms(String[][] rooms, Duration ago) {
		for (String[] room : rooms) {
			jdbc.sql("""
					insert into activity_stream (stream_id, creator_id, started_at, ended_at, last_event_at, title, category, current_viewers,
					                             peak_viewers, reports, gift_revenue_usd)
					values (:id, :creator, :started, null, :now, 'Show', 'music', :viewers, :viewers, 0, 0)""")
				.param("id", room[0])
				.param("creator", room[1])
				.param("started", java.sql.Timestamp.from(now.minus(ago)))
				.param("now", java.sql.Timestamp.from(now))
				.param("viewers", Integer.parseInt(room[2]))
				.update();
		}
	}

	/** A gift of {@code usd} to the stream {@code minutesAgo} minutes before the clock (negative: ahead of it). */
	void giftTo(String streamId, long minutesAgo, String usd) {
		jdbc.sql(
				"insert into activity_stream_gift (stream_id, event_id, occurred_at, usd) values (:id, :id || '-g' || :ago, :at, cast(:usd as numeric))")
			.param("id", streamId)
			.param("ago", minutesAgo)
			.param("at", java.sql.Timestamp.from(now.minus(Duration.ofMinutes(minutesAgo))))
			.param("usd", usd)
			.update();
	}

	List<LiveRoom> roomsAt(Instant instant) {
		return new LiveRooms(jdbc, regions, Clock.fixed(instant, ZoneOffset.UTC), new LiveProperties(Duration.ofMinutes(15)), List.of())
			.top(data.admin(), null, null, 10);
	}
}
