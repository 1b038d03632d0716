package com.greenroom.milestones;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.greenroom.activity.CreatorDay;
import com.greenroom.activity.CreatorTotals;
import com.greenroom.events.EventType;
import com.greenroom.events.PlatformEvent;

/**
 * How each kind is counted: per creator day (to find the day a threshold is crossed), in total (for
 * progress), and event by event within the crossing day (to find the qualifying event).
 */
final class MilestoneRules {

	private MilestoneRules() {
	}

	static BigDecimal onDay(MilestoneKind kind, CreatorDay day) {
		return switch (kind) {
			case STREAMS -> BigDecimal.valueOf(day.streams());
			case ACTIVE_DAYS -> day.active() ? BigDecimal.ONE : BigDecimal.ZERO;
			case PAYMENTS -> BigDecimal.valueOf(day.gifts() + day.subscriptions());
			case REVENUE_USD -> day.giftRevenueUsd().add(day.subscriptionRevenueUsd());
			case SUBSCRIPTIONS -> BigDecimal.valueOf(day.subscriptions());
			case FOLLOWS -> BigDecimal.valueOf(day.follows());
			case UNIQUE_VIEWERS -> BigDecimal.valueOf(day.newViewers());
			case RETAINED_VIEWERS -> BigDecimal.valueOf(day.newlyRetainedViewers());
		};
	}

	static BigDecimal total(MilestoneKind kind, CreatorTotals totals) {
		if (totals == null) {
			return BigDecimal.ZERO;
		}
		return switch (kind) {
			case STREAMS -> BigDecimal.valueOf(totals.streams());
			case ACTIVE_DAYS -> BigDecimal.valueOf(totals.activeDays());
			case PAYMENTS -> BigDecimal.valueOf(totals.gifts() + totals.subscriptions());
			case REVENUE_USD -> totals.giftRevenueUsd().add(totals.subscriptionRevenueUsd());
			case SUBSCRIPTIONS -> BigDecimal.valueOf(totals.subscriptions());
			case FOLLOWS -> BigDecimal.valueOf(totals.follows());
			case UNIQUE_VIEWERS -> BigDecimal.valueOf(totals.uniqueViewers());
			case RETAINED_VIEWERS -> BigDecimal.valueOf(totals.retainedViewers());
		};
	}

	/** The crossing day and how much of the threshold was still missing when it began. */
	record Crossing(CreatorDay day, BigDecimal needed) {
	}

	static Optional<Crossing> crossing(MilestoneKind kind, BigDecimal threshold, List<CreatorDay> days) {
		return crossing(kind, threshold, BigDecimal.ZERO, days);
	}

	/** The same over the days from some day on, {@code countBefore} being the count of the days before them. */
	static Optional<Crossing> crossing(MilestoneKind kind, BigDecimal threshold, BigDecimal countBefore, List<CreatorDay> days) {
		BigDecimal before = countBefore;
		for (CreatorDay day : days) {
			BigDecimal after = before.add(onDay(kind, day));
			if (after.compareTo(threshold) >= 0) {
				return Optional.of(new Crossing(day, threshold.subtract(before)));
			}
			before = after;
		}
		return Optional.empty();
	}

	/**
	 * The event of the crossing day that brings the count to {@code needed}.
	 *
	 * @param viewers for viewer kinds, the viewers who count on this day (first seen, or retained)
	 */
	static Optional<PlatformEvent> qualifyingEvent(MilestoneKind kind, BigDecimal needed, List<PlatformEvent> dayEvents, Set<String> viewers) {
		BigDecimal count = BigDecimal.ZERO;
		Set<String> seen = new HashSet<>();
		for (PlatformEvent event : dayEvents) {
			BigDecimal step = contribution(kind, event, viewers, seen);
			if (step.signum() > 0) {
				count = count.add(step);
				if (count.compareTo(needed) >= 0) {
					return Optional.of(event);
				}
			}
		}
		return Optional.empty();
	}

	/** The event types that can count toward a milestone of this kind (the others contribute nothing). */
	static Set<EventType> typesOf(MilestoneKind kind) {
		return switch (kind) {
			case STREAMS, ACTIVE_DAYS -> Set.of(EventType.STREAM_STARTED);
			case PAYMENTS, REVENUE_USD -> Set.of(EventType.GIFT_SENT, EventType.SUBSCRIPTION_STARTED);
			case SUBSCRIPTIONS -> Set.of(EventType.SUBSCRIPTION_STARTED);
			case FOLLOWS -> Set.of(EventType.FOLLOW_CREATED);
			case UNIQUE_VIEWERS, RETAINED_VIEWERS -> Set.of(EventType.VIEWER_JOINED);
		};
	}

	private static BigDecimal contribution(MilestoneKind kind, PlatformEvent event, Set<String> viewers, Set<String> seen) {
		EventType type = event.type();
		boolean payment = type == EventType.GIFT_SENT || type == EventType.SUBSCRIPTION_STARTED;
		return switch (kind) {
			case STREAMS, ACTIVE_DAYS -> type == EventType.STREAM_STARTED
					&& seen.add(event.streamId() != null ? event.streamId() : "event:" + event.id()) ? BigDecimal.ONE : BigDecimal.ZERO;
			case PAYMENTS -> payment ? BigDecimal.ONE : BigDecimal.ZERO;
			case REVENUE_USD -> payment && event.amount() != null && event.amount().usd() != null ? event.amount().usd() : BigDecimal.ZERO;
			case SUBSCRIPTIONS -> type == EventType.SUBSCRIPTION_STARTED ? BigDecimal.ONE : BigDecimal.ZERO;
			case FOLLOWS -> type == EventType.FOLLOW_CREATED ? BigDecimal.ONE : BigDecimal.ZERO;
			case UNIQUE_VIEWERS, RETAINED_VIEWERS -> type == EventType.VIEWER_JOINED && viewers.contains(event.viewerId())
					&& seen.add(event.viewerId()) ? BigDecimal.ONE : BigDecimal.ZERO;
		};
	}
}
