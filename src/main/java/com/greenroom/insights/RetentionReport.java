package com.greenroom.insights;

import java.time.LocalDate;
import java.util.List;

/** Retention cohorts: per cohort its size and one cell per day number asked for. */
public record RetentionReport(String period, String mode, List<Integer> days, List<Cohort> cohorts) {

	/** A cohort, named by its first day (the day, the ISO week's Monday or the month's first day). */
	public record Cohort(LocalDate cohort, int size, List<Cell> cells) {
	}

	/**
	 * Day N of a cohort: {@code retained} of the {@code eligible} creators (those whose day N has ended);
	 * {@code share} is absent while no creator is eligible; {@code complete} once every creator's day N ended.
	 */
	public record Cell(int day, int retained, int eligible, Double share, boolean complete) {
	}
}
