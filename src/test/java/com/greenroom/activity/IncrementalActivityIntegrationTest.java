package com.greenroom.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.IngestResult;
import com.greenroom.events.PlatformEvent;
import com.greenroom.events.PlatformEventLog;
import com.greenroom.events.PlatformEvents;
import com.greenroom.simulator.SimulationOptions;
import com.greenroom.simulator.Simulator;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The activity projection applies each batch as deltas; these tests hold it to the definitions: whatever
 * the batches, the order, the lateness and the repeats, its tables equal a rebuild and equal what
 * {@link DayRollup} and {@link StreamTimeline} compute from the whole log.
 */
@IntegrationTest
class IncrementalActivityIntegrationTest {

	static final List<String> TABLES = List.of("activity_creator", "activity_creator_day", "activity_viewer_day", "activity_stream",
			"activity_stream_gift", "activity_stream_viewer", "activity_day_stream", "activity_creator_viewer", "creator_milestone");

	@Autowired
	TestData data;

	@Autowired
	PlatformEvents events;

	@Autowired
	PlatformEventLog log;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ActivityProjection activity;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void smallDisorderedBatchesWithLateAndRepeatedEventsAcrossTimeZonesGiveTheTablesOfARebuildAndOfTheDefinitions() {
		// 40 creators in several countries over 9 days; a tenth of the events late, out of order or twice
		List<String> lines = Simulator.of(SimulationOptions.of(11, 40, 9).startingAt(Instant.parse("2026-11-19T00:00:00Z")).withDisorder(0.1))
			.lines()
			.toList();
		long duplicates = 0;
		for (int from = 0; from < lines.size(); from += 173) {
			List<String> chunk = lines.subList(from, Math.min(lines.size(), from + 173));
			duplicates += ingest(chunk).duplicates();
			if (from % (173 * 7) == 0 && from > 0) {
				// a client retries an earlier request: every event in it is a duplicate
				duplicates += ingest(lines.subList(from - 173, from)).duplicates();
			}
			events.catchUp();
			assertTotalsAreTheSumsOfTheDays();
		}
		assertThat(duplicates).as("repeated events in the feed").isPositive();
		assertThat(jdbc.sql("select count(distinct time_zone) from activity_creator").query(Long.class).single()).isGreaterThan(2);
		assertThat(jdbc.sql("select count(*) from creator_milestone").query(Long.class).single()).isPositive();
		Map<String, List<String>> incremental = snapshot();

		assertMatchesTheDefinitions();

		events.rebuild();

		assertThat(snapshot()).isEqualTo(incremental);
	}

	@Test
	void aStreamWithTwoRoomsOnOneDayAndLateJoinsKeepsItsPeakAndLiveTimeExact() {
		Instant t = Instant.parse("2026-11-25T18:00:00Z");
		String[] lines = { started("a1", "s1", t), joined("a2", "s1", "v1", t.plusSeconds(10)), joined("a3", "s1", "v2", t.plusSeconds(20)),
				started("b1", "s2", t.plusSeconds(30)), joined("b2", "s2", "v3", t.plusSeconds(40)), left("a4", "s1", "v1", t.plusSeconds(50)),
				joined("b3", "s2", "v4", t.plusSeconds(60)), ended("a5", "s1", t.plusSeconds(3600)), left("b4", "s2", "v3", t.plusSeconds(70)),
				// late: a join before the last event of its stream, then one at the very instant of an earlier change
				joined("a6", "s1", "v5", t.plusSeconds(15)), joined("b5", "s2", "v6", t.plusSeconds(60)),
				ended("b6", "s2", t.plusSeconds(86400 + 600)) };
		for (String line : lines) {
			ingest(List.of(line));
			events.catchUp();
		}
		assertMatchesTheDefinitions();
		Map<String, List<String>> incremental = snapshot();
		events.rebuild();
		assertThat(snapshot()).isEqualTo(incremental);
	}

	@Test
	void recomputedDaysMoveTheTotalsExactlyWhenTheyLowerThePeakDayOrDropTheLastDayOrAddAFirstDay() {
		LocalDate d0 = LocalDate.parse("2026-11-16");
		Instant t0 = d0.atStartOfDay(ZoneId.of("UTC")).toInstant();
		// the first day comes from a join of a stream not started yet; its late start adds the day before (recomputed)
		String[] lines = { joined("a1", "s0", "v9", t0.plusSeconds(86400 + 1800)), started("a2", "s0", t0.plusSeconds(23 * 3600)),
				// day 2: a room of three, the creator's peak
				started("b1", "s1", at(t0, 2, 10, 0)), joined("b2", "s1", "v1", at(t0, 2, 10, 1)), joined("b3", "s1", "v2", at(t0, 2, 10, 2)),
				joined("b4", "s1", "v3", at(t0, 2, 10, 3)), ended("b5", "s1", at(t0, 2, 12, 0)),
				// day 4: a room of two; the stream stays open up to a leave on day 6, so days 4 to 6 are live
				started("c1", "s2", at(t0, 4, 10, 0)), joined("c2", "s2", "v1", at(t0, 4, 10, 1)), joined("c3", "s2", "v4", at(t0, 4, 10, 2)),
				left("c4", "s2", "v4", at(t0, 6, 9, 0)),
				// late leaves lower day 2's room to 2 then to 1: the peak is day 4's
				left("b6", "s1", "v1", at(t0, 2, 10, 1).plusSeconds(30)), left("b7", "s1", "v2", at(t0, 2, 10, 2).plusSeconds(30)),
				// a late end on day 4: days 5 and 6 are no longer live and go
				ended("c5", "s2", at(t0, 4, 11, 0)) };
		List<Map<String, Object>> totals = new ArrayList<>();
		for (String line : lines) {
			ingest(List.of(line));
			events.catchUp();
			assertTotalsAreTheSumsOfTheDays();
			totals.add(jdbc.sql("select peak_concurrent_viewers, first_day, last_day, active_days from activity_creator where creator_id = 'ana'")
				.query()
				.singleRow());
		}
		assertThat(jdbc.sql("select count(*) from activity_creator_day where creator_id = 'ana' and day = :d")
			.param("d", d0)
			.query(Integer.class)
			.single()).as("the day before the first join, from the late start").isOne();
		assertThat(totals.get(0).get("first_day").toString()).isEqualTo(d0.plusDays(1).toString());
		assertThat(totals.get(1).get("first_day").toString()).isEqualTo(d0.toString());
		assertThat(totals.get(6).get("peak_concurrent_viewers")).isEqualTo(3);
		assertThat(totals.get(10).get("last_day").toString()).isEqualTo(d0.plusDays(6).toString());
		assertThat(totals.get(11).get("peak_concurrent_viewers")).as("day 2 after one late leave: a tie with day 4").isEqualTo(2);
		assertThat(totals.get(12).get("peak_concurrent_viewers")).as("day 2 at 1, day 4 at 2").isEqualTo(2);
		assertThat(jdbc.sql("select peak_concurrent_viewers from activity_creator_day where creator_id = 'ana' and day = :d")
			.param("d", d0.plusDays(2))
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(totals.get(13).get("last_day").toString()).as("days 5 and 6 dropped").isEqualTo(d0.plusDays(4).toString());
		assertMatchesTheDefinitions();
		Map<String, List<String>> incremental = snapshot();
		events.rebuild();
		assertThat(snapshot()).isEqualTo(incremental);
	}

	/**
	 * A viewer's first join of a creator day stored by one batch, then an earlier join of the same viewer and day in a
	 * later batch, applied as a delta (the earlier join is in a room that never started, so the day is not recomputed):
	 * the stored first join moves back to it, as a rebuild has it. A second later join leaves it.
	 */
	@Test
	void anEarlierJoinOfAStoredViewerDayInALaterBatchMovesItsFirstJoinBack() {
		Instant noon = Instant.parse("2026-11-25T12:00:00Z");
		Instant morning = noon.minusSeconds(3 * 3600);
		ingest(List.of(started("a1", "s1", noon), joined("a2", "s1", "v1", noon.plusSeconds(1800))));
		events.catchUp();
		assertThat(firstJoin("v1")).isEqualTo(noon.plusSeconds(1800));

		ingest(List.of(joined("b1", "s2", "v1", morning)));
		events.catchUp();
		assertThat(activity.lastBatch().slowDays()).as("the day applied as a delta, not recomputed").isZero();
		assertThat(firstJoin("v1")).isEqualTo(morning);

		ingest(List.of(joined("b2", "s2", "v1", morning.plusSeconds(60))));
		events.catchUp();
		assertThat(firstJoin("v1")).isEqualTo(morning);
		assertMatchesTheDefinitions();
		Map<String, List<String>> incremental = snapshot();
		events.rebuild();
		assertThat(snapshot()).isEqualTo(incremental);
	}

	private Instant firstJoin(String viewerId) {
		return jdbc.sql("select first_joined_at from activity_viewer_day where creator_id = 'ana' and viewer_id = :v")
			.param("v", viewerId)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
	}

	private static Instant at(Instant dayZero, int day, int hour, int minute) {
		return dayZero.plusSeconds(day * 86400L + hour * 3600L + minute * 60L);
	}

	/** Each creator's day-based totals as a sum over its days gives them. */
	private void assertTotalsAreTheSumsOfTheDays() {
		String stored = """
				select creator_id, active_days, streams, live_seconds, peak_concurrent_viewers, gifts, gift_revenue_usd, subscriptions,
				       subscription_revenue_usd, follows, reports, first_day, last_day
				from activity_creator order by 1""";
		String summed = """
				select a.creator_id, count(d.day) filter (where d.active), coalesce(sum(d.streams), 0), coalesce(sum(d.live_seconds), 0),
				       coalesce(max(d.peak_concurrent_viewers), 0), coalesce(sum(d.gifts), 0), coalesce(sum(d.gift_revenue_usd), 0),
				       coalesce(sum(d.subscriptions), 0), coalesce(sum(d.subscription_revenue_usd), 0), coalesce(sum(d.follows), 0),
				       coalesce(sum(d.reports), 0), min(d.day), max(d.day)
				from activity_creator a left join activity_creator_day d using (creator_id) group by a.creator_id order by 1""";
		assertThat(rows(stored)).as("totals [creator, active days, streams, live s, peak, gifts, usd, subs, usd, follows, reports, first, last]")
			.isEqualTo(rows(summed));
	}

	private List<String> rows(String sql) {
		return jdbc.sql(sql).query((rs, n) -> {
			List<String> row = new ArrayList<>();
			for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
				Object value = rs.getObject(i);
				row.add(value instanceof BigDecimal usd ? usd.stripTrailingZeros().toPlainString() : String.valueOf(value));
			}
			return row.toString();
		}).list();
	}

	private IngestResult ingest(List<String> lines) {
		IngestResult result = events.ingestNdjson(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
		assertThat(result.rejected()).as("rejected events").isEmpty();
		return result;
	}

	/** Every stream and creator day as the pure definitions compute them from the whole log. */
	private void assertMatchesTheDefinitions() {
		List<String> creatorIds = jdbc.sql("select creator_id from activity_creator order by 1").query(String.class).list();
		for (String creatorId : creatorIds) {
			ZoneId zone = ZoneId.of(jdbc.sql("select time_zone from activity_creator where creator_id = :c")
				.param("c", creatorId)
				.query(String.class)
				.single());
			List<PlatformEvent> all = log.eventsOf(creatorId);
			Map<String, StreamTimeline> streams = new TreeMap<>();
			all.stream().map(PlatformEvent::streamId).filter(s -> s != null).distinct()
				.forEach(s -> streams.put(s, StreamTimeline.of(s, log.eventsOfStream(s))));
			for (StreamTimeline stream : streams.values()) {
				Map<String, Object> row = jdbc.sql("""
						select started_at, ended_at, last_event_at, current_viewers, peak_viewers, reports, gift_revenue_usd
						from activity_stream where stream_id = :s""").param("s", stream.streamId).query().singleRow();
				assertThat(row.get("current_viewers")).as("current viewers of " + stream.streamId).isEqualTo(stream.currentViewers());
				assertThat(row.get("peak_viewers")).as("peak viewers of " + stream.streamId).isEqualTo(stream.peakViewers);
				assertThat(row.get("reports")).as("reports of " + stream.streamId).isEqualTo(stream.reports);
				assertThat((BigDecimal) row.get("gift_revenue_usd")).as("gift revenue of " + stream.streamId)
					.isEqualByComparingTo(stream.giftRevenueUsd());
				assertThat(((java.sql.Timestamp) row.get("last_event_at")).toInstant()).isEqualTo(stream.lastEventAt);
				assertThat(jdbc.sql("select count(*) from activity_stream_viewer where stream_id = :s")
					.param("s", stream.streamId)
					.query(Integer.class)
					.single()).as("viewers in the room of " + stream.streamId).isEqualTo(stream.present.size());
			}
			Set<LocalDate> days = new TreeSet<>();
			all.forEach(e -> days.add(LocalDate.ofInstant(e.occurredAt(), zone)));
			streams.values().stream().filter(s -> s.startedAt != null)
				.forEach(s -> days.addAll(ActivityProjection.datesBetween(s.startedAt, s.intervalEnd(), zone)));
			Map<LocalDate, String> expected = new TreeMap<>();
			for (LocalDate day : days) {
				Instant[] window = DayRollup.window(day, zone);
				List<PlatformEvent> dayEvents = log.eventsOf(creatorId, window[0], window[1]);
				List<StreamTimeline> live = streams.values()
					.stream()
					.filter(s -> s.startedAt != null && s.startedAt.isBefore(window[1]) && !s.intervalEnd().isBefore(window[0]))
					.toList();
				DayRollup rollup = DayRollup.of(day, zone, dayEvents, live);
				if (!rollup.empty()) {
					expected.put(day,
							List.of(rollup.active(), rollup.streams(), rollup.liveSeconds(), rollup.viewers().size(), rollup.peakConcurrentViewers(),
									rollup.gifts(), rollup.giftRevenueUsd().stripTrailingZeros().toPlainString(), rollup.subscriptions(),
									rollup.subscriptionRevenueUsd().stripTrailingZeros().toPlainString(), rollup.follows(), rollup.reports())
								.toString());
				}
			}
			Map<LocalDate, String> actual = new TreeMap<>();
			jdbc.sql("""
					select day, active, streams, live_seconds, unique_viewers, peak_concurrent_viewers, gifts, gift_revenue_usd, subscriptions,
					       subscription_revenue_usd, follows, reports from activity_creator_day where creator_id = :c""")
				.param("c", creatorId)
				.query(rs -> {
					actual.put(rs.getObject(1, LocalDate.class),
							List.of(rs.getBoolean(2), rs.getInt(3), rs.getLong(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
									rs.getBigDecimal(8).stripTrailingZeros().toPlainString(), rs.getInt(9),
									rs.getBigDecimal(10).stripTrailingZeros().toPlainString(), rs.getInt(11), rs.getInt(12))
								.toString());
				});
			assertThat(actual).as("days of " + creatorId + " [active, streams, live s, viewers, peak, gifts, usd, subs, usd, follows, reports]")
				.isEqualTo(expected);
			Map<String, Object> totals = jdbc.sql("""
					select unique_viewers, retained_viewers from activity_creator where creator_id = :c""").param("c", creatorId).query().singleRow();
			Map<String, Set<LocalDate>> viewerDays = new TreeMap<>();
			for (LocalDate day : days) {
				Instant[] window = DayRollup.window(day, zone);
				log.eventsOf(creatorId, window[0], window[1])
					.stream()
					.filter(e -> e.type() == com.greenroom.events.EventType.VIEWER_JOINED && e.viewerId() != null)
					.forEach(e -> viewerDays.computeIfAbsent(e.viewerId(), k -> new TreeSet<>()).add(day));
			}
			assertThat(totals.get("unique_viewers")).as("unique viewers of " + creatorId).isEqualTo(viewerDays.size());
			assertThat(totals.get("retained_viewers")).as("retained viewers of " + creatorId)
				.isEqualTo((int) viewerDays.values().stream().filter(d -> d.size() >= 2).count());
		}
	}

	private Map<String, List<String>> snapshot() {
		Map<String, List<String>> tables = new TreeMap<>();
		for (String table : TABLES) {
			tables.put(table, new ArrayList<>(jdbc.sql("select t::text from " + table + " t order by 1").query(String.class).list()));
		}
		return tables;
	}

	private static String started(String id, String streamId, Instant at) {
		return com.greenroom.support.EventFeed.started(id, "ana", streamId, at);
	}

	private static String ended(String id, String streamId, Instant at) {
		return com.greenroom.support.EventFeed.ended(id, "ana", streamId, at);
	}

	private static String joined(String id, String streamId, String viewerId, Instant at) {
		return com.greenroom.support.EventFeed.joined(id, "ana", streamId, viewerId, at);
	}

	private static String left(String id, String streamId, String viewerId, Instant at) {
		return com.greenroom.support.EventFeed.left(id, "ana", streamId, viewerId, at);
	}
}
