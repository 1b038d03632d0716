package com.greenroom.milestones;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.greenroom.activity.CreatorDay;
import com.greenroom.activity.CreatorTotals;
import com.greenroom.events.EventType;
import com.greenroom.events.Money;
import com.greenroom.events.PlatformEvent;

/**
 * How a milestone's threshold is crossed: the creator day (a date in the creator's own zone) on which the
 * count reaches it, and the event on that day that brings it there, whose event time is the milestone's.
 */
class MilestoneRulesUnitTest {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	private static int ids;

	private static PlatformEvent event(EventType type, String at, String streamId, String viewerId, String usd) {
		Money amount = usd == null ? null : new Money(new BigDecimal(usd), "USD", new BigDecimal(usd));
		return new PlatformEvent(++ids, "e-" + ids, type, Instant.parse(at), "c-1", streamId, viewerId, amount, Map.of());
	}

	private static PlatformEvent streamStarted(String at, String streamId) {
		return event(EventType.STREAM_STARTED, at, streamId, null, null);
	}

	private static PlatformEvent gift(String at, String usd) {
		return event(EventType.GIFT_SENT, at, "s-1", "v-1", usd);
	}

	private static PlatformEvent subscription(String at, String usd) {
		return event(EventType.SUBSCRIPTION_STARTED, at, null, "v-2", usd);
	}

	private static PlatformEvent joined(String at, String viewerId) {
		return event(EventType.VIEWER_JOINED, at, "s-1", viewerId, null);
	}

	/** The creator days of these events in the creator's zone, as the activity projection rolls them up (without viewers). */
	private static List<CreatorDay> days(ZoneId zone, List<PlatformEvent> events) {
		Map<LocalDate, List<PlatformEvent>> byDay = byDay(zone, events);
		List<CreatorDay> days = new ArrayList<>();
		byDay.forEach((day, on) -> {
			int streams = (int) on.stream().filter(e -> e.type() == EventType.STREAM_STARTED).map(PlatformEvent::streamId).distinct().count();
			int gifts = (int) on.stream().filter(e -> e.type() == EventType.GIFT_SENT).count();
			int subscriptions = (int) on.stream().filter(e -> e.type() == EventType.SUBSCRIPTION_STARTED).count();
			BigDecimal giftUsd = on.stream().filter(e -> e.type() == EventType.GIFT_SENT).map(e -> e.amount().usd()).reduce(BigDecimal.ZERO,
					BigDecimal::add);
			BigDecimal subscriptionUsd = on.stream().filter(e -> e.type() == EventType.SUBSCRIPTION_STARTED).map(e -> e.amount().usd())
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			days.add(new CreatorDay(day, streams > 0, streams, 0, 0, 0, gifts, giftUsd, subscriptions, subscriptionUsd, 0, 0, 0, 0));
		});
		return days;
	}

	private static Map<LocalDate, List<PlatformEvent>> byDay(ZoneId zone, List<PlatformEvent> events) {
		Map<LocalDate, List<PlatformEvent>> byDay = new TreeMap<>();
		events.forEach(e -> byDay.computeIfAbsent(LocalDate.ofInstant(e.occurredAt(), zone), d -> new ArrayList<>()).add(e));
		return byDay;
	}

	@Test
	void revenueIsCrossedOnTheCreatorDayThatReachesTheThresholdByTheEventThatBringsTheSumThere() {
		List<PlatformEvent> events = List.of(gift("2026-11-20T10:00:00Z", "4.50"),
				// day 3: 2.00 + 3.00 leaves 0.50 missing; the 1.00 gift reaches 10.00 USD
				gift("2026-11-22T09:00:00Z", "2.00"), subscription("2026-11-22T09:05:00Z", "3.00"),
				event(EventType.FOLLOW_CREATED, "2026-11-22T09:06:00Z", null, "v-9", null), gift("2026-11-22T09:07:00Z", "1.00"),
				gift("2026-11-22T09:08:00Z", "50.00"));
		List<CreatorDay> days = days(TOKYO, events);

		MilestoneRules.Crossing crossing = MilestoneRules.crossing(MilestoneKind.REVENUE_USD, new BigDecimal("10"), days).orElseThrow();
		PlatformEvent qualifying = MilestoneRules
			.qualifyingEvent(MilestoneKind.REVENUE_USD, crossing.needed(), byDay(TOKYO, events).get(crossing.day().day()), Set.of())
			.orElseThrow();

		assertThat(crossing.day().day()).isEqualTo(LocalDate.parse("2026-11-22"));
		assertThat(crossing.needed()).isEqualByComparingTo("5.50");
		assertThat(qualifying.occurredAt()).isEqualTo(Instant.parse("2026-11-22T09:07:00Z"));
	}

	@Test
	void aStreamStartedAfterMidnightInTokyoCountsOnTheCreatorsNextDayThoughItIsTheSameDateInUtc() {
		// 14:00 UTC is 23:00 in Tokyo; 15:30 UTC the same UTC date is already 00:30 the next day in Tokyo
		List<PlatformEvent> events = List.of(streamStarted("2026-11-20T14:00:00Z", "s-1"), streamStarted("2026-11-20T15:30:00Z", "s-2"));

		MilestoneRules.Crossing twoActiveDays = MilestoneRules
			.crossing(MilestoneKind.ACTIVE_DAYS, new BigDecimal("2"), days(TOKYO, events))
			.orElseThrow();

		assertThat(twoActiveDays.day().day()).isEqualTo(LocalDate.parse("2026-11-21"));
		assertThat(MilestoneRules.crossing(MilestoneKind.ACTIVE_DAYS, new BigDecimal("2"), days(ZoneId.of("UTC"), events))).isEmpty();
	}

	@Test
	void theTwentyThreeHourCreatorDayOfTheDstChangeHoldsItsFirstAndLastHourAndTheFirstStreamOfTheDayQualifies() {
		// 29 March 2026 in Berlin: 00:30 CET is 23:30 UTC the day before; 23:30 CEST is 21:30 UTC
		List<PlatformEvent> events = List.of(streamStarted("2026-03-28T23:30:00Z", "s-1"), streamStarted("2026-03-29T21:30:00Z", "s-2"));
		List<CreatorDay> days = days(BERLIN, events);

		MilestoneRules.Crossing activeDay = MilestoneRules.crossing(MilestoneKind.ACTIVE_DAYS, BigDecimal.ONE, days).orElseThrow();
		MilestoneRules.Crossing secondStream = MilestoneRules.crossing(MilestoneKind.STREAMS, new BigDecimal("2"), days).orElseThrow();
		List<PlatformEvent> dayEvents = byDay(BERLIN, events).get(LocalDate.parse("2026-03-29"));

		assertThat(days).hasSize(1);
		assertThat(activeDay.day().day()).isEqualTo(LocalDate.parse("2026-03-29"));
		assertThat(MilestoneRules.qualifyingEvent(MilestoneKind.ACTIVE_DAYS, activeDay.needed(), dayEvents, Set.of()).orElseThrow().streamId())
			.isEqualTo("s-1");
		assertThat(MilestoneRules.qualifyingEvent(MilestoneKind.STREAMS, secondStream.needed(), dayEvents, Set.of()).orElseThrow().occurredAt())
			.isEqualTo(Instant.parse("2026-03-29T21:30:00Z"));
	}

	@Test
	void aRepeatedStreamStartOfTheSameStreamIsNotASecondStream() {
		List<PlatformEvent> dayEvents = List.of(streamStarted("2026-11-20T10:00:00Z", "s-1"), streamStarted("2026-11-20T10:01:00Z", "s-1"),
				streamStarted("2026-11-20T12:00:00Z", "s-2"));

		PlatformEvent second = MilestoneRules.qualifyingEvent(MilestoneKind.STREAMS, new BigDecimal("2"), dayEvents, Set.of()).orElseThrow();

		assertThat(second.streamId()).isEqualTo("s-2");
	}

	@Test
	void onlyTheViewersWhoCountThatDayMoveAViewerMilestoneAndEachOnlyOnce() {
		List<PlatformEvent> dayEvents = List.of(joined("2026-11-20T10:00:00Z", "v-1"), joined("2026-11-20T10:01:00Z", "v-1"),
				joined("2026-11-20T10:02:00Z", "v-old"), joined("2026-11-20T10:03:00Z", "v-2"));

		PlatformEvent qualifying = MilestoneRules
			.qualifyingEvent(MilestoneKind.RETAINED_VIEWERS, new BigDecimal("2"), dayEvents, Set.of("v-1", "v-2"))
			.orElseThrow();

		assertThat(qualifying.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:03:00Z"));
		assertThat(MilestoneRules.qualifyingEvent(MilestoneKind.RETAINED_VIEWERS, new BigDecimal("3"), dayEvents, Set.of("v-1", "v-2")))
			.isEmpty();
	}

	@Test
	void aThresholdNotYetReachedHasNoCrossingAndACreatorWithoutActivityCountsZero() {
		List<CreatorDay> days = days(TOKYO, List.of(gift("2026-11-20T10:00:00Z", "9.99")));

		assertThat(MilestoneRules.crossing(MilestoneKind.REVENUE_USD, new BigDecimal("10"), days)).isEmpty();
		assertThat(MilestoneRules.crossing(MilestoneKind.PAYMENTS, BigDecimal.ONE, days)).isPresent();
		assertThat(MilestoneRules.total(MilestoneKind.STREAMS, null)).isEqualByComparingTo("0");
	}

	@Test
	void paymentsAndRevenueCountGiftsAndSubscriptionsTogether() {
		CreatorTotals totals = new CreatorTotals("c-1", "Asia/Tokyo", "REGISTRATION", 3, 4, 120, 10, 2, 5, 2, new BigDecimal("7.50"), 1,
				new BigDecimal("4.99"), 6, 0, LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-22"));

		assertThat(MilestoneRules.total(MilestoneKind.PAYMENTS, totals)).isEqualByComparingTo("3");
		assertThat(MilestoneRules.total(MilestoneKind.REVENUE_USD, totals)).isEqualByComparingTo("12.49");
		assertThat(MilestoneRules.total(MilestoneKind.RETAINED_VIEWERS, totals)).isEqualByComparingTo("2");
		assertThat(MilestoneRules.total(MilestoneKind.ACTIVE_DAYS, totals)).isEqualByComparingTo("3");
	}
}
