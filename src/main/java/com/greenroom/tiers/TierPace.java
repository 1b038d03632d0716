package com.greenroom.tiers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where a creator lands at the end of the current tier period at their pace so far, and what it takes
 * to reach the next tier. A tier period is 28 creator days (the tier window) counted in the creator's
 * zone from a fixed Monday; {@code elapsedDays} counts the period's days up to and including today,
 * {@code daysLeft} the days from today (included) to {@code periodEnd}. {@code paceTier} is the tier
 * the projected values land in against the region's current cut-offs; {@code nextTier} the tier above
 * the current one (null for TOP, NEW, or before the first tier computation). {@code summary} says it in
 * words, e.g. "2 more active days and $140.00 more revenue by Sun 27 Dec".
 */
public record TierPace(String creatorId, String regionCode, LocalDate periodStart, LocalDate periodEnd, LocalDate today, int elapsedDays,
		int daysInPeriod, int daysLeft, Tier currentTier, Tier paceTier, Tier nextTier, boolean withinReach, List<Measure> measures,
		String summary, Instant asOf) {

	/** The measures, as the API names them. */
	public static final String REVENUE = "revenueUsd";

	public static final String ACTIVE_DAYS = "activeDays";

	public static final String LIVE_MINUTES = "liveMinutes";

	/**
	 * One measure: value so far in the period, projected end value (so far ÷ elapsed days × days in the
	 * period), the next tier's threshold and {@code toNextTier} = threshold − so far (zero or less:
	 * reached; null without a next tier or threshold). {@code decides}: the tier rule itself uses this
	 * threshold (revenue cut-off for MID and TOP, one active day for EMERGING); otherwise the threshold is
	 * the median of the next tier's current members over their trailing 28 creator days, a guide.
	 */
	public record Measure(String measure, BigDecimal soFar, BigDecimal projected, BigDecimal nextTierThreshold, BigDecimal toNextTier,
			boolean decides) {
	}

	public Measure measure(String name) {
		return measures.stream().filter(m -> m.measure().equals(name)).findFirst().orElseThrow();
	}
}
