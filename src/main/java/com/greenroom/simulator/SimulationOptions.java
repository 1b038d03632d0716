package com.greenroom.simulator;

import java.time.Instant;

/**
 * What to simulate: the seed, how many creators register, over how many days from {@code start}, and
 * the fraction of events delivered with disorder (late, out of order or twice). The same options always
 * give byte-identical events.
 */
public record SimulationOptions(long seed, int creators, int days, Instant start, double disorder) {

	public static final Instant DEFAULT_START = Instant.parse("2026-11-01T00:00:00Z");

	public SimulationOptions {
		if (creators < 1) {
			throw new IllegalArgumentException("creators must be at least 1");
		}
		if (days < 1) {
			throw new IllegalArgumentException("days must be at least 1");
		}
		if (start == null) {
			throw new IllegalArgumentException("start is required");
		}
		if (!(disorder >= 0 && disorder <= 0.5)) {
			throw new IllegalArgumentException("disorder must be between 0 and 0.5");
		}
	}

	public static SimulationOptions of(long seed, int creators, int days) {
		return new SimulationOptions(seed, creators, days, DEFAULT_START, 0);
	}

	public SimulationOptions withDisorder(double fraction) {
		return new SimulationOptions(seed, creators, days, start, fraction);
	}

	public SimulationOptions startingAt(Instant instant) {
		return new SimulationOptions(seed, creators, days, instant, disorder);
	}
}
