package com.greenroom.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.greenroom.events.EventType;
import com.greenroom.events.Money;
import com.greenroom.events.PlatformEvent;

/** Creator-day rules on plain events, without a database. */
class DayRollupUnitTest {

	static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	long seq;

	@Test
	void creatorDayRunsFromLocalMidnightToLocalMidnight() {
		Instant[] window = DayRollup.window(LocalDate.of(2026, 11, 23), SAO_PAULO);
		assertThat(window[0]).isEqualTo(Instant.parse("2026-11-23T03:00:00Z"));
		assertThat(window[1]).isEqualTo(Instant.parse("2026-11-24T03:00:00Z"));
	}

	@Test
	void dstDaysLastTwentyFiveAndTwentyThreeHours() {
		Instant[] fallBack = DayRollup.window(LocalDate.of(2026, 11, 1), NEW_YORK);
		Instant[] springForward = DayRollup.window(LocalDate.of(2026, 3, 8), NEW_YORK);
		assertThat(Duration.between(fallBack[0], fallBack[1])).isEqualTo(Duration.ofHours(25));
		assertThat(Duration.between(springForward[0], springForward[1])).isEqualTo(Duration.ofHours(23));
	}

	@Test
	void aStreamThroughTheWholeFallBackDayIsLiveFifteenHundredMinutes() {
		LocalDate day = LocalDate.of(2026, 11, 1);
		Instant start = day.atStartOfDay(NEW_YORK).toInstant();
		Instant end = day.plusDays(1).atStartOfDay(NEW_YORK).toInstant();
		List<PlatformEvent> events = List.of(event(EventType.STREAM_STARTED, "s1", null, start), event(EventType.STREAM_ENDED, "s1", null, end));
		DayRollup rollup = DayRollup.of(day, NEW_YORK, events.subList(0, 1), List.of(StreamTimeline.of("s1", events)));
		assertThat(rollup.liveSeconds() / 60).isEqualTo(1500);
		assertThat(rollup.active()).isTrue();
	}

	@Test
	void peakConcurrencyFollowsEventTimeNotArrival() {
		Instant t = Instant.parse("2026-11-20T13:00:00Z");
		List<PlatformEvent> arrival = List.of(
				event(EventType.VIEWER_LEFT, "s1", "v1", t.plusSeconds(600)),
				event(EventType.VIEWER_JOINED, "s1", "v3", t.plusSeconds(720)),
				event(EventType.STREAM_STARTED, "s1", null, t),
				event(EventType.VIEWER_JOINED, "s1", "v2", t.plusSeconds(300)),
				event(EventType.VIEWER_JOINED, "s1", "v1", t.plusSeconds(60)),
				event(EventType.VIEWER_LEFT, "s1", "v2", t.plusSeconds(1200)),
				event(EventType.VIEWER_JOINED, "s1", "v4", t.plusSeconds(900)),
				event(EventType.VIEWER_JOINED, "s1", "v4", t.plusSeconds(950)));
		StreamTimeline stream = StreamTimeline.of("s1", byEventTime(arrival));
		// v1 10:01–10:10, v2 10:05–10:20, v3 from 10:12, v4 from 10:15 (joining twice counts once): 3 at 10:15
		assertThat(stream.peakViewers).isEqualTo(3);
		assertThat(stream.currentViewers()).isEqualTo(2);
	}

	@Test
	void viewersPresentBeforeMidnightCountTowardsTheNextDaysPeak() {
		ZoneId zone = SAO_PAULO;
		Instant lateEvening = LocalDate.of(2026, 11, 20).atTime(23, 50).atZone(zone).toInstant();
		List<PlatformEvent> events = byEventTime(List.of(event(EventType.STREAM_STARTED, "s1", null, lateEvening),
				event(EventType.VIEWER_JOINED, "s1", "v1", lateEvening.plusSeconds(60)),
				event(EventType.VIEWER_JOINED, "s1", "v2", lateEvening.plusSeconds(120)),
				event(EventType.VIEWER_LEFT, "s1", "v1", lateEvening.plusSeconds(1200)),
				event(EventType.STREAM_ENDED, "s1", null, lateEvening.plusSeconds(1800))));
		StreamTimeline stream = StreamTimeline.of("s1", events);
		DayRollup nextDay = DayRollup.of(LocalDate.of(2026, 11, 21), zone, List.of(), List.of(stream));
		assertThat(nextDay.peakConcurrentViewers()).isEqualTo(2);
		assertThat(nextDay.liveSeconds()).isEqualTo(20 * 60);
		assertThat(nextDay.viewers()).isEmpty();
		assertThat(nextDay.active()).isFalse();
	}

	@Test
	void aStreamWithoutEndLastsUntilItsLastEvent() {
		Instant t = Instant.parse("2026-11-20T13:00:00Z");
		StreamTimeline stream = StreamTimeline.of("s1", List.of(event(EventType.STREAM_STARTED, "s1", null, t),
				event(EventType.VIEWER_JOINED, "s1", "v1", t.plusSeconds(600))));
		assertThat(stream.intervalEnd()).isEqualTo(t.plusSeconds(600));
		assertThat(stream.currentViewers()).isEqualTo(1);
	}

	@Test
	void giftsAndSubscriptionsAddUpInUsd() {
		Instant t = Instant.parse("2026-11-20T13:00:00Z");
		List<PlatformEvent> events = List.of(money(EventType.GIFT_SENT, "2.50", t), money(EventType.GIFT_SENT, "1.25", t.plusSeconds(1)),
				money(EventType.SUBSCRIPTION_STARTED, "4.99", t.plusSeconds(2)));
		DayRollup rollup = DayRollup.of(LocalDate.of(2026, 11, 20), ZoneId.of("UTC"), events, List.of());
		assertThat(rollup.gifts()).isEqualTo(2);
		assertThat(rollup.giftRevenueUsd()).isEqualByComparingTo("3.75");
		assertThat(rollup.subscriptionRevenueUsd()).isEqualByComparingTo("4.99");
		assertThat(rollup.active()).isFalse();
	}

	private List<PlatformEvent> byEventTime(List<PlatformEvent> events) {
		List<PlatformEvent> sorted = new ArrayList<>(events);
		sorted.sort(Comparator.comparing(PlatformEvent::occurredAt).thenComparingLong(PlatformEvent::seq));
		return sorted;
	}

	private PlatformEvent event(EventType type, String streamId, String viewerId, Instant at) {
		seq++;
		return new PlatformEvent(seq, "e" + seq, type, at, "c1", streamId, viewerId, null, Map.of());
	}

	private PlatformEvent money(EventType type, String usd, Instant at) {
		seq++;
		return new PlatformEvent(seq, "e" + seq, type, at, "c1", type == EventType.GIFT_SENT ? "s1" : null, "v1",
				new Money(new BigDecimal(usd), "USD", new BigDecimal(usd)), Map.of());
	}
}
