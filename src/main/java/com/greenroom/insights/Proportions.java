package com.greenroom.insights;

import java.util.Optional;

/**
 * 95% confidence intervals for shares, per the brief: the Wilson score interval for one share, and
 * Newcombe's hybrid score interval (method 10 of Newcombe 1998) for the difference of two shares, which
 * combines the two Wilson intervals. A difference is significant only when its interval excludes 0.
 */
public final class Proportions {

	/** The two-sided 95% normal quantile. */
	public static final double Z95 = 1.959963984540054;

	private Proportions() {
	}

	/** A closed interval [lower, upper]. */
	public record Interval(double lower, double upper) {

		/** Whether the interval leaves out 0: the only case a difference is called significant. */
		public boolean excludesZero() {
			return lower > 0 || upper < 0;
		}
	}

	/** The share {@code successes / trials}, or empty when there are no trials. */
	public static Optional<Double> share(long successes, long trials) {
		check(successes, trials);
		return trials == 0 ? Optional.empty() : Optional.of((double) successes / trials);
	}

	/** The 95% Wilson score interval for {@code successes} of {@code trials}; empty when {@code trials} is 0. */
	public static Optional<Interval> wilson(long successes, long trials) {
		check(successes, trials);
		if (trials == 0) {
			return Optional.empty();
		}
		double n = trials;
		double p = successes / n;
		double z2 = Z95 * Z95;
		double denominator = 1 + z2 / n;
		double centre = (p + z2 / (2 * n)) / denominator;
		double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
		// at 0/n and n/n the bound is exactly 0 or 1; rounding must not push it past
		double lower = successes == 0 ? 0 : Math.max(0, centre - half);
		double upper = successes == trials ? 1 : Math.min(1, centre + half);
		return Optional.of(new Interval(lower, upper));
	}

	/**
	 * Newcombe's hybrid score interval for p1 − p2 (p1 = {@code x1 / n1}, p2 = {@code x2 / n2}); empty when
	 * either side has no trials.
	 */
	public static Optional<Interval> newcombe(long x1, long n1, long x2, long n2) {
		Optional<Interval> first = wilson(x1, n1);
		Optional<Interval> second = wilson(x2, n2);
		if (first.isEmpty() || second.isEmpty()) {
			return Optional.empty();
		}
		double p1 = (double) x1 / n1;
		double p2 = (double) x2 / n2;
		Interval w1 = first.get();
		Interval w2 = second.get();
		double difference = p1 - p2;
		double lower = difference - Math.sqrt(square(p1 - w1.lower()) + square(w2.upper() - p2));
		double upper = difference + Math.sqrt(square(w1.upper() - p1) + square(p2 - w2.lower()));
		return Optional.of(new Interval(Math.max(-1, lower), Math.min(1, upper)));
	}

	private static double square(double value) {
		return value * value;
	}

	private static void check(long successes, long trials) {
		if (trials < 0 || successes < 0 || successes > trials) {
			throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + " of " + trials);
		}
	}
}
