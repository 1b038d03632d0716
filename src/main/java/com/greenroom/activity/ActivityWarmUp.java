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
 * {@code greenroom.activity.warm-up-events} sets how many events (0: none); a node whose projections do not run
 * ({@code greenroom.events.projections.auto=false}) warms none.
 */
@Component
class ActivityWarmUp implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ActivityWarmUp.class);

	/** Events per batch, and creators in each (50 events each: a stream of joins, leaves and gifts). */
	static final int BATCH = 5_000;

	static final int CREATORS_PER_BATCH = 100;

	/**
	 * Batches per transaction: a round's later batches come back to its creators, whose rows its first batch wrote, so the
	 * projection reads stored creators and days as a catch-up does.
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
		warmUp(tag, events);
		log.info("Warmed up the activity projection with {} made-up events (rolled back) in {} ms", events,
				(System.nanoTime() - started) / 1_000_000);
	}

	/**
	 * Applies {@code count} made-up events in batches of {@value #BATCH}, {@value #ROUND} batches to a transaction that is
	 * rolled back.
	 */
	void warmUp(String tag, int count) {
		Instant now = clock.instant();
		for (int round = 0; round * BATCH * ROUND < count; round++) {
			int first = round * BATCH * ROUND;
			transaction.executeWithoutResult(status -> {
				status.setRollbackOnly();
				for (int from = first; from < Math.min(count, first + BATCH * ROUND); from += BATCH) {
					projection.apply(batch(tag, from, Math.min(count, from + BATCH), now), false);
				}
			});
		}
	}

	/**
	 * The warm-up's events {@code from} to {@code to}: {@value #CREATORS_PER_BATCH} creators a batch, each with one stream of
	 * the batch's share of events (a start, viewers joining, gifting, following, subscribing, reporting and leaving, an end),
	 * on a day of the last four weeks. A round's batches share their creators; its first also registers them (one event
	 * more each), in several time zones.
	 */
	static List<PlatformEvent> batch(String tag, int from, int to, Instant now) {
		SplittableRandom random = new SplittableRandom(from);
		int batchNo = from / BATCH;
		int perCreator = Math.max(2, (to - from) / CREATORS_PER_BATCH);
		List<PlatformEvent> batch = new ArrayList<>(to - from + CREATORS_PER_BATCH);
		// room for the registrations: no two events of a warm-up share a seq or an id
		long seq = (long) batchNo * (BATCH + CREATORS_PER_BATCH);
		for (int c = 0; c < CREATORS_PER_BATCH; c++) {
			int creator = batchNo / ROUND * CREATORS_PER_BATCH + c;
			String creatorId = tag + "-c" + creator;
			String streamId = tag + "-s" + batchNo + "-" + c;
			Instant at = now.minus(Duration.ofMinutes(random.nextLong(28 * 24 * 60)));
			if (batchNo % ROUND == 0) {
				batch.add(event(++seq, tag, EventType.CREATOR_REGISTERED, at.minusSeconds(60), creatorId, null, null, null,
						Map.of("timezone", ZONES[creator % ZONES.length], "country", "ID")));
			}
			batch.add(event(++seq, tag, EventType.STREAM_STARTED, at, creatorId, streamId, null, null,
					Map.of("title", "Warm-up live " + c, "category", "music")));
			for (int n = 2; n < perCreator; n++) {
				at = at.plusSeconds(1 + random.nextInt(90));
				String viewer = tag + "-v" + random.nextInt(60);
				int kind = random.nextInt(20);
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
			batch.add(event(++seq, tag, EventType.STREAM_ENDED, at.plusSeconds(30), creatorId, streamId, null, null, Map.of()));
		}
		return batch;
	}

	private static PlatformEvent event(long seq, String tag, EventType type, Instant at, String creatorId, String streamId, String viewerId,
			Money amount, Map<String, String> attributes) {
		return new PlatformEvent(seq, tag + "-e" + seq, type, at, creatorId, streamId, viewerId, amount, attributes);
	}
}
