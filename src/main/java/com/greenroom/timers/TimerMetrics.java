package com.greenroom.timers;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What operators watch on /actuator/prometheus: timers fired and failed attempts per kind, the firing delay
 * (due to fired) as a histogram, and how many pending timers are overdue right now (read from the head of the
 * partial index, so the gauge costs the same with a million pending timers).
 */
@Component
class TimerMetrics {

	private final MeterRegistry registry;

	TimerMetrics(MeterRegistry registry, JdbcClient jdbc, java.time.Clock clock) {
		this.registry = registry;
		Gauge.builder("greenroom.timers.overdue",
				() -> jdbc.sql("select count(*) from timer where status = 'PENDING' and due_at <= :now")
					.param("now", java.sql.Timestamp.from(clock.instant().minusSeconds(5)))
					.query(Long.class)
					.single())
			.baseUnit("timers")
			.description("pending timers more than 5 seconds past their due instant (waiting for a runner or a retry)")
			.register(registry);
	}

	/** One firing attempt's outcome; {@code delay} only when it fired. */
	record Outcome(String kind, boolean fired, Duration delay) {

		static Outcome fired(String kind, Duration delay) {
			return new Outcome(kind, true, delay);
		}

		static Outcome failed(String kind) {
			return new Outcome(kind, false, null);
		}
	}

	void record(Outcome outcome) {
		if (outcome.fired()) {
			Counter.builder("greenroom.timers.fired")
				.tag("kind", outcome.kind())
				.baseUnit("timers")
				.description("timers fired (their handler's writes committed) on this node")
				.register(registry)
				.increment();
			io.micrometer.core.instrument.Timer.builder("greenroom.timers.delay")
				.tag("kind", outcome.kind())
				.description("time from a timer's due instant to its firing")
				.publishPercentileHistogram()
				.maximumExpectedValue(Duration.ofMinutes(10))
				.register(registry)
				.record(outcome.delay().isNegative() ? Duration.ZERO : outcome.delay());
		}
		else {
			Counter.builder("greenroom.timers.failures")
				.tag("kind", outcome.kind())
				.baseUnit("attempts")
				.description("failed firing attempts (each is retried with backoff until the last, then kept as failed)")
				.register(registry)
				.increment();
		}
	}
}
