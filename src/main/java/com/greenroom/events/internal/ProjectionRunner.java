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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * Feeds every {@link Projection} the events appended after its stored position, a batch per
 * transaction that also advances the position, so each batch is applied exactly once. A node claims a
 * projection by locking its position row; others skip it meanwhile. The log reads only up to the seq
 * below which every append has ended ({@link AppendHorizon}), so reading {@code seq > position} never
 * passes over an event that commits later.
 * <p>
 * With {@code greenroom.events.projections.auto} (the default) each projection runs on a thread of its
 * own ({@code projection-<name>}), so a projection with a backlog (activity after a burst) never holds
 * another back (the roster keeps registering creators meanwhile), and two projections use two cores.
 * A thread drains its projection batch after batch until it is caught up, then waits for the next
 * append (woken {@value #WAKE_DELAY_MILLIS} ms after it, so a stream of small appends makes fewer, larger
 * batches) or for {@code poll-delay}. The threads are kept off the shared scheduler so a long catch-up
 * never delays other scheduled work.
 */
@Component
public class ProjectionRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ProjectionRunner.class);

	private final ObjectProvider<Projection> projections;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final JdbcPlatformEventLog events;

	private final EventsProperties.Projections settings;

	private final Clock clock;

	private final ProjectionQuarantine quarantine;

	private final AuditLog audit;

	private final EventMetrics metrics;

	/** How long after an append a caught-up projection runs again: appends in between join its batch. */
	static final long WAKE_DELAY_MILLIS = 50;

	/** One thread per projection while running in the background. */
	private volatile List<Worker> workers;

	/** A projection's own thread; {@code pending} while a wake-up is scheduled. */
	private record Worker(Projection projection, ScheduledExecutorService executor, AtomicBoolean pending) {
	}

	ProjectionRunner(ObjectProvider<Projection> projections, JdbcClient jdbc, PlatformTransactionManager transactions,
			JdbcPlatformEventLog events, EventsProperties properties, Clock clock, ProjectionQuarantine quarantine, AuditLog audit,
			EventMetrics metrics) {
		this.projections = projections;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.events = events;
		this.settings = properties.projections();
		this.clock = clock;
		this.quarantine = quarantine;
		this.audit = audit;
		this.metrics = metrics;
	}

	/** Runs each projection soon, on its own thread (no-op unless running in the background); called after each append commits. */
	public void wakeUp() {
		List<Worker> running = workers;
		if (running == null) {
			return;
		}
		for (Worker worker : running) {
			if (worker.pending().compareAndSet(false, true)) {
				try {
					worker.executor().schedule(() -> {
						worker.pending().set(false);
						drainInBackground(worker.projection());
					}, WAKE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
				}
				catch (java.util.concurrent.RejectedExecutionException ex) {
					worker.pending().set(false); // stopping
				}
			}
		}
	}

	/**
	 * Applies every committed event to every projection, waiting for a projection another thread or node
	 * is running; returns the number of events applied (summed over projections).
	 */
	public long catchUp() {
		long applied = 0;
		for (Projection projection : all()) {
			applied += drain(projection, true);
		}
		return applied;
	}

	/** Resets every projection and its position to zero, then replays the whole log into them. */
	public long rebuild() {
		for (Projection projection : all()) {
			transaction.executeWithoutResult(status -> {
				lock(projection);
				projection.reset();
				quarantine.clear(projection.name());
				advance(projection, 0);
			});
			log.info("Projection {} reset; replaying the event log", projection.name());
		}
		return catchUp();
	}

	/** Each projection's position: the seq of the last event it applied. */
	public Map<String, Long> positions() {
		Map<String, Long> positions = new LinkedHashMap<>();
		for (Projection projection : all()) {
			positions.put(projection.name(), jdbc.sql("select position from projection_position where name = :name")
				.param("name", projection.name())
				.query(Long.class)
				.optional()
				.orElse(0L));
		}
		return positions;
	}

	/**
	 * Applies batches of one projection until it is caught up (a batch shorter than the batch size), the
	 * runner stops, or another node holds it. A transient failure (connection, lock, shutdown) rolls back
	 * with the position; the next wake-up or poll retries.
	 */
	private void drainInBackground(Projection projection) {
		while (workers != null) {
			try {
				if (!step(projection, false).more()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				log.warn("Projection {} could not run ({}); it stays at its position and is retried", projection.name(), ex.toString());
				return;
			}
		}
	}

	private long drain(Projection projection, boolean wait) {
		long applied = 0;
		Step step;
		do {
			step = step(projection, wait);
			applied += step.applied();
		}
		while (step.more());
		return applied;
	}

	/** What one step of a projection did: events applied (or quarantined), and whether more may be waiting. */
	record Step(int applied, boolean more) {
	}

	/**
	 * Applies the next batch. When it fails for a reason other than a transient one, the batch is
	 * bisected: its first half is tried alone (and kept when it succeeds), then the half that still
	 * fails, down to the one event that fails on its own, which is quarantined and skipped. A poison
	 * event thus costs about 2·log2(batch size) short transactions, and the rest flows on.
	 */
	Step step(Projection projection, boolean wait) {
		int full = settings.batchSize();
		int[] read = new int[1];
		RuntimeException failure;
		try {
			int done = attempt(projection, wait, full, read);
			return new Step(done, done == full);
		}
		catch (RuntimeException ex) {
			if (isTransient(ex)) {
				throw ex;
			}
			failure = ex;
		}
		int applied = 0;
		int window = Math.max(1, read[0]);
		while (window > 1) {
			int half = window / 2;
			try {
				int done = attempt(projection, wait, half, read);
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
			applied += attempt(projection, wait, 1, read);
		}
		catch (RuntimeException ex) {
			if (isTransient(ex)) {
				throw ex;
			}
			failure = ex;
			Integer skipped = transaction.execute(status -> quarantineNext(projection, wait, ex));
			applied += skipped == null ? 0 : skipped;
		}
		log.debug("Projection {} bisected a failing batch ({})", projection.name(), failure.toString());
		return new Step(applied, true);
	}

	private int attempt(Projection projection, boolean wait, int limit, int[] read) {
		Integer done = transaction.execute(status -> applyNextBatch(projection, wait, limit, read));
		return done == null ? 0 : done;
	}

	/** Sets the next event aside with its error and moves the position past it. Returns 1, or 0 when there is none. */
	private int quarantineNext(Projection projection, boolean wait, RuntimeException error) {
		Optional<Long> position = claim(projection, wait);
		if (position.isEmpty()) {
			return 0;
		}
		List<PlatformEvent> next = events.after(position.get(), 1);
		if (next.isEmpty()) {
			return 0;
		}
		PlatformEvent event = next.get(0);
		QuarantinedEvent entry = quarantine.recordFailure(projection.name(), event, error);
		advance(projection, event.seq());
		audit.recordAs("platform", "projection_quarantine", entry.id(), "quarantined", null, null, entry);
		metrics.quarantined(projection.name());
		log.error("Projection {} cannot apply event {} (seq {}); quarantined as entry {} and skipped", projection.name(), event.id(),
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
					lock(projection);
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

	/** One batch of at most {@code limit} in the caller's transaction: claims the projection, applies, advances. Returns the batch size. */
	private int applyNextBatch(Projection projection, boolean wait, int limit, int[] read) {
		Optional<Long> position = claim(projection, wait);
		if (position.isEmpty()) {
			return 0;
		}
		List<PlatformEvent> batch = events.after(position.get(), limit);
		read[0] = batch.size();
		if (batch.isEmpty()) {
			return 0;
		}
		projection.apply(batch);
		advance(projection, batch.get(batch.size() - 1).seq());
		return batch.size();
	}

	/** Waits for the projection's position row lock (held until the transaction ends). */
	private void lock(Projection projection) {
		if (claim(projection, true).isEmpty()) {
			throw new IllegalStateException("No position row for projection " + projection.name());
		}
	}

	/** Locks the projection's position row and returns the position, or empty when another node holds it. */
	private Optional<Long> claim(Projection projection, boolean wait) {
		jdbc.sql("insert into projection_position (name, position) values (:name, 0) on conflict do nothing")
			.param("name", projection.name())
			.update();
		return jdbc.sql("select position from projection_position where name = :name for update" + (wait ? "" : " skip locked"))
			.param("name", projection.name())
			.query(Long.class)
			.optional();
	}

	private void advance(Projection projection, long position) {
		jdbc.sql("update projection_position set position = :position, updated_at = :now where name = :name")
			.param("position", position)
			.param("now", Timestamp.from(clock.instant()))
			.param("name", projection.name())
			.update();
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

	/** Runs every projection in the background, each on its own thread (what {@code auto} does at start-up). */
	public synchronized void startWorkers() {
		if (workers != null) {
			return;
		}
		List<Worker> started = new ArrayList<>();
		long delay = settings.pollDelay().toMillis();
		for (Projection projection : all()) {
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
				Thread t = new Thread(task, "projection-" + projection.name());
				t.setDaemon(true);
				return t;
			});
			executor.scheduleWithFixedDelay(() -> drainInBackground(projection), delay, delay, TimeUnit.MILLISECONDS);
			started.add(new Worker(projection, executor, new AtomicBoolean()));
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
