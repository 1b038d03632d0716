package com.greenroom.insights;

import java.time.LocalDate;
import java.util.List;

/**
 * A retention question: cohorts registered between {@code from} and {@code to} (inclusive, creator days),
 * grouped by {@code period}, the day numbers asked for and the mode, narrowed by optional segment filters
 * ({@code manager} is a user id; {@code template} and {@code version} an onboarding template and version).
 */
public record RetentionQuery(Period period, LocalDate from, LocalDate to, List<Integer> days, Mode mode, String region,
		Long manager, String country, String tier, Long template, Integer version) {

	/** How cohorts are grouped: by registration day, ISO week (named by its Monday) or month (its first day). */
	public enum Period {
		DAY, WEEK, MONTH
	}

	/** N-day: active on day N exactly; unbounded: active on day N or later. */
	public enum Mode {
		N_DAY, UNBOUNDED
	}
}
