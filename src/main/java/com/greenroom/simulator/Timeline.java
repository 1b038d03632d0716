package com.greenroom.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The platform's events in delivery order, generated one day at a time so memory stays bounded and a
 * live feed can run for as long as it is wanted. Creators register at random instants over the
 * simulated days; each day every creator may stream in their local evening.
 * <p>
 * Why flushing is safe: a generation step covers one 24-hour window {@code [D, D + 1 day)}; every
 * event a later step makes happens at or after {@code D + 1 day} (registrations by construction,
 * streams because they start at 14:00 local or later on a local date no earlier than the step's), and
 * delivery is never before the event, so everything due before that instant is final.
 */
final class Timeline implements Iterator<SimulatedEvent> {

	private static final Comparator<SimulatedEvent> DELIVERY = Comparator.comparing(SimulatedEvent::deliverAt)
		.thenComparingLong(SimulatedEvent::order);

	private static final Duration DAY = Duration.ofDays(1);

	private final SimulationOptions options;

	private final boolean endless;

	private final List<CreatorLife> creators = new ArrayList<>();

	private final SplittableRandom disorder;

	private final PriorityQueue<SimulatedEvent> pending = new PriorityQueue<>(DELIVERY);

	private final ArrayDeque<SimulatedEvent> ready = new ArrayDeque<>();

	private long order;

	private int step;

	private boolean exhausted;

	/**
	 * @param endless keep streaming after {@code options.days()} (registrations still stop there); for
	 * live feeds
	 */
	Timeline(SimulationOptions options, boolean endless) {
		this.options = options;
		this.endless = endless;
		SplittableRandom master = new SplittableRandom(options.seed());
		String namespace = namespace(options);
		long periodMillis = DAY.multipliedBy(options.days()).toMillis();
		for (int i = 1; i <= options.creators(); i++) {
			SplittableRandom own = master.split();
			Instant registeredAt = options.start().plusMillis((long) (periodMillis * own.nextDouble()));
			creators.add(new CreatorLife(i, namespace, own, registeredAt));
		}
		// a separate stream, so disorder changes delivery but never the events themselves
		this.disorder = new SplittableRandom(options.seed() ^ 0x9E3779B97F4A7C15L);
	}

	List<CreatorLife> creators() {
		return creators;
	}

	@Override
	public boolean hasNext() {
		while (ready.isEmpty() && !exhausted) {
			generateNextDay();
		}
		return !ready.isEmpty();
	}

	@Override
	public SimulatedEvent next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		return ready.poll();
	}

	/** The delivery time of the next event, generating ahead if needed; null when there is none. */
	Instant peekDelivery() {
		return hasNext() ? ready.peek().deliverAt() : null;
	}

	private void generateNextDay() {
		Instant from = options.start().plus(DAY.multipliedBy(step));
		Instant to = from.plus(DAY);
		for (CreatorLife creator : creators) {
			if (!creator.registeredAt.isBefore(from) && creator.registeredAt.isBefore(to)) {
				creator.register(this::accept);
			}
		}
		for (CreatorLife creator : creators) {
			creator.liveOn(LocalDate.ofInstant(from.plus(Duration.ofHours(12)), creator.zone), this::accept);
		}
		step++;
		boolean last = !endless && step >= options.days();
		while (!pending.isEmpty() && (last || pending.peek().deliverAt().isBefore(to))) {
			ready.add(pending.poll());
		}
		exhausted = last;
	}

	private void accept(SimulatedEvent event) {
		SimulatedEvent numbered = event.deliveredAt(event.occurredAt(), order++);
		if (options.disorder() > 0 && disorder.nextDouble() < options.disorder()) {
			double kind = disorder.nextDouble();
			if (kind < 0.4) {
				// late: held back by the platform for minutes to hours
				long delay = (long) Math.min(Duration.ofHours(12).toMillis(), Draws.exponential(disorder, 3_600_000));
				numbered = numbered.deliveredAt(numbered.occurredAt().plusMillis(delay), numbered.order());
			}
			else if (kind < 0.8) {
				// out of order: overtaken by events of the next seconds or minutes
				numbered = numbered.deliveredAt(numbered.occurredAt().plusMillis(1000 + disorder.nextLong(180_000)), numbered.order());
			}
			else {
				// duplicate: the platform retries a send that had in fact arrived
				pending.add(numbered.deliveredAt(numbered.occurredAt().plusMillis(disorder.nextLong(900_000)), order++));
			}
		}
		pending.add(numbered);
	}

	/** A short tag in every id, so runs with different options never collide in one Greenroom. */
	static String namespace(SimulationOptions options) {
		long mixed = options.seed() * 0x9E3779B97F4A7C15L;
		mixed ^= options.start().getEpochSecond() * 0xC2B2AE3D27D4EB4FL;
		mixed ^= ((long) options.creators() << 32) ^ options.days();
		mixed = (mixed ^ (mixed >>> 31)) * 0xBF58476D1CE4E5B9L;
		return String.format("%06x", (mixed >>> 40) & 0xFFFFFF);
	}
}
