package com.greenroom.simulator;

import java.util.SplittableRandom;

/**
 * The distributions the simulation draws from, written out here (not taken from the JDK's defaults)
 * so a seed gives the same platform on every Java version.
 */
final class Draws {

	private Draws() {
	}

	static double uniform(SplittableRandom random, double from, double to) {
		return from + (to - from) * random.nextDouble();
	}

	/** Standard normal by Box–Muller. */
	static double gaussian(SplittableRandom random) {
		double u = 1.0 - random.nextDouble();
		double v = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Log-normal with the given median; {@code sigma} sets how heavy the right tail is. */
	static double logNormal(SplittableRandom random, double median, double sigma) {
		return median * Math.exp(sigma * gaussian(random));
	}

	/** Pareto with scale {@code minimum} and shape {@code alpha}: most are small, a few are huge. */
	static double pareto(SplittableRandom random, double minimum, double alpha) {
		return minimum / Math.pow(1.0 - random.nextDouble(), 1.0 / alpha);
	}

	static double exponential(SplittableRandom random, double mean) {
		return -mean * Math.log(1.0 - random.nextDouble());
	}

	/** Poisson count (Knuth for small means, a rounded normal for large ones). */
	static int poisson(SplittableRandom random, double mean) {
		if (mean <= 0) {
			return 0;
		}
		if (mean > 30) {
			return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian(random)));
		}
		double limit = Math.exp(-mean);
		double product = random.nextDouble();
		int count = 0;
		while (product > limit) {
			product *= random.nextDouble();
			count++;
		}
		return count;
	}

	static <T> T pick(SplittableRandom random, java.util.List<T> items) {
		return items.get(random.nextInt(items.size()));
	}
}
