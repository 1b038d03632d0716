package com.greenroom.experiments;

import java.util.List;

/**
 * An experiment's primary metric per variant with 95% intervals (Wilson for shares, normal approximation for
 * revenue per creator), each variant against the control (the first) with Newcombe's interval for shares or
 * Welch's normal-approximation interval for revenue; {@code lift}: the best variant's relative change from the
 * control (null when the control is 0); {@code lowPerforming}: concluded with a lift under the threshold.
 */
public record ExperimentResults(long experimentId, String metric, String control, List<VariantResult> variants, Double lift,
		double lowLiftThreshold, boolean lowPerforming) {

	/**
	 * One variant: {@code creators} assigned and seen registering, {@code eligible} of them counted (day 7 or 14
	 * ended; all for revenue), {@code count} reached (shares only), {@code value} the share or mean revenue.
	 */
	public record VariantResult(String variant, long creators, long eligible, Long count, Double value, Double lower, Double upper,
			Difference difference) {
	}

	/** The variant minus the control, its 95% interval and a plain reading. */
	public record Difference(double estimate, double lower, double upper, boolean significant, String reading) {
	}
}
