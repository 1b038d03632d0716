package com.greenroom.activity;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.events.EventType;
import com.greenroom.events.Money;
import com.greenroom.events.PlatformEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the activity projection over made-up streams before the node reports ready, in transactions that are rolled back:
 * a node started just before a burst has the projection's code compiled before the catch-up, not during it (stop 48: 8-10
 * of a fresh node's catch-up CPU seconds were the JIT compiler's). Nothing stays: the rows are rolled back, the batches
 * are announced to no listener (the milestone tracker reads a batch's qualifying events from the log, and these are in
 * none), and the creators and streams carry ids of this start's own ({@code warm-up-<random>-...}), so no other node's
 * or real creator's row is locked or read. An {@link ApplicationRunner}, like the ingest's warm-up: readiness waits for
 * it.
 * <p>
 * The batches are small and many, and their streams run on over several batches, because of how HotSpot compiles (stop
 * 50, read from flight recordings of the compiler): the projection's methods run once a batch, so a few big batches left
 * them in C1's profiling code, to be compiled by C2 only in the catch-up; and a path the warm-up never took (a stream
 * stored by an earlier batch, a room that ends empty) threw the compiled code away at the catch-up's first batches.
 * <p>
 * {@code greenroom.activity.warm-up-events} sets how many events (0: none); a node whose projections do not run
 * ({@code greenroom.events.projections.auto=false}) warms none.
 */
@Component
class ActivityWarmUp implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ActivityWarmUp.class);

	/**
	 * Events each creator has in each batch. A round's creators each have one stream, over the round's {@link #ROUND}
	 * batches: registered and started in the first, ended in the last.
	 */
	static final int EVENTS_PER_CREATOR = 25;

	/** Creators of a usual round: batches of 50 events, so the projection's methods are called often enough for C2. */
	static final int CREATORS = 2;

	/** Creators of every {@value #WIDE_EVERY}th round: batches of 1,000 events, so its loops also run long. */
	static final int WIDE_CREATORS = 40;

	static final int WIDE_EVERY = 25;

	/**
	 * Batches per transaction: a round's later batches come back to its creators and streams, whose rows its first batches
	 * wrote, so the projection reads stored creators, streams and days as a catch-up does.
	 */
	static final int ROUND = 4;

	private static final String[] ZONES = { "Asia/Jakarta", "America/Sao_Paulo", "Asia/Manila", "America/New_York", "Europe/Berlin",
			"Asia/Kolkata" };

	private static final BigDecimal[] GIFTS = { new BigDecimal("0.10"), new BigDecimal("1.00"), new BigDecimal("4.99"),
			new BigDecimal("25.00") };

	private final ActivityProjection projection;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final int events;

	ActivityWarmUp(ActivityProjection projection, PlatformTransactionManager transactions, Clock clock,
			@Value("${greenroom.activity.warm-up-events:100000}") int events,
			@Value("${greenroom.events.projections.auto:true}") boolean projectionsRun) {
		if (events < 0 || events > 10_000_000) {
			throw new IllegalArgumentException("greenroom.activity.warm-up-events must be between 0 and 10000000, not " + events);
		}
		this.projection = projection;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
		// a node that runs no projections has none to warm
		this.events = projectionsRun ? events : 0;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (events == 0) {
			return;
		}
		long started = System.nanoTime();
		String tag = "warm-up-" + Long.toHexString(new SecureRandom().nextLong() >>> 1);
		int applied = warmUp(tag, events);
		log.info("Warmed up the activity projection with {} made-up events (rolled back) in {} ms", applied,
				(System.nanoTime() - started) / 1_000_000);
	}

	/**
	 * Applies rounds of made-up events until at least {@code count} are applied, each round's {@value #ROUND} batches in a
	 * transaction that is rolled back; returns how many were applied.
	 */
	int warmUp(String tag, int count) {
		Instant now = clock.instant();
		int applied = 0;
		for (int round = 0; applied < count; round++) {
			int r = round;
			applied += transaction.execute(status -> {
				status.setRollbackOnly();
				int n = 0;
				for (int b = 0; b < ROUND; b++) {
					List<PlatformEvent> batch = batch(tag, r, b, now);
					projection.applyUnannounced(batch);
					n += batch.size();
				}
				return n;
			});
		}
		return applied;
	}

	/** Creators of round {@code round}. */
	static int creators(int round) {
		return round % WIDE_EVERY == WIDE_EVERY - 1 ? WIDE_CREATORS : CREATORS;
	}

	/**
	 * Batch {@code index} (0 to {@value #ROUND} - 1) of round {@code round}: {@value #EVENTS_PER_CREATOR} events of each of
	 * the round's creators, on its stream of a day of the last four weeks: viewers joining, gifting, following, subscribing,
	 * reporting and leaving; the first batch also registers the creators (in several time zones) and starts their streams,
	 * the last ends them. One stream in eight has no viewer at all, so its room ends empty; one creator in four is
	 * registered in the second batch, after the stream began; one stream in four has an event come late in each later
	 * batch.
	 */
	static List<PlatformEvent> batch(String tag, int round, int index, Instant now) {
		int creators = creators(round);
		List<PlatformEvent> batch = new ArrayList<>(creators * (EVENTS_PER_CREATOR + 2));
		for (int c = 0; c < creators; c++) {
			// the same stream in each of the round's batches: its start, its viewers and its clock come from one seed
			SplittableRandom stream = new SplittableRandom((long) round << 16 | c);
			String creatorId = tag + "-c" + round + "-" + c;
			String streamId = tag + "-s" + round + "-" + c;
			Instant start = now.minus(Duration.ofMinutes(24 * 60 + stream.nextLong(27 * 24 * 60)));
			int viewers = stream.nextInt(8) == 0 ? 0 : 1 + stream.nextInt(60);
			// as on a real platform, some creators are registered after their first stream began (the projection moves
			// their days from UTC to their zone), and some streams have an event arrive after later ones
			boolean registeredLate = stream.nextInt(4) == 0;
			boolean outOfOrder = stream.nextInt(4) == 0;
			// no two events of a warm-up share a seq or an id: each creator has room for a round's events
			long seq = (((long) round * WIDE_CREATORS + c) * ROUND + index) * (EVENTS_PER_CREATOR + 2);
			SplittableRandom random = new SplittableRandom(seq);
			if (index == (registeredLate ? 1 : 0)) {
				batch.add(event(++seq, tag, EventType.CREATOR_REGISTERED, start.minusSeconds(60), creatorId, null, null, null,
						Map.of("timezone", ZONES[c % ZONES.length], "country", "ID")));
			}
			if (index == 0) {
				batch.add(event(++seq, tag, EventType.STREAM_STARTED, start, creatorId, streamId, null, null,
						Map.of("title", "Warm-up live " + c, "category", "music")));
			}
			for (int n = 0; n < EVENTS_PER_CREATOR; n++) {
				// 45 s apart, less a jitter: later batches come later in the stream; an out-of-order stream's first event of a
				// later batch happened before the last ones of the batch before
				long step = outOfOrder && index > 0 && n == 0 ? index * EVENTS_PER_CREATOR - 3 : index * EVENTS_PER_CREATOR + n + 1;
				Instant at = start.plusSeconds(45L * step - random.nextInt(40));
				String viewer = tag + "-v" + (viewers == 0 ? 0 : random.nextInt(viewers));
				int kind = viewers == 0 ? 18 : random.nextInt(20);
				if (kind < 8) {
					batch.add(event(++seq, tag, EventType.VIEWER_JOINED, at, creatorId, streamId, viewer, null, Map.of()));
				}
				else if (kind < 14) {
					batch.add(event(++seq, tag, EventType.VIEWER_LEFT, at, creatorId, streamId, viewer, null, Map.of()));
				}
				else if (kind < 18) {
					BigDecimal usd = GIFTS[random.nextInt(GIFTS.length)];
					batch.add(event(++seq, tag, EventType.GIFT_SENT, at, creatorId, streamId, viewer, new Money(usd, "USD", usd), Map.of()));
				}
				else if (kind == 18) {
					batch.add(event(++seq, tag, random.nextBoolean() ? EventType.FOLLOW_CREATED : EventType.REPORT_FILED, at, creatorId, null,
							viewer, null, Map.of()));
				}
				else {
					batch.add(event(++seq, tag, EventType.SUBSCRIPTION_STARTED, at, creatorId, null, viewer,
							new Money(new BigDecimal("4.99"), "USD", new BigDecimal("4.99")), Map.of()));
				}
			}
			if (index == ROUND - 1) {
				batch.add(event(++seq, tag, EventType.STREAM_ENDED, start.plusSeconds(45L * (ROUND * EVENTS_PER_CREATOR + 1)), creatorId,
						streamId, null, null, Map.of()));
			}
		}
		return batch;
	}

	private static PlatformEvent event(long seq, String tag, EventType type, Instant at, String creatorId, String streamId, String viewerId,
			Money amount, Map<String, String> attributes) {
		return new PlatformEvent(seq, tag + "-e" + seq, type, at, creatorId, streamId, viewerId, amount, attributes);
	}
}
