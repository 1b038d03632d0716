package com.greenroom.timers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Viewer;
import com.greenroom.system.ConflictException;
import com.greenroom.system.Cursor;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Schedules, cancels and fires durable timers. Scheduling joins the caller's transaction, so a timer exists
 * exactly when the change that asked for it commits. {@link #fireDue} claims due timers in batches with
 * {@code FOR UPDATE SKIP LOCKED} (two nodes never claim one timer) and fires each in a savepoint of the
 * claiming transaction; one statement per batch marks the fired ones FIRED, so the handlers' writes and the FIRED
 * marks commit together.
 */
@Service
public class Timers implements org.springframework.beans.factory.SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(Timers.class);

	static final int BATCH = 100;

	static final int MAX_ATTEMPTS = 8;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final java.util.function.Supplier<List<TimerHandler>> handlerSource;

	private volatile Map<String, TimerHandler> handlers;

	private final TransactionTemplate batch;

	private final TransactionTemplate savepoint;

	private final TimerMetrics metrics;

	private final AuditLog audit;

	/** Handlers are looked up lazily: a handler may itself use {@code Timers} (to schedule its next run). */
	@org.springframework.beans.factory.annotation.Autowired
	Timers(JdbcClient jdbc, org.springframework.beans.factory.ObjectProvider<TimerHandler> handlers, PlatformTransactionManager transactions,
			Clock clock, TimerMetrics metrics, AuditLog audit) {
		this(jdbc, () -> handlers.orderedStream().toList(), transactions, clock, metrics, audit);
	}

	Timers(JdbcClient jdbc, java.util.function.Supplier<List<TimerHandler>> handlers, PlatformTransactionManager transactions, Clock clock,
			TimerMetrics metrics, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.metrics = metrics;
		this.handlerSource = handlers;
		this.batch = new TransactionTemplate(transactions);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** Fails the start-up when two handlers claim one kind. */
	@Override
	public void afterSingletonsInstantiated() {
		handlers();
	}

	private Map<String, TimerHandler> handlers() {
		Map<String, TimerHandler> byKind = handlers;
		if (byKind == null) {
			byKind = new HashMap<>();
			for (TimerHandler handler : handlerSource.get()) {
				TimerHandler previous = byKind.put(handler.kind(), handler);
				if (previous != null) {
					throw new IllegalStateException("Two timer handlers of kind " + handler.kind() + ": " + previous.getClass().getName()
							+ " and " + handler.getClass().getName());
				}
			}
			handlers = byKind;
		}
		return byKind;
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

	/**
	 * Schedules a timer unless one exists under the key, whatever its status: for idempotent seeding at
	 * start-up, which must neither move a pending timer nor re-arm one that fired. Returns whether it added one.
	 */
	@Transactional
	public boolean scheduleIfAbsent(TimerRequest request) {
		return jdbc.sql("""
				insert into timer (kind, timer_key, due_at, payload, status, created_at)
				values (:kind, :key, :due, :payload, 'PENDING', :now)
				on conflict (timer_key) do nothing""")
			.param("kind", request.kind())
			.param("key", request.key())
			.param("due", Timestamp.from(request.dueAt()))
			.param("payload", request.payload())
			.param("now", Timestamp.from(clock.instant()))
			.update() == 1;
	}

	/**
	 * {@link #schedule} for many timers in one statement per thousand: for modules that arm a timer per
	 * creator when a rule changes. Same rules per key (a pending or cancelled timer moves, a fired or
	 * failed one stays). Returns how many are now pending under their keys.
	 */
	@Transactional
	public int scheduleAll(java.util.Collection<TimerRequest> requests) {
		int pending = 0;
		// one row per key: a statement may not touch a row twice (the last request of a key wins)
		Map<String, TimerRequest> byKey = new LinkedHashMap<>();
		requests.forEach(r -> byKey.put(r.key(), r));
		List<TimerRequest> all = List.copyOf(byKey.values());
		for (int from = 0; from < all.size(); from += 1000) {
			List<TimerRequest> chunk = all.subList(from, Math.min(all.size(), from + 1000));
			pending += jdbc.sql("""
					insert into timer (kind, timer_key, due_at, payload, status, created_at)
					select k.kind, k.timer_key, k.due_at, k.payload, 'PENDING', :now
					from unnest(cast(:kinds as text[]), cast(:keys as text[]), cast(:dues as timestamptz[]), cast(:payloads as text[]))
					     as k (kind, timer_key, due_at, payload)
					on conflict (timer_key) do update
					set due_at = excluded.due_at, payload = excluded.payload, status = 'PENDING', attempts = 0, last_error = null
					where timer.status in ('PENDING', 'CANCELLED') and timer.kind = excluded.kind""")
				.param("kinds", chunk.stream().map(TimerRequest::kind).toArray(String[]::new))
				.param("keys", chunk.stream().map(TimerRequest::key).toArray(String[]::new))
				.param("dues", chunk.stream().map(r -> r.dueAt().toString()).toArray(String[]::new))
				.param("payloads", chunk.stream().map(TimerRequest::payload).toArray(String[]::new))
				.param("now", Timestamp.from(clock.instant()))
				.update();
		}
		return pending;
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

	public Optional<Timer> find(long id) {
		return jdbc.sql("select * from timer where id = :id").param("id", id).query(Timers::timer).optional();
	}

	/** How many timers there are of each kind in each status, by kind then status. */
	public List<Count> counts() {
		return jdbc.sql("select kind, status, count(*) as n from timer group by kind, status order by kind, status")
			.query((rs, n) -> new Count(rs.getString("kind"), TimerStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
	}

	/** The number of timers of one kind in one status. */
	public record Count(String kind, TimerStatus status, long count) {
	}

	/**
	 * One page of timers, optionally of one status and kind: pending ones next due first, any other status (or
	 * all) latest due first; keyset-paged by (due instant, id).
	 */
	public PageOf<Timer> page(TimerStatus status, String kind, String cursor, int limit) {
		boolean ascending = status == TimerStatus.PENDING;
		Optional<Cursor> after = Cursor.parse(cursor);
		Instant afterDue = after.map(Cursor::instantKey).orElse(null);
		String sql = "select * from timer where true" + (status == null ? "" : " and status = :status")
				+ (kind == null ? "" : " and kind = :kind")
				+ (afterDue == null ? "" : ascending ? " and (due_at, id) > (:afterDue, :afterId)" : " and (due_at, id) < (:afterDue, :afterId)")
				+ (ascending ? " order by due_at, id" : " order by due_at desc, id desc") + " limit :limit";
		var query = jdbc.sql(sql).param("limit", limit + 1);
		if (status != null) {
			query = query.param("status", status.name());
		}
		if (kind != null) {
			query = query.param("kind", kind);
		}
		if (afterDue != null) {
			query = query.param("afterDue", Timestamp.from(afterDue)).param("afterId", after.get().id());
		}
		return PageOf.fromOverfetch(query.query(Timers::timer).list(), limit, t -> new Cursor(t.dueAt().toString(), t.id()));
	}

	/**
	 * An admin puts a failed timer back to pending, due now, audited in the same transaction. 404 for no such
	 * timer, 409 when it is not failed.
	 */
	@Transactional
	public Timer retry(Viewer viewer, long id) {
		if (!viewer.isAdmin()) {
			throw new AccessDeniedException("Only admins retry timers");
		}
		Timer before = find(id).orElseThrow(() -> new NotFoundException("Timer", id));
		if (before.status() != TimerStatus.FAILED) {
			throw new ConflictException("status", "timer " + id + " is " + before.status() + "; only a FAILED timer can be retried");
		}
		retry(id, clock.instant());
		Timer after = find(id).orElseThrow();
		Map<String, Object> was = new LinkedHashMap<>();
		was.put("status", before.status().name());
		was.put("attempts", before.attempts());
		was.put("lastError", before.lastError());
		Map<String, Object> now = new LinkedHashMap<>();
		now.put("status", after.status().name());
		now.put("attempts", after.attempts());
		now.put("dueAt", after.dueAt().toString());
		audit.record("timer", before.key(), "retried", null, was, now);
		return after;
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
			Round round = batch.execute(status -> fireBatch(now));
			// counted once the batch committed: a rolled-back batch fired nothing
			round.outcomes().forEach(metrics::record);
			fired += round.fired();
			if (round.claimed() < BATCH) {
				return fired;
			}
		}
	}

	/** What one batch did: how many it claimed, and each firing's outcome. */
	private record Round(int claimed, int fired, List<TimerMetrics.Outcome> outcomes) {
	}

	/**
	 * One transaction: claims up to {@link #BATCH} due timers and fires each in its own savepoint (a failing
	 * handler rolls back only its own writes and only its timer is retried), then marks every timer that fired in
	 * one statement, each with the instant its handler returned.
	 */
	private Round fireBatch(Instant now) {
		List<Timer> due = jdbc.sql("""
				select * from timer where status = 'PENDING' and due_at <= :now
				order by due_at limit :batch for update skip locked""")
			.param("now", Timestamp.from(now))
			.param("batch", BATCH)
			.query(Timers::timer)
			.list();
		// Handlers lock what their timer is about (a ticket row, say) until the batch commits. Two nodes firing
		// batches that share those things would deadlock if they took them in different orders, so every batch
		// fires in one global order: by kind and subject (the key up to its second ':', e.g. "ticket:42"), and by
		// due time within a subject, so a ticket's warning still fires before its breach.
		due = new java.util.ArrayList<>(due);
		due.sort(FIRING_ORDER);
		List<TimerMetrics.Outcome> outcomes = new java.util.ArrayList<>(due.size());
		List<Long> firedIds = new java.util.ArrayList<>(due.size());
		List<String> firedAts = new java.util.ArrayList<>(due.size());
		for (Timer timer : due) {
			TimerHandler handler = handlers().get(timer.kind());
			if (handler == null) {
				markFailed(timer, "no handler for timer kind " + timer.kind());
				outcomes.add(TimerMetrics.Outcome.failed(timer.kind()));
				continue;
			}
			try {
				savepoint.executeWithoutResult(status -> handler.fire(timer));
				// the moment it fired, not when the poll began (a long batch would understate the delay)
				Instant firedAt = later(now, clock.instant());
				firedIds.add(timer.id());
				firedAts.add(firedAt.toString());
				outcomes.add(TimerMetrics.Outcome.fired(timer.kind(), Duration.between(timer.dueAt(), firedAt)));
			}
			catch (RuntimeException ex) {
				outcomes.add(TimerMetrics.Outcome.failed(timer.kind()));
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
		if (!firedIds.isEmpty()) {
			jdbc.sql("""
					update timer set status = 'FIRED', fired_at = fired.at, attempts = timer.attempts + 1
					from unnest(cast(:ids as bigint[]), cast(cast(:ats as text[]) as timestamptz[])) as fired (id, at)
					where timer.id = fired.id""")
				.param("ids", firedIds.toArray(Long[]::new))
				.param("ats", firedAts.toArray(String[]::new))
				.update();
		}
		return new Round(due.size(), firedIds.size(), outcomes);
	}

	static final java.util.Comparator<Timer> FIRING_ORDER = java.util.Comparator.comparing(Timer::kind)
		.thenComparing(timer -> subject(timer.key()))
		.thenComparing(Timer::dueAt)
		.thenComparing(Timer::key);

	/** What a timer key is about: the key up to its second ':' ("ticket:42" of "ticket:42:v1:first-response:warning"). */
	static String subject(String key) {
		int first = key.indexOf(':');
		int second = first < 0 ? -1 : key.indexOf(':', first + 1);
		return second < 0 ? key : key.substring(0, second);
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
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
