package com.greenroom.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in integration tests: fixed at {@link #START} until a test moves it, so every
 * rule runs at a known instant. {@link TestData#reset()} puts it back to {@link #START}.
 */
public final class TestClock extends Clock {

	/** A Monday morning in UTC; evening in Asia, the night before in the Americas. */
	public static final Instant START = Instant.parse("2026-11-30T09:00:00Z");

	private volatile Instant now = START;

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(now, zone);
	}

	@Override
	public Instant instant() {
		return now;
	}

	/** Sets the time to {@code instant}. */
	public void set(Instant instant) {
		now = instant;
	}

	/** Moves the time on by {@code duration}. */
	public void advance(Duration duration) {
		now = now.plus(duration);
	}

	void reset() {
		now = START;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock();
		}
	}
}
