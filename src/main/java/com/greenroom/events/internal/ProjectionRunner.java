package com.greenroom.events.internal;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.audit.AuditLog;
import com.greenroom.events.PlatformEvent;
import com.greenroom.events.Projection;
import com.greenroom.system.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds every {@link Projection} the events appended after its stored positions, a batch per
 * transaction that also advances the positions, so each batch is applied exactly once.
 * <p>
 * Positions are kept per creator slot of the log ({@code platform_event.shard}, 0–63, from a hash of the
 * creator id): the seq up to which that slot's events are applied. A sharded projection
 * ({@link Projection#sharded()}) is worked in {@code shards} shards, a shard being the slots
 * {@code slot % shards = shard}; an unsharded one in a single shard holding every slot. A batch claims its
 * shard by locking the shard's position rows ({@code for update skip locked}): one thread of one node works
 * a shard at a time, the claim ends with the batch's transaction (so shards move to whichever thread or
 * node is free next), and a dead node's claims end with its connections. A batch reads the shard's events
 * up to {@link JdbcPlatformEventLog#lastSeq()}, the seq under which every append has ended
 * ({@link AppendHorizon}), so it never passes over an event that commits later; when it finds fewer
 * than a batch the shard's positions move up to that seq, so a quiet shard never holds the projection's
 * reported position back.
 * <p>
 * With {@code greenroom.events.projections.auto} (the default) a node runs {@code workers} threads
 * ({@code projection-worker-<n>}) that take the shards of every projection one batch at a time, the shard
 * taken longest ago first, until none has more (one projection holds at most all workers but one, so a long backlog or a
 * stuck batch never holds the others back); they are woken {@value #WAKE_DELAY_MILLIS} ms after an append (so a stream of
 * small appends makes fewer, larger batches) and every {@code poll-delay}. The threads are kept off the
 * shared scheduler so a long catch-up never delays other scheduled work.
 */
@Component
public class ProjectionRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ProjectionRunner.class);

	private static final int SLOTS = EventsProperties.Projections.SLOTS;

	private final ObjectProvider<Projection> projections;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final JdbcPlatformEventLog events;

	private final EventsProperties.Projections settings;

	private final Clock clock;

	private final ProjectionQuarantine quarantine;

	private final AuditLog audit;

	private final EventMetrics metrics;

	private final IngestLoad load;

	/** How long after an append a caught-up projection runs again: appends in between join its batch. */
	static final long WAKE_DELAY_MILLIS = 50;

	/** How many times in a row a catch-up or rebuild tries a batch that fails for a transient reason. */
	static final int FOREGROUND_ATTEMPTS = 5;

	/** This node's worker threads while running in the background. */
	private volatile List<Worker> workers;

	/** Every projection's shards, interleaved (shard 0 of each projection, then shard 1, ...), with their to-do flags. */
	private volatile List<Unit> units = List.of();

	/** A worker thread; {@code pending} while a wake-up is scheduled. */
	private record Worker(ScheduledExecutorService executor, AtomicBoolean pending) {
	}

	/**
	 * A shard in the background: {@code due} while it may have events to apply; {@code busy} counts this
	 * node's batches in flight of the shard's projection (shared by its shards); {@code taken} is when a worker
	 * last took it ({@link System#nanoTime()}, 0 before the first time): its waiting events are those appended
	 * since about then.
	 */
	record Unit(Shard shard, AtomicBoolean due, AtomicInteger busy, AtomicInteger limit, AtomicLong taken) {
	}

	/**
	 * How much of the worker thread's CPU a background batch should take: a shard whose full batch took more gets
	 * a smaller limit next time (and a larger one again, up to {@code batch-size}, when its batches are cheap), so
	 * no long batch holds a worker while other shards with fresh events wait their turn (the steady tail). The
	 * batch's own CPU, not its elapsed time: on a busy machine (an ingest burst, other processes) every batch
	 * takes longer without costing more, and shrinking the batches then only multiplies their fixed costs (a
	 * 500-event activity batch cost 141 µs per event against 54 µs for 20,000, docs/benchmarks.md "Projections,
	 * fourth pass"), so a catch-up under load fell behind further. About half of a batch's work is the worker's
	 * (decoding, the projection's Java), the rest PostgreSQL's: 150 ms of the worker's CPU is a batch of about
	 * 300 ms of work, some 6,000 activity events.
	 */
	static final long BATCH_TARGET_NANOS = 150_000_000L;

	/**
	 * The smallest background batch limit: per-batch costs (the read of the shard's slots, the claim, the
	 * summary and listeners' statements, streams split between batches read again) stay small beside the
	 * events' own.
	 */
	static final int MIN_BATCH = 2_000;

	/** The worker thread's CPU clock, when the JVM measures one (else elapsed time stands in for it). */
	private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

	/** Nanoseconds of this thread's CPU so far, or of elapsed time when thread CPU time is not measured. */
	static long batchClock() {
		if (THREADS.isCurrentThreadCpuTimeSupported()) {
			long cpu = THREADS.getCurrentThreadCpuTime();
			if (cpu >= 0) {
				return cpu;
			}
		}
		return System.nanoTime(); // elapsed time of the batch, not a time of day
	}

	/**
	 * The next batch limit of a shard after a batch of {@code applied} events under {@code limit} took
	 * {@code tookNanos} of the worker's CPU: a full batch over the target shrinks it in proportion (never below
	 * {@link #MIN_BATCH}); a batch under half the target lets it double (never above {@code max}).
	 */
	static int nextLimit(int limit, int applied, long tookNanos, int max) {
		if (applied >= limit && tookNanos > BATCH_TARGET_NANOS) {
			long scaled = (long) applied * BATCH_TARGET_NANOS / tookNanos;
			return (int) Math.min(max, Math.max(Math.min(MIN_BATCH, max), Math.min(limit, scaled)));
		}
		if (tookNanos < BATCH_TARGET_NANOS / 2) {
			return (int) Math.min(max, Math.max(1L, 2L * limit));
		}
		return Math.min(limit, max);
	}

	/**
	 * Whether a shard of {@code shards} is catching up: its last batch was full, and the shard still has about
	 * {@code catch-up-backlog} events or more to apply (the seqs of the log past its batch, of every shard's slots,
	 * divided by the projection's shard count: creators spread evenly over the slots).
	 */
	static boolean catchingUp(Step step, int shards, long catchUpBacklog) {
		return step.more() && catchingUp(step.behind(), shards, catchUpBacklog);
	}

	/** Whether a shard of {@code shards} with {@code behind} seqs of the log past its position is catching up. */
	static boolean catchingUp(long behind, int shards, long catchUpBacklog) {
		return catchUpBacklog > 0 && behind / Math.max(1, shards) >= catchUpBacklog;
	}

	/** The seq below which every append has ended: what projections may read up to now. */
	long horizon() {
		return events.lastSeq();
	}

	/**
	 * How many of each projection's shards are catching up at their positions ({@link #shardPositions}) against the
	 * log's {@code horizon}: they take (or will at their next batch) batches of {@link #catchUpLimit()}.
	 */
	Map<String, Long> shardsCatchingUp(Map<String, List<Long>> shardPositions, long horizon) {
		return shardsCatchingUp(shardPositions, horizon, settings.catchUpBacklog());
	}

	static Map<String, Long> shardsCatchingUp(Map<String, List<Long>> shardPositions, long horizon, long catchUpBacklog) {
		Map<String, Long> counts = new LinkedHashMap<>();
		shardPositions.forEach((name, positions) -> counts.put(name,
				positions.stream().filter(position -> catchingUp(Math.max(0, horizon - position), positions.size(), catchUpBacklog)).count()));
		return counts;
	}

	/**
	 * A background shard's next batch limit: {@code catch-up-batch-size} while it is catching up ({@link #catchingUp}),
	 * else kept near the CPU target ({@link #nextLimit}, up to {@code batch-size}).
	 */
	private int limitAfter(Step step, int shards, int limit, long tookNanos) {
		if (catchingUp(step, shards, settings.catchUpBacklog())) {
			return catchUpLimit();
		}
		return nextLimit(limit, step.applied(), tookNanos, settings.batchSize());
	}

	/** The limit of a catching-up shard's batches: {@code catch-up-batch-size}, never below {@code batch-size}. */
	int catchUpLimit() {
		return Math.max(settings.batchSize(), settings.catchUpBatchSize());
	}

	/**
	 * How many of this node's workers one projection may hold at once: all but one when there are several
	 * workers, so a projection with a long backlog (or a stuck batch) never holds every other back.
	 */
	private int perProjection() {
		return Math.max(1, settings.workers() - 1);
	}

	/**
	 * The creator slots {@code slot % count = index} of a projection: what one batch claims and reads.
	 * An unsharded projection has one shard of every slot.
	 */
	record Shard(Projection projection, int index, int count) {

		String name() {
			return projection.name();
		}

		@Override
		public String toString() {
			return count == 1 ? projection.name() : projection.name() + " shard " + index + "/" + count;
		}
	}

	ProjectionRunner(ObjectProvider<Projection> projections, JdbcClient jdbc, PlatformTransactionManager transactions,
			JdbcPlatformEventLog events, EventsProperties properties, Clock clock, ProjectionQuarantine quarantine, AuditLog audit,
			EventMetrics metrics, IngestLoad load) {
		this.projections = projections;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.events = events;
		this.settings = properties.projections();
		this.clock = clock;
		this.quarantine = quarantine;
		this.audit = audit;
		this.metrics = metrics;
		this.load = load;
	}

	/** Runs every shard soon on this node's workers (no-op unless running in the background); called after each append commits. */
	public void wakeUp() {
		List<Worker> running = workers;
		if (running == null) {
			return;
		}
		units.forEach(unit -> unit.due().set(true));
		for (Worker worker : running) {
			if (worker.pending().compareAndSet(false, true)) {
				try {
					worker.executor().schedule(() -> {
						worker.pending().set(false);
						drainInBackground();
					}, WAKE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
				}
				catch (java.util.concurrent.RejectedExecutionException ex) {
					worker.pending().set(false); // stopping
				}
			}
		}
	}

	/**
	 * Applies every committed event to every projection, shard by shard, waiting for a shard another
	 * thread or node is running; returns the number of events applied (summed over projections).
	 */
	public long catchUp() {
		long applied = 0;
		for (Projection projection : all()) {
			for (Shard shard : shardsOf(projection)) {
				applied += drain(shard, true);
			}
		}
		return applied;
	}

	/** Resets every projection and its positions to zero, then replays the whole log into them. */
	public long rebuild() {
		for (Projection projection : all()) {
			transaction.executeWithoutResult(status -> {
				lockAll(projection);
				projection.reset();
				quarantine.clear(projection.name());
				jdbc.sql("update projection_position set position = 0, updated_at = :now where name = :name")
					.param("now", Timestamp.from(clock.instant()))
					.param("name", projection.name())
					.update();
			});
			log.info("Projection {} reset; replaying the event log", projection.name());
		}
		return catchUp();
	}

	/**
	 * Each projection's position: the seq up to which every event is applied (the lowest of its slots'
	 * positions; 0 while a slot has none yet).
	 */
	public Map<String, Long> positions() {
		Map<String, Long> positions = new LinkedHashMap<>();
		for (Projection projection : all()) {
			positions.put(projection.name(),
					jdbc.sql("select case when count(*) < " + SLOTS + " then 0 else min(position) end from projection_position where name = :name")
						.param("name", projection.name())
						.query(Long.class)
						.optional()
						.orElse(0L));
		}
		return positions;
	}

	/** Each projection's shards as they are configured now, with each shard's position (the lowest of its slots'). */
	public Map<String, List<Long>> shardPositions() {
		Map<String, List<Long>> positions = new LinkedHashMap<>();
		for (Projection projection : all()) {
			List<Shard> shards = shardsOf(projection);
			int count = shards.size();
			Map<Integer, Long> bySlot = new java.util.HashMap<>();
			jdbc.sql("select slot, position from projection_position where name = :name")
				.param("name", projection.name())
				.query((rs, row) -> bySlot.put(rs.getInt(1), rs.getLong(2)))
				.list();
			List<Long> list = new ArrayList<>();
			for (int shard = 0; shard < count; shard++) {
				long min = Long.MAX_VALUE;
				for (int slot = shard; slot < SLOTS; slot += count) {
					min = Math.min(min, bySlot.getOrDefault(slot, 0L));
				}
				list.add(min);
			}
			positions.put(projection.name(), List.copyOf(list));
		}
		return positions;
	}

	/**
	 * A worker's run: takes due shards (shared with this node's other workers), the one taken longest ago first, one batch
	 * each, until none is due or the runner stops. A shard another node holds is skipped (that node works
	 * it); a transient failure rolls back with the positions, and the next wake-up or poll retries.
	 */
	private void drainInBackground() {
		while (workers != null) {
			deferToBurst();
			List<Unit> all = units;
			long now = System.nanoTime(); // elapsed time between a shard's batches, not a time of day
			Unit unit = nextDue(all, now, perProjection());
			if (unit == null) {
				return;
			}
			try {
				int limit = unit.limit().get();
				long previous = unit.taken().getAndSet(now);
				long started = batchClock();
				Step step = step(unit.shard(), false, limit);
				long took = batchClock() - started;
				if (step.applied() > 0 && log.isDebugEnabled()) {
					log.debug("Projection {} batch of {} events (limit {}): {} ms, {} ms of the worker's CPU, {} ms after its previous batch began",
							unit.shard(), step.applied(), limit, (System.nanoTime() - now) / 1_000_000, took / 1_000_000,
							previous == 0 ? -1 : (now - previous) / 1_000_000);
				}
				int next = limitAfter(step, unit.shard().count(), limit, took);
				unit.limit().set(next);
				if (next != limit) {
					log.debug("Projection {} batch limit {} -> {} (the batch's {} events took {} ms of the worker's CPU)", unit.shard(), limit, next,
							step.applied(), took / 1_000_000);
				}
				if (step.more()) {
					unit.due().set(true);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Projection {} could not run ({}); it stays at its position and is retried", unit.shard(), ex.toString());
			}
			finally {
				unit.busy().decrementAndGet();
			}
		}
	}

	/** How often a worker deferring to an ingest burst reads the projections' backlog again. */
	static final long BACKLOG_CHECK_NANOS = 250_000_000L;

	/**
	 * Waits while this node is in an ingest burst ({@link IngestLoad#burst()}) and no projection is
	 * {@code burst-backlog} events or more behind the log (read every {@link #BACKLOG_CHECK_NANOS}): the
	 * acknowledgements take the cores, and the projections catch up once the burst ends, or run as usual once it has put
	 * that many events before them, so what a burst holds back stays what a node catches up with in seconds. The module
	 * listeners wait with them ({@link ListenersWaitForProjections}), and the burst is noted for {@link #deferListeners}.
	 * Returns at once on a node whose projections do not run.
	 */
	void deferToBurst() {
		if (!load.burst()) {
			return;
		}
		long began = System.nanoTime(); // elapsed time of the wait, not a time of day
		lastBurstSeen = began;
		long bound = settings.burstBacklog();
		if (bound <= 0) {
			return;
		}
		long checked = began - BACKLOG_CHECK_NANOS;
		try {
			while (workers != null && load.burst()) {
				long now = System.nanoTime();
				lastBurstSeen = now;
				if (now - checked >= BACKLOG_CHECK_NANOS) {
					if (backlog() >= bound) {
						return;
					}
					checked = now;
				}
				Thread.sleep(10);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.warn("Projection backlog could not be read ({}); not deferring to the ingest burst", ex.toString());
		}
		finally {
			long waited = (System.nanoTime() - began) / 1_000_000;
			if (waited > 0) {
				log.debug("Projection worker deferred {} ms to an ingest burst", waited);
			}
		}
	}

	/** When a worker or listener last saw this node in an ingest burst ({@link System#nanoTime()}). */
	private volatile long lastBurstSeen = System.nanoTime() - Long.MAX_VALUE / 2;

	/**
	 * Where a module listener's task waits before it runs ({@link ListenersWaitForProjections}): as the projection workers
	 * do during an ingest burst ({@link #deferToBurst}), then, within {@code listener-hold} of the burst's end, while a
	 * projection is {@code catch-up-backlog} events or more behind the log (read every {@link #BACKLOG_CHECK_NANOS}): the
	 * burst's follow-ups run once its events are visible. A node that was in no burst lately never waits here (a steady
	 * feed, however far behind, keeps its listeners running beside the projections), and a projection that stays behind
	 * after a burst delays the follow-ups by the hold at most. Returns at once on a node whose projections do not run.
	 */
	void deferListeners() {
		deferToBurst();
		long bound = settings.catchUpBacklog();
		long hold = settings.listenerHold().toNanos();
		if (bound <= 0 || hold <= 0) {
			return;
		}
		long began = System.nanoTime(); // elapsed time of the wait, not a time of day
		try {
			while (workers != null && System.nanoTime() - lastBurstSeen < hold && backlog() >= bound) {
				Thread.sleep(BACKLOG_CHECK_NANOS / 1_000_000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.warn("Projection backlog could not be read ({}); the module listeners do not wait for the catch-up", ex.toString());
		}
		finally {
			long waited = (System.nanoTime() - began) / 1_000_000;
			if (waited > 0) {
				log.debug("Module listener waited {} ms for the projections to catch up after a burst", waited);
			}
		}
	}

	/** How many seqs of the log the furthest-behind projection has yet to pass: the log's safe horizon less its position. */
	long backlog() {
		return backlog(positions(), horizon());
	}

	/** {@link #backlog()} from positions ({@link #positions()}) and a horizon ({@link #horizon()}) already read. */
	long backlog(Map<String, Long> positions, long horizon) {
		long lowest = positions.values().stream().mapToLong(Long::longValue).min().orElse(horizon);
		return Math.max(0, horizon - lowest);
	}

	/**
	 * The next shard due whose projection has a worker to spare, taken (its flag cleared, its projection's
	 * busy count raised) so no other worker of this node takes it too; null when there is none. Of those, the
	 * one taken longest ago ({@link #servesFirst}): a shard passed over while its projection had no worker to
	 * spare is the first served when one frees, instead of waiting for a round over every other shard. {@code cap}: how
	 * many workers one projection may hold ({@link #perProjection}).
	 */
	static Unit nextDue(List<Unit> all, long now, int cap) {
		while (true) {
			Unit oldest = null;
			for (Unit unit : all) {
				if (unit.due().get() && unit.busy().get() < cap
						&& (oldest == null || servesFirst(unit.taken().get(), oldest.taken().get(), now))) {
					oldest = unit;
				}
			}
			if (oldest == null) {
				return null;
			}
			int busy = oldest.busy().get();
			if (busy >= cap || !oldest.busy().compareAndSet(busy, busy + 1)) {
				continue; // another worker took a batch of its projection meanwhile: look again
			}
			if (oldest.due().compareAndSet(true, false)) {
				return oldest;
			}
			oldest.busy().decrementAndGet(); // another worker took this shard meanwhile
		}
	}

	/**
	 * Whether a shard last taken at {@code taken} goes before one taken at {@code other} (nanoTime values, 0 for
	 * never, which goes first): the one that has waited longer at {@code now}, compared as elapsed times so the
	 * counter's wrap does not matter. On a tie the earlier shard in {@link #units} keeps its place.
	 */
	static boolean servesFirst(long taken, long other, long now) {
		if (taken == 0 || other == 0) {
			return taken == 0 && other != 0;
		}
		return now - taken > now - other;
	}

	/**
	 * Runs a shard's batches until it is caught up, in batches of {@code batch-size}, or {@code catch-up-batch-size} while it
	 * is catching up ({@link #catchingUp}). A batch that fails for a transient reason (a deadlock with
	 * another writer, a lost connection) rolled back with its position, so it is tried again as it is, up to
	 * {@link #FOREGROUND_ATTEMPTS} times in a row, before the failure is thrown: a rebuild does not stop on one
	 * deadlock.
	 */
	private long drain(Shard shard, boolean wait) {
		long applied = 0;
		int failures = 0;
		int limit = settings.batchSize();
		while (true) {
			Step step;
			try {
				step = step(shard, wait, limit);
			}
			catch (RuntimeException ex) {
				if (!isTransient(ex) || ++failures >= FOREGROUND_ATTEMPTS) {
					throw ex;
				}
				log.warn("Projection {} batch failed ({}); trying it again ({} of {})", shard, ex.toString(), failures + 1, FOREGROUND_ATTEMPTS);
				pause(failures * 100L);
				continue;
			}
			failures = 0;
			applied += step.applied();
			if (!step.more()) {
				return applied;
			}
			limit = catchingUp(step, shard.count(), settings.catchUpBacklog()) ? catchUpLimit() : settings.batchSize();
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting to retry a projection batch", ex);
		}
	}

	/**
	 * What one step of a shard did: events applied (or quarantined), whether more may be waiting, and how many seqs of
	 * the log lay past its full batch (0 after a shorter batch, or one bisected around a failure).
	 */
	record Step(int applied, boolean more, long behind) {

		Step(int applied, boolean more) {
			this(applied, more, 0);
		}
	}

	/**
	 * Applies the next batch. When it fails for a reason other than a transient one, the batch is
	 * bisected: its first half is tried alone (and kept when it succeeds), then the half that still
	 * fails, down to the one event that fails on its own, which is quarantined and skipped. A poison
	 * event thus costs about 2·log2(batch size) short transactions, and the rest flows on.
	 */
	Step step(Shard shard, boolean wait) {
		return step(shard, wait, settings.batchSize());
	}

	/** As {@link #step(Shard, boolean)}, with at most {@code full} events in the batch. */
	Step step(Shard shard, boolean wait, int full) {
		long[] read = new long[2];
		RuntimeException failure;
		try {
			int done = attempt(shard, wait, full, read);
			return new Step(done, done == full, done == full ? read[1] : 0);
		}
		catch (RuntimeException ex) {
			if (isTransient(ex)) {
				throw ex;
			}
			failure = ex;
		}
		int applied = 0;
		int window = (int) Math.max(1, read[0]);
		while (window > 1) {
			int half = window / 2;
			try {
				int done = attempt(shard, wait, half, read);
				applied += done;
				if (done < half) {
					// the log (or this node's claim) ended inside the first half: nothing failed this time
					return new Step(applied, false);
				}
				window -= half;
			}
			catch (RuntimeException ex) {
				if (isTransient(ex)) {
					throw ex;
				}
				failure = ex;
				window = half;
			}
		}
		try {
			applied += attempt(shard, wait, 1, read);
		}
		catch (RuntimeException ex) {
			if (isTransient(ex)) {
				throw ex;
			}
			failure = ex;
			Integer skipped = transaction.execute(status -> quarantineNext(shard, wait, ex));
			applied += skipped == null ? 0 : skipped;
		}
		log.debug("Projection {} bisected a failing batch ({})", shard, failure.toString());
		return new Step(applied, true);
	}

	private int attempt(Shard shard, boolean wait, int limit, long[] read) {
		Integer done = transaction.execute(status -> applyNextBatch(shard, wait, limit, read));
		return done == null ? 0 : done;
	}

	/** Sets the next event aside with its error and moves the position past it. Returns 1, or 0 when there is none. */
	private int quarantineNext(Shard shard, boolean wait, RuntimeException error) {
		Map<Integer, Long> positions = claim(shard, wait);
		if (positions.isEmpty()) {
			return 0;
		}
		// the whole event (all its fields), for the quarantine's entry
		List<PlatformEvent> next = events.afterInSlots(positions, events.lastSeq(), 1, shard.projection().types(), null, null);
		if (next.isEmpty()) {
			return 0;
		}
		PlatformEvent event = next.get(0);
		QuarantinedEvent entry = quarantine.recordFailure(shard.name(), event, error);
		// the first event of the shard's slots: no other slot of the shard has one before it
		advance(shard, positions, event.seq());
		audit.recordAs("platform", "projection_quarantine", entry.id(), "quarantined", null, null, entry);
		metrics.quarantined(shard.name());
		log.error("Projection {} cannot apply event {} (seq {}); quarantined as entry {} and skipped", shard, event.id(),
				event.seq(), entry.id(), error);
		return 1;
	}

	/**
	 * Failures that say nothing about the events: no connection, a deadlock or serialization failure,
	 * too little memory or disk, the server shutting down. The batch is retried as it is, later.
	 */
	static boolean isTransient(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
					&& TRANSIENT_SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
				return true;
			}
		}
		return false;
	}

	/** Connection exception, transaction rollback, insufficient resources, operator intervention, system error. */
	private static final java.util.Set<String> TRANSIENT_SQL_STATE_CLASSES = java.util.Set.of("08", "40", "53", "57", "58");

	/**
	 * Applies a quarantined event to its projection on its own, under the projection's claim so the
	 * runner is not mid-batch. On success the entry is removed; on failure its attempts and error are
	 * updated. Audited either way.
	 */
	public RetryOutcome retry(long entryId) {
		QuarantinedEvent entry = quarantine.find(entryId)
			.orElseThrow(() -> new NotFoundException("quarantined event", entryId));
		Projection projection = all().stream().filter(p -> p.name().equals(entry.projection())).findFirst().orElse(null);
		try {
			RetryOutcome outcome = transaction.execute(status -> {
				if (projection != null) {
					lockAll(projection);
				}
				List<PlatformEvent> found = events.after(entry.eventSeq() - 1, 1);
				if (projection == null || found.isEmpty() || found.get(0).seq() != entry.eventSeq()) {
					quarantine.remove(entry.id());
					audit.record("projection_quarantine", entry.id(), "dropped (event or projection no longer exists)", null, entry, null);
					return new RetryOutcome(entry.id(), RetryOutcome.GONE, null);
				}
				projection.apply(found);
				quarantine.remove(entry.id());
				audit.record("projection_quarantine", entry.id(), "retried: applied", null, entry, null);
				return new RetryOutcome(entry.id(), RetryOutcome.APPLIED, null);
			});
			log.info("Quarantined event {} of projection {} applied on retry", entry.eventId(), entry.projection());
			return outcome;
		}
		catch (RuntimeException ex) {
			if (isTransient(ex)) {
				throw ex;
			}
			return transaction.execute(status -> {
				PlatformEvent event = events.after(entry.eventSeq() - 1, 1).get(0);
				QuarantinedEvent updated = quarantine.recordFailure(entry.projection(), event, ex);
				audit.record("projection_quarantine", entry.id(), "retried: failed again", null, entry, updated);
				return new RetryOutcome(entry.id(), RetryOutcome.FAILED, updated.error());
			});
		}
	}

	/** Retries every quarantined event, oldest first. */
	public List<RetryOutcome> retryAll() {
		return quarantine.allIds().stream().map(this::retry).toList();
	}

	/** What a retry did: {@code APPLIED} (entry removed), {@code FAILED} (still quarantined, with the new error) or {@code GONE}. */
	public record RetryOutcome(long id, String outcome, String error) {

		static final String APPLIED = "APPLIED";

		static final String FAILED = "FAILED";

		static final String GONE = "GONE";
	}

	/**
	 * One batch of at most {@code limit} in the caller's transaction: claims the shard, applies its next
	 * events, advances its slots. Returns the batch size; {@code read} gets it too, and the seqs of the log
	 * past the batch's last event.
	 */
	private int applyNextBatch(Shard shard, boolean wait, int limit, long[] read) {
		Map<Integer, Long> positions = claim(shard, wait);
		if (positions.isEmpty()) {
			return 0;
		}
		long upTo = events.lastSeq();
		long started = System.nanoTime(); // elapsed time for the debug line, not a time of day
		List<PlatformEvent> batch = read(shard, positions, upTo, limit);
		read[0] = batch.size();
		read[1] = batch.isEmpty() ? 0 : Math.max(0, upTo - batch.get(batch.size() - 1).seq());
		if (!batch.isEmpty()) {
			shard.projection().apply(batch);
			log.debug("Projection {} applied {} events up to seq {} in {} ms (limit {})", shard, batch.size(), batch.get(batch.size() - 1).seq(),
					(System.nanoTime() - started) / 1_000_000, limit);
		}
		// a full batch holds every event of the shard's slots up to its last; a shorter one, all up to upTo
		advance(shard, positions, batch.size() == limit ? batch.get(batch.size() - 1).seq() : upTo);
		return batch.size();
	}

	/**
	 * The shard's next events after its slots' positions, up to {@code upTo}: only the types its projection
	 * is fed ({@link Projection#types()}), with only the attributes and fields it reads ({@link Projection#attributesOf()},
	 * {@link Projection#fieldsOf()}).
	 */
	private List<PlatformEvent> read(Shard shard, Map<Integer, Long> positions, long upTo, int limit) {
		Projection projection = shard.projection();
		return events.afterInSlots(positions, upTo, limit, projection.types(), projection.attributesOf(), projection.fieldsOf());
	}

	/** Waits for every position row of the projection (held until the transaction ends): no batch of it runs meanwhile. */
	private void lockAll(Projection projection) {
		claim(new Shard(projection, 0, 1), true);
	}

	/**
	 * Locks the shard's position rows (made at 0 when missing) and returns each slot's position, or
	 * nothing when another thread or node holds them. Without {@code wait}, slots held elsewhere are left
	 * out (possible only while nodes run with different shard counts): the batch works the rest.
	 */
	private Map<Integer, Long> claim(Shard shard, boolean wait) {
		jdbc.sql("""
				insert into projection_position (name, slot, position)
				select :name, s, 0 from generate_series(0, %d) as s where s %% :count = :index
				on conflict do nothing""".formatted(SLOTS - 1))
			.param("name", shard.name())
			.param("count", shard.count())
			.param("index", shard.index())
			.update();
		Map<Integer, Long> positions = new TreeMap<>();
		jdbc.sql("select slot, position from projection_position where name = :name and slot % :count = :index order by slot for update"
				+ (wait ? "" : " skip locked"))
			.param("name", shard.name())
			.param("count", shard.count())
			.param("index", shard.index())
			.query((rs, row) -> positions.put(rs.getInt(1), rs.getLong(2)))
			.list();
		return positions;
	}

	/** Moves the claimed slots up to {@code position} (never back: a slot may be ahead after the shard count changed). */
	private void advance(Shard shard, Map<Integer, Long> claimed, long position) {
		jdbc.sql("""
				update projection_position set position = :position, updated_at = :now
				where name = :name and slot = any(:slots) and position < :position""")
			.param("position", position)
			.param("now", Timestamp.from(clock.instant()))
			.param("name", shard.name())
			.param("slots", claimed.keySet().stream().map(Integer::shortValue).toArray(Short[]::new))
			.update();
	}

	private List<Shard> shardsOf(Projection projection) {
		int count = projection.sharded() ? settings.shards() : 1;
		List<Shard> shards = new ArrayList<>(count);
		for (int index = 0; index < count; index++) {
			shards.add(new Shard(projection, index, count));
		}
		return shards;
	}

	private List<Projection> all() {
		return projections.orderedStream().toList();
	}

	@Override
	public void start() {
		if (settings.auto()) {
			startWorkers();
		}
	}

	/** Runs the projections in the background on {@code workers} threads (what {@code auto} does at start-up). */
	public synchronized void startWorkers() {
		if (workers != null) {
			return;
		}
		List<List<Shard>> byProjection = all().stream().map(this::shardsOf).toList();
		List<Unit> interleaved = new ArrayList<>();
		List<AtomicInteger> busy = byProjection.stream().map(list -> new AtomicInteger()).toList();
		int most = byProjection.stream().mapToInt(List::size).max().orElse(0);
		for (int index = 0; index < most; index++) {
			for (int p = 0; p < byProjection.size(); p++) {
				List<Shard> list = byProjection.get(p);
				if (index < list.size()) {
					interleaved.add(new Unit(list.get(index), new AtomicBoolean(true), busy.get(p), new AtomicInteger(settings.batchSize()),
							new AtomicLong()));
				}
			}
		}
		units = List.copyOf(interleaved);
		List<Worker> started = new ArrayList<>();
		long delay = settings.pollDelay().toMillis();
		for (int n = 0; n < settings.workers(); n++) {
			String name = "projection-worker-" + n;
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
				Thread t = new Thread(task, name);
				t.setDaemon(true);
				return t;
			});
			executor.scheduleWithFixedDelay(() -> {
				units.forEach(unit -> unit.due().set(true));
				drainInBackground();
			}, delay, delay, TimeUnit.MILLISECONDS);
			started.add(new Worker(executor, new AtomicBoolean()));
		}
		workers = List.copyOf(started);
	}

	/** Stops the background threads, letting each finish its current batch. */
	public synchronized void stopWorkers() {
		List<Worker> running = workers;
		workers = null;
		if (running == null) {
			return;
		}
		running.forEach(w -> w.executor().shutdown());
		for (Worker worker : running) {
			try {
				worker.executor().awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void stop() {
		stopWorkers();
	}

	@Override
	public boolean isRunning() {
		return workers != null;
	}
}
