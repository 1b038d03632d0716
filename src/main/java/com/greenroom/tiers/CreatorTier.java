package com.greenroom.tiers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A creator's current tier, since when, and the figures of the trailing window it was computed from:
 * revenue (USD) and active days over creator days {@code windowFrom}..{@code windowTo}, and the revenue
 * rank among the region's active creators (null for NEW and DORMANT).
 */
public record CreatorTier(String creatorId, String regionCode, Tier tier, Instant since, BigDecimal revenueUsd, int activeDays,
		Integer revenueRank, Instant computedAt) {

	/** One period in a tier; {@code to} null while current. */
	public record Period(Tier tier, Instant from, Instant to) {
	}

	/** The creator days a computation at some instant looks at. */
	public record Window(LocalDate from, LocalDate to) {
	}
}
