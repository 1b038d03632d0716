package com.greenroom.simulator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Moves a timeline's events into a sink in batches, no faster than {@code rate} events per second.
 * <p>
 * As a batch feed it sends everything as fast as allowed. As a live feed it sends each event once the
 * simulated time has reached its delivery time: history up to {@code catchUpFrom} goes at once (the
 * backfill), the time after it is replayed {@code speed} times faster than the clock until the
 * replay reaches the present, and from then on events go out as they happen. The simulated time never
 * runs ahead of the clock, so no event is sent before it occurred.
 * <p>
 * A time-lapse feed (the demo) instead runs the simulated future {@code speed} times faster than the
 * clock from {@code catchUpFrom} on, and stamps each of those events with the real time its simulated
 * time maps to, so a day of the platform plays out live, in current time, within minutes.
 */
final class Feed {

	/** Waits; tests replace it with one that advances a test clock. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

		Sleeper REAL = duration -> Thread.sleep(Math.max(1, duration.toMillis()));
	}

	/**
	 * Live pacing: send history up to {@code catchUpFrom} at once, replay the rest {@code speed} times
	 * faster; with {@code timeLapse}, the rest is the simulated future, restamped in real time, and the history
	 * is stamped {@code historyShift} later (so a time-lapse from a past {@code catchUpFrom} follows its history
	 * without a gap: the demo's, from the liveliest hour of the last day).
	 */
	record Pace(Instant catchUpFrom, double speed, boolean timeLapse, Duration historyShift) {

		Pace(Instant catchUpFrom, double speed) {
			this(catchUpFrom, speed, false, Duration.ZERO);
		}

		Pace(Instant catchUpFrom, double speed, boolean timeLapse) {
			this(catchUpFrom, speed, timeLapse, Duration.ZERO);
		}
	}

	private static final Duration LINGER = Duration.ofMillis(250);

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

	private final Timeline timeline;

	private final EventSink sink;

	private final Clock clock;

	private final Sleeper sleeper;

	private final int batchSize;

	private final double rate;

	private final Pace pace;

	private final Consumer<String> log;

	private Instant feedStart;

	/** Where the rate limit counts from; moved on when the receiver was slow, so the feed never bursts. */
	private Instant rateStart;

	private long sent;

	private Instant lastProgress;

	private long sentAtLastProgress;

	/** @param pace null for a batch feed; @param rate events per second, 0 for no limit */
	Feed(Timeline timeline, EventSink sink, Clock clock, Sleeper sleeper, int batchSize, double rate, Pace pace,
			Consumer<String> log) {
		this.timeline = timeline;
		this.sink = sink;
		this.clock = clock;
		this.sleeper = sleeper;
		this.batchSize = batchSize;
		this.rate = rate;
		this.pace = pace;
		this.log = log;
	}

	/** Runs until the timeline ends (never, for a live feed) or {@code stop} says so; returns what the sink made of it. */
	Tally run(BooleanSupplier stop) throws IOException, InterruptedException {
		feedStart = clock.instant();
		rateStart = feedStart;
		lastProgress = feedStart;
		boolean caughtUp = false;
		List<String> batch = new ArrayList<>(batchSize);
		while (!stop.getAsBoolean() && timeline.hasNext()) {
			Instant due = pace == null ? Instant.MAX : simulatedNow();
			while (batch.size() < batchSize && timeline.hasNext() && !timeline.peekDelivery().isAfter(due)) {
				batch.add(stamped(timeline.next()).toJson());
			}
			boolean full = batch.size() == batchSize;
			if (!batch.isEmpty()) {
				throttle(batch.size());
				sink.send(batch);
				sent += batch.size();
				batch.clear();
			}
			if (pace != null) {
				// a time-lapse sends events as they happen once its history is out
				if (!caughtUp && !full && !due.isBefore(pace.timeLapse() ? pace.catchUpFrom() : clock.instant())) {
					caughtUp = true;
					log.accept("Caught up with the present after " + sent + " events; now sending events as they happen");
				}
				reportProgress();
				if (!full) {
					sleeper.sleep(LINGER);
				}
			}
		}
		return sink.tally();
	}

	/**
	 * Where the live feed has got to: replaying {@code speed} times faster than the clock, never past the
	 * clock; in a time-lapse, past it (those events are restamped, see {@link #stamped}).
	 */
	private Instant simulatedNow() {
		Instant now = clock.instant();
		long elapsed = Duration.between(feedStart, now).toMillis();
		Instant replayed = pace.catchUpFrom().plusMillis((long) (elapsed * pace.speed()));
		return pace.timeLapse() || replayed.isBefore(now) ? replayed : now;
	}

	/**
	 * In a time-lapse, an event after {@code catchUpFrom} happens at the real time its simulated time maps to, and one
	 * before it {@code historyShift} later than simulated.
	 */
	private SimulatedEvent stamped(SimulatedEvent event) {
		if (pace == null || !pace.timeLapse()) {
			return event;
		}
		if (!event.occurredAt().isAfter(pace.catchUpFrom())) {
			return pace.historyShift().isZero() ? event : event.occurredAt(event.occurredAt().plus(pace.historyShift()));
		}
		long simulated = Duration.between(pace.catchUpFrom(), event.occurredAt()).toMillis();
		return event.occurredAt(feedStart.plusMillis((long) (simulated / pace.speed())));
	}

	private void throttle(int events) throws InterruptedException {
		if (rate <= 0) {
			return;
		}
		Instant allowedAt = rateStart.plusMillis((long) ((sent + events) * 1000 / rate));
		Duration wait = Duration.between(clock.instant(), allowedAt);
		if (!wait.isNegative() && !wait.isZero()) {
			sleeper.sleep(wait);
		}
		else if (wait.compareTo(Duration.ofSeconds(-5)) < 0) {
			// fell behind (a slow receiver): don't burst to make up for it
			rateStart = rateStart.plus(wait.negated().minusSeconds(5));
		}
	}

	private void reportProgress() {
		Instant now = clock.instant();
		Duration since = Duration.between(lastProgress, now);
		if (since.compareTo(PROGRESS_EVERY) >= 0) {
			double perSecond = (sent - sentAtLastProgress) * 1000.0 / Math.max(1, since.toMillis());
			log.accept("%.0f events/s over the last %d s; %s".formatted(perSecond, since.toSeconds(), sink.tally().summary()));
			lastProgress = now;
			sentAtLastProgress = sent;
		}
	}
}
