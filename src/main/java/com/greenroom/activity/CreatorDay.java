package com.greenroom.activity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One creator day (a calendar date in the creator's time zone). {@code newViewers}: viewers whose first
 * join of this creator falls on this day; {@code newlyRetainedViewers}: viewers for whom this is the
 * second distinct day they joined. Revenue is in USD.
 */
public record CreatorDay(LocalDate day, boolean active, int streams, long liveMinutes, int uniqueViewers, int peakConcurrentViewers,
		int gifts, BigDecimal giftRevenueUsd, int subscriptions, BigDecimal subscriptionRevenueUsd, int follows, int reports,
		int newViewers, int newlyRetainedViewers) {

	/** A day on which nothing happened. */
	public static CreatorDay quiet(LocalDate day) {
		return new CreatorDay(day, false, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, 0, 0, 0);
	}
}
