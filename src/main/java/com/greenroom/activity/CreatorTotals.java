package com.greenroom.activity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A creator's lifetime numbers. {@code retainedViewers}: distinct viewers who joined the creator's
 * streams on two or more different creator days. {@code timeZone}: the zone creator days are counted in,
 * and {@code timeZoneSource} where it came from (REGISTRATION, ROSTER, or DEFAULT = UTC until known).
 */
public record CreatorTotals(String creatorId, String timeZone, String timeZoneSource, int activeDays, int streams, long liveMinutes,
		int uniqueViewers, int retainedViewers, int peakConcurrentViewers, int gifts, BigDecimal giftRevenueUsd, int subscriptions,
		BigDecimal subscriptionRevenueUsd, int follows, int reports, LocalDate firstDay, LocalDate lastDay) {
}
