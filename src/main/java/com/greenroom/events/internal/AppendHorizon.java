package com.greenroom.events.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The log's safe high-water mark: the largest seq L such that every append that could hold a seq ≤ L
 * has ended (committed or rolled back), so a reader that has read everything up to L can never later
 * miss an event below it. Appends run in parallel, so seqs commit out of order; readers (the projection
 * runner) read only up to L.
 * <p>
 * How it is exact. Every append takes the shared advisory lock {@value #LOCK_CLASS}/{@value #LOCK_OBJECT} before it
 * reserves its seqs, and holds it to the end of its transaction: {@code platform_event_seq_reserve} (V332) takes
 * it, then moves the sequence past a block of consecutive seqs under an advisory lock of its own
 * ({@value #LOCK_CLASS}/1004, held for that moment only). PostgreSQL releases transaction locks after the commit is
 * flushed and visible. Shared locks do not conflict, so appends never wait for each other here. To find L, a reader
 * <ol>
 * <li>reads V = the sequence's last value (the sequence has no cache and a reservation moves it to the
 * last seq of its block, so V is the largest seq handed out to anyone), and only then</li>
 * <li>lists the transactions (virtual transaction ids) holding or awaiting that lock in
 * {@code pg_locks}.</li>
 * </ol>
 * Any append that holds a seq ≤ V drew it before step 1, so it took the lock before step 2: it is in
 * the list, or had already ended. Any append not in the list takes the lock after step 2, hence draws
 * its seqs after step 1: they are all greater than V. So once every listed transaction has ended, every
 * seq ≤ V is final: committed (and visible to a later statement's snapshot) or never to appear (a
 * rolled-back append leaves a gap that readers pass over). With nobody listed, L = V at once; otherwise
 * the snapshot is remembered and L becomes V at the first look after its appenders are gone. A virtual
 * transaction id names one transaction, so a pooled connection running the next append is not taken
 * for the last. This works across nodes: the lock table is the database's.
 * <p>
 * Readers must read with a snapshot taken after L was found (READ COMMITTED, as every transaction here).
 * The alternative, an {@code xid8} column and {@code pg_snapshot_xmin}, costs 8 bytes and a column per
 * event on the append path; this costs two small queries per projection batch.
 */
@Component
class AppendHorizon {

	/** The advisory lock every append holds (shared) from before it draws a seq to its end: two int4 keys. */
	static final int LOCK_CLASS = 736_420;

	static final int LOCK_OBJECT = 1_003;

	private static final String LOCK_FILTER = "locktype = 'advisory' and classid = " + LOCK_CLASS + " and objid = " + LOCK_OBJECT
			+ " and objsubid = 2 and database = (select oid from pg_database where datname = current_database())";

	private final JdbcClient jdbc;

	/** Every seq up to here is final. */
	private long released;

	/** A last value seen while appends were in flight, waiting for them to end. */
	private Snapshot pending;

	private record Snapshot(long lastValue, List<String> appenders) {
	}

	AppendHorizon(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The largest seq that readers may read up to now (0 for an empty log). */
	synchronized long safeSeq() {
		long lastValue = jdbc.sql("select case when is_called then last_value else 0 end from platform_event_seq")
			.query(Long.class)
			.single();
		if (lastValue < released) {
			// the sequence was set back (a restored or reset database): start over
			released = 0;
			pending = null;
		}
		List<String> appenders = jdbc.sql("select virtualtransaction from pg_locks where " + LOCK_FILTER).query(String.class).list();
		if (pending != null && pending.appenders().stream().noneMatch(appenders::contains)) {
			// a transaction that has left the lock table has ended; its vxid never comes back
			released = Math.max(released, pending.lastValue());
			pending = null;
		}
		if (appenders.isEmpty()) {
			released = Math.max(released, lastValue);
			pending = null;
		}
		else if (pending == null) {
			pending = new Snapshot(lastValue, appenders);
		}
		return released;
	}
}
