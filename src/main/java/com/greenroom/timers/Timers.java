package com.greenroom.timers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Schedules, cancels and fires durable timers. Scheduling joins the caller's transaction, so a timer exists
 * exactly when the change that asked for it commits. {@link #fireDue} claims due timers in batches with
 * {@code FOR UPDATE SKIP LOCKED} (two nodes never claim one timer) and fires each in a savepoint of the
 * claiming transaction: the handler's writes and the FIRED mark commit together.
 */
@Service
public class Timers {

	private static final Logger log = LoggerFactory.getLogger(Timers.class);

	static final int BATCH = 100;

	static final int MAX_ATTEMPTS = 8;

	private final JdbcClient jdbc;

	private final Clock clock;

	/** The handler beans, looked up on first use: a handler may itself depend on {@code Timers}. */
	private final ObjectProvider<TimerHandler> handlerBeans;

	private volatile Map<String, TimerHandler> handlers;

	private final TransactionTemplate batch;

	private final TransactionTemplate savepoint;

	Timers(JdbcClient jdbc, ObjectProvider<TimerHandler> handlerBeans, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.handlerBeans = handlerBeans;
		this.batch = new TransactionTemplate(transactions);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Schedules a timer, or moves a pending (or cancelled) one with the same key to the new instant and
	 * payload. A timer that already fired or failed for good is left as it is: one key fires at most once.
	 * Returns whether a timer is now pending under the key.
	 */
	@Transactional
	public boolean schedule(TimerRequest request) {
		return jdbc.sql("""
				insert into timer (kind, timer_key, due_at, payload, status, created_at)
				values (:kind, :key, :due, :payload, 'PENDING', :now)
				on conflict (timer_key) do update
				set due_at = excluded.due_at, payload = excluded.payload, status = 'PENDING', attempts = 0, last_error = null
				where timer.status in ('PENDING', 'CANCELLED') and timer.kind = excluded.kind""")
			.param("kind", request.kind())
			.param("key", request.key())
			.param("due", Timestamp.from(request.dueAt()))
			.param("payload", request.payload())
			.param("now", Timestamp.from(clock.instant()))
			.update() == 1;
	}

	/** Cancels the pending timer under the key; returns whether there was one. */
	@Transactional
	public boolean cancel(String key) {
		return jdbc.sql("update timer set status = 'CANCELLED' where timer_key = :key and status = 'PENDING'")
			.param("key", key)
			.update() == 1;
	}

	public Optional<Timer> find(String key) {
		return jdbc.sql("select * from timer where timer_key = :key").param("key", key).query(Timers::timer).optional();
	}

	/** Puts a failed timer back to pending, due at {@code now}; returns whether it was failed. */
	@Transactional
	public boolean retry(long id, Instant now) {
		return jdbc.sql("""
				update timer set status = 'PENDING', due_at = :now, attempts = 0, last_error = null
				where id = :id and status = 'FAILED'""").param("id", id).param("now", Timestamp.from(now)).update() == 1;
	}

	/**
	 * Fires every timer due at {@code now}, batch after batch, until none is left that this node can claim;
	 * returns how many fired. Safe to call on any number of nodes at once.
	 */
	public int fireDue(Instant now) {
		int fired = 0;
		while (true) {
			int[] round = batch.execute(status -> fireBatch(now));
			fired += round[0];
			if (round[1] < BATCH) {
				return fired;
			}
		}
	}

	/** One transaction: claims up to {@link #BATCH} due timers and fires each; answers {fired, claimed}. */
	private int[] fireBatch(Instant now) {
		List<Timer> due = jdbc.sql("""
				select * from timer where status = 'PENDING' and due_at <= :now
				order by due_at limit :batch for update skip locked""")
			.param("now", Timestamp.from(now))
			.param("batch", BATCH)
			.query(Timers::timer)
			.list();
		int fired = 0;
		for (Timer timer : due) {
			TimerHandler handler = handlers().get(timer.kind());
			if (handler == null) {
				markFailed(timer, "no handler for timer kind " + timer.kind());
				continue;
			}
			try {
				savepoint.executeWithoutResult(status -> handler.fire(timer));
				jdbc.sql("update timer set status = 'FIRED', fired_at = :now, attempts = attempts + 1 where id = :id")
					.param("now", Timestamp.from(now))
					.param("id", timer.id())
					.update();
				fired++;
			}
			catch (RuntimeException ex) {
				log.warn("Timer {} ({}) failed on attempt {}", timer.key(), timer.kind(), timer.attempts() + 1, ex);
				if (timer.attempts() + 1 >= MAX_ATTEMPTS) {
					markFailed(timer, describe(ex));
				}
				else {
					jdbc.sql("""
							update timer set attempts = attempts + 1, last_error = :error, due_at = :retry where id = :id""")
						.param("error", describe(ex))
						.param("retry", Timestamp.from(now.plus(backoff(timer.attempts() + 1))))
						.param("id", timer.id())
						.update();
				}
			}
		}
		return new int[] { fired, due.size() };
	}

	private Map<String, TimerHandler> handlers() {
		Map<String, TimerHandler> byKind = handlers;
		if (byKind == null) {
			byKind = new HashMap<>();
			for (TimerHandler handler : handlerBeans.orderedStream().toList()) {
				TimerHandler previous = byKind.put(handler.kind(), handler);
				if (previous != null) {
					throw new IllegalStateException("Two timer handlers of kind " + handler.kind() + ": "
							+ previous.getClass().getName() + " and " + handler.getClass().getName());
				}
			}
			handlers = byKind;
		}
		return byKind;
	}

	private void markFailed(Timer timer, String reason) {
		jdbc.sql("update timer set status = 'FAILED', attempts = attempts + 1, last_error = :error where id = :id")
			.param("error", reason)
			.param("id", timer.id())
			.update();
	}

	/** 10 s after the first failure, doubling, at most an hour. */
	static Duration backoff(int failures) {
		long seconds = 10L << Math.min(failures - 1, 9);
		return Duration.ofSeconds(Math.min(seconds, 3600));
	}

	private static String describe(RuntimeException ex) {
		String message = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
		return message.length() > 1000 ? message.substring(0, 1000) : message;
	}

	private static Timer timer(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Timestamp fired = rs.getTimestamp("fired_at");
		return new Timer(rs.getLong("id"), rs.getString("kind"), rs.getString("timer_key"),
				rs.getTimestamp("due_at").toInstant(), rs.getString("payload"), TimerStatus.valueOf(rs.getString("status")),
				rs.getInt("attempts"), rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
				fired == null ? null : fired.toInstant());
	}
}
