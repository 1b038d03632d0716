package com.greenroom.events.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
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

import com.greenroom.events.PlatformEvent;
import com.greenroom.events.Projection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds every {@link Projection} the events appended after its stored position, a batch per
 * transaction that also advances the position, so each batch is applied exactly once. A node claims a
 * projection by locking its position row; others skip it meanwhile. Appends commit in seq order (see
 * {@link EventLogWriter#APPEND_LOCK}), so reading {@code seq > position} never passes over an event
 * that commits later.
 * <p>
 * With {@code greenroom.events.projections.auto} (the default) a dedicated thread polls every
 * {@code poll-delay} and right after an ingest commits; it is kept off the shared scheduler so a long
 * catch-up never delays other scheduled work.
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

	private final AtomicBoolean wakeUpPending = new AtomicBoolean();

	private volatile ScheduledExecutorService thread;

	/** When the last append committed (System.nanoTime), to tell a firehose from a quiet log. */
	private volatile long lastAppend = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

	ProjectionRunner(ObjectProvider<Projection> projections, JdbcClient jdbc, PlatformTransactionManager transactions,
			JdbcPlatformEventLog events, EventsProperties properties, Clock clock) {
		this.projections = projections;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.events = events;
		this.settings = properties.projections();
		this.clock = clock;
	}

	/** Runs the projections soon, on the runner's thread (no-op unless auto); called after each append commits. */
	public void wakeUp() {
		lastAppend = System.nanoTime();
		ScheduledExecutorService executor = thread;
		if (executor != null && wakeUpPending.compareAndSet(false, true)) {
			executor.execute(() -> {
				wakeUpPending.set(false);
				poll();
			});
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
				if (claim(projection, true).isEmpty()) {
					throw new IllegalStateException("No position row for projection " + projection.name());
				}
				projection.reset();
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
	 * Brings every projection up to the log, a batch of each in turn, so a slow projection never keeps
	 * another waiting. While events keep arriving (an append committed within the last poll delay) it
	 * rests between rounds for twice as long as the round took (at least the poll delay): ingest keeps
	 * about two thirds of the machine during a firehose, the projections fall behind (visible as
	 * {@code greenroom.projection.lag}) and catch up at full speed when the firehose ends.
	 */
	private void poll() {
		List<Projection> pending = new ArrayList<>(all());
		while (!pending.isEmpty() && thread != null) {
			long started = System.nanoTime();
			for (Iterator<Projection> it = pending.iterator(); it.hasNext();) {
				Projection projection = it.next();
				try {
					Integer done = transaction.execute(status -> applyNextBatch(projection, false));
					if (done == null || done < settings.batchSize()) {
						it.remove();
					}
				}
				catch (RuntimeException ex) {
					// the batch rolled back with the position; the next poll retries it
					log.error("Projection {} failed; it stays at its position and is retried", projection.name(), ex);
					it.remove();
				}
			}
			if (!pending.isEmpty()) {
				restWhileIngestIsBusy(System.nanoTime() - started);
			}
		}
	}

	private void restWhileIngestIsBusy(long roundNanos) {
		long pollDelay = settings.pollDelay().toNanos();
		if (System.nanoTime() - lastAppend > pollDelay) {
			return;
		}
		long until = System.nanoTime() + Math.min(Math.max(pollDelay, 2 * roundNanos), TimeUnit.SECONDS.toNanos(30));
		try {
			// back to work as soon as the firehose stops
			while (thread != null && System.nanoTime() < until && System.nanoTime() - lastAppend <= pollDelay) {
				Thread.sleep(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private long drain(Projection projection, boolean wait) {
		long applied = 0;
		int size;
		do {
			Integer done = transaction.execute(status -> applyNextBatch(projection, wait));
			size = done == null ? 0 : done;
			applied += size;
		}
		while (size == settings.batchSize());
		return applied;
	}

	/** One batch in the caller's transaction: claims the projection, applies, advances. Returns the batch size. */
	private int applyNextBatch(Projection projection, boolean wait) {
		Optional<Long> position = claim(projection, wait);
		if (position.isEmpty()) {
			return 0;
		}
		List<PlatformEvent> batch = events.after(position.get(), settings.batchSize());
		if (batch.isEmpty()) {
			return 0;
		}
		projection.apply(batch);
		advance(projection, batch.get(batch.size() - 1).seq());
		return batch.size();
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
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
				Thread t = new Thread(task, "projections");
				t.setDaemon(true);
				return t;
			});
			long delay = settings.pollDelay().toMillis();
			executor.scheduleWithFixedDelay(this::poll, delay, delay, TimeUnit.MILLISECONDS);
			thread = executor;
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = thread;
		thread = null;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return thread != null;
	}
}
