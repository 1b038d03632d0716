package com.greenroom.events.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

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

	/** A second, in nanoseconds. */
	private static final long SECOND_NANOS = 1_000_000_000L;

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

	/**
	 * When the current run of intake began: the first batch taken in after a second without any ({@link #nanos}), and its
	 * bucket's tick; guarded by this.
	 */
	private long runStart;

	private long runTick;

	/** The events of the batch that began the current run of intake; guarded by this. */
	private long runFirst;

	/** Elapsed time in nanoseconds ({@link System#nanoTime()}; a test's own in unit tests). */
	private final LongSupplier nanos;

	@Autowired
	IngestLoad(EventsProperties properties) {
		this(Runtime.getRuntime().availableProcessors(), GRACE_NANOS, properties.projections().burstRate());
	}

	IngestLoad(int saturation, long graceNanos, long burstRate) {
		this(saturation, graceNanos, burstRate, System::nanoTime);
	}

	IngestLoad(int saturation, long graceNanos, long burstRate, LongSupplier nanos) {
		this.saturation = Math.max(1, saturation);
		this.graceNanos = graceNanos;
		this.burstRate = burstRate;
		this.nanos = nanos;
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
		lastSaturated = nanos.getAsLong(); // elapsed time since, not a time of day
		saturatedOnce = true;
	}

	/**
	 * Counts the valid events of a batch taken in (read, before its append) into the last second's rate. The first batch
	 * after a second without any begins a run of intake ({@link #rate}).
	 */
	synchronized void taken(int count) {
		long now = nanos.getAsLong();
		long tick = Math.floorDiv(now, BUCKET_NANOS);
		if (sum(tick) == 0) {
			runStart = now;
			runTick = tick;
			runFirst = count;
		}
		int bucket = (int) Math.floorMod(tick, (long) BUCKETS);
		if (ticks[bucket] != tick) {
			ticks[bucket] = tick;
			events[bucket] = 0;
		}
		events[bucket] += count;
	}

	/** Events taken in over the last second (the current 100 ms and the nine before it). */
	synchronized long lastSecond() {
		return sum(Math.floorDiv(nanos.getAsLong(), BUCKET_NANOS));
	}

	/**
	 * Events per second taken in: those of the last second; while the run of intake is younger than a second, its events
	 * after its first batch over its age plus 100 ms. A burst is then known from its second batch rather than a second
	 * into it, when the projections would have taken batches of it beside the acknowledgements (stop 47: 2.6 CPU s more
	 * of PostgreSQL on a fresh node's million events). The first batch is left out, so a lone batch is never a burst
	 * however large, and the 100 ms keep a feed's batches under its rate (batches every 100 ms count at their rate from
	 * the second on). A run is young while its first batch's bucket is among the last second's (so its age is under a
	 * second, and the count holds that batch); older, it is rated by its last second's count.
	 */
	synchronized long rate() {
		long now = nanos.getAsLong();
		long tick = Math.floorDiv(now, BUCKET_NANOS);
		long sum = sum(tick);
		boolean young = sum > 0 && tick - runTick < BUCKETS;
		return young ? (sum - runFirst) * SECOND_NANOS / (now - runStart + BUCKET_NANOS) : sum;
	}

	/** The events of the buckets of the second up to {@code tick}. */
	private long sum(long tick) {
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
		return arriving.get() >= saturation || (saturatedOnce && nanos.getAsLong() - lastSaturated < graceNanos);
	}

	/**
	 * Whether the node is in an ingest burst: its cores held ({@link #saturated()}) while it takes in at least
	 * {@code burst-rate} events a second ({@link #rate}). A steady feed under that rate is never a burst, however
	 * long its requests take (within the first second of a run of intake, only while its first batches come faster).
	 */
	boolean burst() {
		return burstRate > 0 && saturated() && rate() >= burstRate;
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
