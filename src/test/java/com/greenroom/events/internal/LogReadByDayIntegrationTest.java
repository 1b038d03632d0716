package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.EventType;
import com.greenroom.events.PlatformEvent;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The log is partitioned by day of event time and read by arrival: a read after a seq reads only the days
 * appended to after it (V291), in ranges of seqs, and still returns exactly what one ordered scan of the whole
 * log would.
 */
@IntegrationTest
class LogReadByDayIntegrationTest {

	@Autowired
	EventFeed feed;

	@Autowired
	JdbcPlatformEventLog log;

	@Autowired
	EventPartitions partitions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestData data;

	@Autowired
	Clock clock;

	Instant now;

	@BeforeEach
	void reset() {
		data.reset();
		now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	@Test
	void aReadAfterASeqReadsTheDaysAppendedToSinceAndALateEventBringsItsDayBack() {
		Instant old = now.minus(Duration.ofDays(30));
		Instant recent = now.minus(Duration.ofHours(1));
		feed.send(EventFeed.follow("f-old", "ada", "v1", old), EventFeed.follow("f-old2", "bea", "v1", old.plusSeconds(60)));
		long afterOld = lastSeq();
		feed.send(EventFeed.follow("f-new", "ada", "v2", recent));

		assertThat(log.daysAppendedAfter(0)).extracting(range -> range[0]).containsExactly(day(old), day(recent));
		assertThat(log.daysAppendedAfter(afterOld)).extracting(range -> range[0]).containsExactly(day(recent));
		assertThat(log.after(afterOld, 100)).extracting(PlatformEvent::id).containsExactly("f-new");

		feed.send(EventFeed.follow("f-late", "bea", "v3", old.plusSeconds(120)));

		assertThat(log.daysAppendedAfter(afterOld)).extracting(range -> range[0]).containsExactly(day(old), day(recent));
		assertThat(log.after(afterOld, 100)).extracting(PlatformEvent::id).containsExactly("f-new", "f-late");
		assertThat(log.after(0, 100)).extracting(PlatformEvent::id).containsExactly("f-old", "f-old2", "f-new", "f-late");
	}

	@Test
	void consecutiveDaysAreOneRangeAndTooManyRangesAreJoinedAcrossTheirShortestGaps() {
		List<String> lines = new ArrayList<>();
		// days 40..38 (one range), then every other day 30, 28, ..., 14: ten ranges in all
		int[] daysAgo = { 40, 39, 38, 30, 28, 26, 24, 22, 20, 18, 16, 14 };
		for (int ago : daysAgo) {
			lines.add(EventFeed.follow("f" + ago, "ada", "v" + ago, now.minus(Duration.ofDays(ago))));
		}
		feed.send(lines);

		List<LocalDate[]> ranges = log.daysAppendedAfter(0);

		assertThat(ranges).hasSize(JdbcPlatformEventLog.DAY_RANGES);
		assertThat(ranges.get(0)).containsExactly(day(now.minus(Duration.ofDays(40))), day(now.minus(Duration.ofDays(37))));
		assertThat(ranges.get(ranges.size() - 1)[1]).isEqualTo(day(now.minus(Duration.ofDays(13))));
		// every day with an event lies in a range, and the ranges are ordered and apart
		for (int ago : daysAgo) {
			LocalDate day = day(now.minus(Duration.ofDays(ago)));
			assertThat(ranges).anyMatch(range -> !day.isBefore(range[0]) && day.isBefore(range[1]));
		}
		for (int i = 1; i < ranges.size(); i++) {
			assertThat(ranges.get(i)[0]).isAfter(ranges.get(i - 1)[1]);
		}
		assertThat(log.after(0, 100)).hasSize(lines.size());
	}

	@Test
	void mergingTheNotedDaysKeepsWhichDaysAreReadAfterEverySeq() {
		for (int batch = 0; batch < 6; batch++) {
			feed.send(EventFeed.follow("today-" + batch, "ada", "v" + batch, now.minusSeconds(600 - batch)),
					EventFeed.follow("late-" + batch, "bea", "v" + batch, now.minus(Duration.ofDays(2 + batch % 3))));
		}
		long last = lastSeq();
		Map<Long, List<LocalDate>> before = new HashMap<>();
		for (long seq = 0; seq <= last; seq++) {
			before.put(seq, log.daysAppendedAfter(seq).stream().map(range -> range[0]).toList());
		}

		int left = partitions.mergeAppendDays();

		assertThat(left).isEqualTo(4);
		for (long seq = 0; seq <= last; seq++) {
			assertThat(log.daysAppendedAfter(seq).stream().map(range -> range[0]).toList()).as("days after %d", seq).isEqualTo(before.get(seq));
		}
	}

	@Test
	void aReadInRangesOfSeqsReturnsWhatOneOrderedScanWouldAcrossGapsTypesAndSlotPositions() {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			String creator = "c" + (i % 37);
			Instant at = now.minus(Duration.ofDays(i % 3)).minusSeconds(i);
			lines.add(i % 4 == 0 ? EventFeed.gift("g" + i, creator, creator + "-s", "v" + i, "1.00", at)
					: EventFeed.follow("f" + i, creator, "v" + i, at));
			if (i % 50 == 49) {
				feed.send(lines);
				lines.clear();
				// a gap of seqs far wider than a batch, as rolled-back appends leave
				jdbc.sql("select count(nextval('platform_event_seq')) from generate_series(1, 2000)").query(Long.class).single();
			}
		}
		long upTo = lastSeq();
		Map<Integer, Long> positions = new HashMap<>();
		for (int slot = 0; slot < EventsProperties.Projections.SLOTS; slot += 3) {
			positions.put(slot, slot % 2 == 0 ? 0L : upTo / 3);
		}

		for (int limit : new int[] { 1, 7, 40, 1000 }) {
			for (Set<EventType> types : java.util.Arrays.asList(null, Set.of(EventType.GIFT_SENT))) {
				List<Long> expected = expected(positions, upTo, limit, types);
				assertThat(log.afterInSlots(positions, upTo, limit, types, null)).as("limit %d, types %s", limit, types)
					.extracting(PlatformEvent::seq)
					.isEqualTo(expected);
			}
		}
		assertThat(expected(positions, upTo, 1000, null)).hasSizeGreaterThan(50);
	}

	/** The same read as one ordered scan of the whole log. */
	private List<Long> expected(Map<Integer, Long> positions, long upTo, int limit, Set<EventType> types) {
		List<Long> seqs = new ArrayList<>();
		for (var row : jdbc.sql("select seq, shard, type from platform_event where seq <= :upTo order by seq")
			.param("upTo", upTo)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getInt(2), rs.getString(3) })
			.list()) {
			Long position = positions.get((Integer) row[1]);
			boolean typed = types == null || types.stream().anyMatch(t -> t.wireName().equals(row[2]));
			if (position != null && (long) row[0] > position && typed && seqs.size() < limit) {
				seqs.add((long) row[0]);
			}
		}
		return seqs;
	}

	private static LocalDate day(Instant at) {
		return LocalDate.ofInstant(at, ZoneOffset.UTC);
	}

	private long lastSeq() {
		return jdbc.sql("select max(seq) from platform_event").query(Long.class).single();
	}
}
