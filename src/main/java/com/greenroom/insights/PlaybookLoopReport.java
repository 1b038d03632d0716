package com.greenroom.insights;

import java.time.LocalDate;
import java.util.List;

/**
 * The playbook loop: creator day-7 retention and milestone conversion by day 14 per group (onboarding
 * template version, regional variant, or coached in week 1), each share with its 95% Wilson interval and
 * each group's difference from the {@code baseline} group with Newcombe's 95% interval.
 */
public record PlaybookLoopReport(String by, LocalDate from, LocalDate to, String region, String milestone, String baseline,
		List<Group> groups) {

	/** One group of creators registered in the range; {@code baseline}: the group the others are compared with. */
	public record Group(String key, String label, long creators, boolean baseline, Measure day7, Measure milestone) {
	}

	/**
	 * {@code count} of the {@code eligible} creators (those whose day 7, or day 14, has ended); {@code share}
	 * and its interval are absent while none is eligible; {@code difference} is absent for the baseline and
	 * when either side has no eligible creator.
	 */
	public record Measure(long count, long eligible, Double share, Double lower, Double upper, Difference difference) {
	}

	/** This group's share minus the baseline's, Newcombe's interval, and a plain-language reading of it. */
	public record Difference(double estimate, double lower, double upper, boolean significant, String reading) {
	}
}
