package com.greenroom.growth;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A campaign. Its period runs from {@code start} to {@code end} (dates, both inclusive), from midnight to
 * midnight in each region's own zone ({@link RegionPeriod}). {@code participants} is CREATORS (named) or SEGMENT
 * (the creators matching {@code segment} in each region when the campaign starts there, stored then).
 */
public record Campaign(long id, String name, String goal, BigDecimal revenueTargetUsd, LocalDate start, LocalDate end, Cost cost,
		List<RegionPeriod> regions, String participants, Segment segment, int participantCount, String createdBy, Instant createdAt) {

	/** The cost as entered and in USD at the configured rate on the day it was entered. */
	public record Cost(BigDecimal value, String currency, BigDecimal usd) {
	}

	/** Segment filters; null means any. */
	public record Segment(String region, String tier, Long manager, String country, String language) {
	}

	/** One region's period as instants, and when its participants were fixed (null until the campaign starts there). */
	public record RegionPeriod(String region, Instant startsAt, Instant endsAt, Instant frozenAt) {
	}

	/** The campaign's length in days. */
	public int days() {
		return (int) (end.toEpochDay() - start.toEpochDay() + 1);
	}
}
