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
