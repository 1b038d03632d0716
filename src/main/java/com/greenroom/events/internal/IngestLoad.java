package com.greenroom.events.internal;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The ingest load of this node: how many batches of platform events it is taking in right now (an HTTP request from
 * its first byte to its answer, a Kafka poll from its records to their commit) and how many events it took in over
 * the last second. The projection workers defer to a burst ({@link #burst()}), see
 * {@code greenroom.events.projections.burst-backlog}.
 */
@Component
class IngestLoad implements MeterBinder {

	/**
	 * How long the cores count as held past the last moment every one had a batch: a sender's next batch comes a
	 * moment after its last answer, so the count dips between batches of one burst.
	 */
	static final long GRACE_NANOS = 500_000_000L;

	/** The rate's buckets: ten of 100 ms, the last second. */
	private static final long BUCKET_NANOS = 100_000_000L;

	private static final int BUCKETS = 10;

	private final AtomicInteger arriving = new AtomicInteger();

	private final int saturation;

	private final long graceNanos;

	private final long burstRate;

	/** When the count last stood at {@code saturation} or more ({@link System#nanoTime()}); valid once {@code saturatedOnce}. */
	private volatile long lastSaturated;

	private volatile boolean saturatedOnce;

	/** Events taken in per bucket, and the tick ({@link System#nanoTime()} / {@link #BUCKET_NANOS}) each bucket counts. */
	private final long[] events = new long[BUCKETS];

	private final long[] ticks = new long[BUCKETS];

	@Autowired
	IngestLoad(EventsProperties properties) {
		this(Runtime.getRuntime().availableProcessors(), GRACE_NANOS, properties.projections().burstRate());
	}

	IngestLoad(int saturation, long graceNanos, long burstRate) {
		this.saturation = Math.max(1, saturation);
		this.graceNanos = graceNanos;
		this.burstRate = burstRate;
		java.util.Arrays.fill(ticks, Long.MIN_VALUE);
	}

	/** A batch being taken in, until closed. */
	interface Arrival extends AutoCloseable {

		@Override
		void close();
	}

	/** Counts a batch as arriving until the returned handle is closed. */
	Arrival arrive() {
		if (arriving.incrementAndGet() >= saturation) {
			markSaturated();
		}
		return () -> {
			if (arriving.getAndDecrement() >= saturation) {
				markSaturated(); // it stood saturated until now
			}
		};
	}

	private void markSaturated() {
		lastSaturated = System.nanoTime(); // elapsed time since, not a time of day
		saturatedOnce = true;
	}

	/** Counts the valid events of a batch just appended (new or repeated) into the last second's rate. */
	synchronized void taken(int count) {
		long tick = Math.floorDiv(System.nanoTime(), BUCKET_NANOS);
		int bucket = (int) Math.floorMod(tick, (long) BUCKETS);
		if (ticks[bucket] != tick) {
			ticks[bucket] = tick;
			events[bucket] = 0;
		}
		events[bucket] += count;
	}

	/** Events taken in over the last second (the current 100 ms and the nine before it). */
	synchronized long lastSecond() {
		long tick = Math.floorDiv(System.nanoTime(), BUCKET_NANOS);
		long sum = 0;
		for (int bucket = 0; bucket < BUCKETS; bucket++) {
			if (ticks[bucket] != Long.MIN_VALUE && tick - ticks[bucket] < BUCKETS) {
				sum += events[bucket];
			}
		}
		return sum;
	}

	/**
	 * Whether at least as many batches are arriving as the node has processors, now or within the grace period
	 * before now: ingest holds its cores.
	 */
	boolean saturated() {
		return arriving.get() >= saturation || (saturatedOnce && System.nanoTime() - lastSaturated < graceNanos);
	}

	/**
	 * Whether the node is in an ingest burst: its cores held ({@link #saturated()}) while it took in at least
	 * {@code burst-rate} events over the last second. A steady feed under that rate is never a burst, however
	 * long its requests take.
	 */
	boolean burst() {
		return burstRate > 0 && saturated() && lastSecond() >= burstRate;
	}

	/** How many batches arriving at once hold the node's cores: its processors. */
	int saturation() {
		return saturation;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("greenroom.ingest.arriving", arriving, AtomicInteger::get)
			.description("Batches of platform events this node is taking in right now (HTTP requests and Kafka polls)")
			.register(registry);
		Gauge.builder("greenroom.ingest.burst", this, load -> load.burst() ? 1 : 0)
			.description(
					"1 while this node is in an ingest burst: its projection workers wait while less than projections.burst-backlog events behind (never with 0)")
			.register(registry);
	}
}
