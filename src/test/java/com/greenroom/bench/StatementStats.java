package com.greenroom.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What PostgreSQL's statements cost over a window of a benchmark, per event a projection applied in it, from
 * {@code pg_stat_statements} (the server started with
 * {@code --greenroom.postgres-settings.shared-preload-libraries=pg_stat_statements}): {@link #begin} resets the
 * statistics and notes the projection's slot positions and the WAL position, {@link #print} counts the log's events
 * between the positions then and now and prints the statements that took the most time, each with its calls, rows,
 * time and shared blocks per applied event. Not a test: load-independent figures beside a run's noisy wall clock.
 */
final class StatementStats {

	private final Connection db;

	private final String projection;

	private final Map<Integer, Long> positions = new HashMap<>();

	private long walAtBegin;

	/** Each activity table's rows inserted, updated, updated in place (HOT) and deleted so far, at {@link #begin}. */
	private final Map<String, long[]> tablesAtBegin = new HashMap<>();

	private StatementStats(Connection db, String projection) {
		this.db = db;
		this.projection = projection;
	}

	/** Null (with a line saying why) when the server has no pg_stat_statements loaded. */
	static StatementStats open(Connection db, String projection) {
		try (Statement statement = db.createStatement()) {
			statement.execute("create extension if not exists pg_stat_statements");
			statement.executeQuery("select 1 from pg_stat_statements limit 1").close();
			return new StatementStats(db, projection);
		}
		catch (SQLException ex) {
			System.out.println("  (no statement figures: " + ex.getMessage().lines().findFirst().orElse("") + ")");
			return null;
		}
	}

	void begin() throws SQLException {
		positions.clear();
		try (Statement statement = db.createStatement()) {
			statement.executeQuery("select pg_stat_statements_reset()").close();
			try (ResultSet rs = statement.executeQuery("select pg_current_wal_lsn() - '0/0'::pg_lsn")) {
				rs.next();
				walAtBegin = rs.getLong(1);
			}
		}
		tablesAtBegin.clear();
		tablesAtBegin.putAll(tables());
		try (PreparedStatement statement = db.prepareStatement("select slot, position from projection_position where name = ?")) {
			statement.setString(1, projection);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					positions.put(rs.getInt(1), rs.getLong(2));
				}
			}
		}
	}

	private Map<String, long[]> tables() throws SQLException {
		Map<String, long[]> tables = new java.util.TreeMap<>();
		try (Statement statement = db.createStatement();
				ResultSet rs = statement.executeQuery(
						"select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del from pg_stat_user_tables where relname like 'activity%'")) {
			while (rs.next()) {
				tables.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) });
			}
		}
		return tables;
	}

	/** The statements of the window, the {@code top} that took the most time, per event the projection applied. */
	void print(String title, int top) throws SQLException {
		long applied;
		try (PreparedStatement statement = db.prepareStatement("""
				select count(*) from projection_position p join platform_event e on e.shard = p.slot and e.seq <= p.position
				where p.name = ? and e.seq > coalesce((select x.position from unnest(cast(? as int[]), cast(? as bigint[])) as x(slot, position)
				                                      where x.slot = p.slot), 0)""")) {
			statement.setString(1, projection);
			statement.setArray(2, db.createArrayOf("int", positions.keySet().toArray()));
			statement.setArray(3, db.createArrayOf("bigint", positions.keySet().stream().map(positions::get).toArray()));
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				applied = rs.getLong(1);
			}
		}
		long wal;
		try (Statement statement = db.createStatement();
				ResultSet rs = statement.executeQuery("select pg_current_wal_lsn() - '0/0'::pg_lsn")) {
			rs.next();
			wal = rs.getLong(1) - walAtBegin;
		}
		System.out.printf("%s: %,d events applied by %s; WAL %.1f MB (%.0f bytes per applied event, all writers)%n", title, applied,
				projection, wal / 1e6, wal / (double) Math.max(1, applied));
		if (applied == 0) {
			return;
		}
		double n = applied;
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("""
				select sum(total_exec_time), sum(calls), sum(shared_blks_hit), sum(shared_blks_read), sum(shared_blks_dirtied),
				       sum(shared_blks_written), sum(wal_bytes)
				from pg_stat_statements where query ~* 'activity_'""")) {
			rs.next();
			System.out.printf("  statements on activity_ tables: %.1f µs, %.4f calls, blocks hit %.2f read %.3f dirtied %.3f written %.3f,"
					+ " WAL %.0f bytes, per applied event%n", rs.getDouble(1) * 1000 / n, rs.getDouble(2) / n, rs.getDouble(3) / n,
					rs.getDouble(4) / n, rs.getDouble(5) / n, rs.getDouble(6) / n, rs.getDouble(7) / n);
		}
		// the backends report their table counts about once a second
		try {
			Thread.sleep(1_500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		System.out.println("  rows per applied event, by table: inserted | updated | of those in place (HOT) | deleted");
		for (Map.Entry<String, long[]> table : tables().entrySet()) {
			long[] now = table.getValue();
			long[] then = tablesAtBegin.getOrDefault(table.getKey(), new long[4]);
			if (now[0] + now[1] + now[3] > then[0] + then[1] + then[3]) {
				System.out.printf("    %-28s %.4f | %.4f | %.4f | %.4f%n", table.getKey(), (now[0] - then[0]) / n, (now[1] - then[1]) / n,
						(now[2] - then[2]) / n, (now[3] - then[3]) / n);
			}
		}
		System.out.println("  per applied event: µs | calls | rows | blks hit | read | dirtied | written | WAL bytes || mean ms | calls | statement");
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("""
				select total_exec_time, calls, rows, shared_blks_hit, shared_blks_read, shared_blks_dirtied, shared_blks_written, wal_bytes,
				       mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g')
				from pg_stat_statements order by total_exec_time desc limit %d""".formatted(top))) {
			while (rs.next()) {
				String query = rs.getString(10);
				System.out.printf("  %8.2f | %.4f | %7.3f | %7.2f | %6.3f | %6.3f | %6.3f | %6.0f || %7.2f | %,7d | %s%n", rs.getDouble(1) * 1000 / n,
						rs.getLong(2) / n, rs.getLong(3) / n, rs.getLong(4) / n, rs.getLong(5) / n, rs.getLong(6) / n, rs.getLong(7) / n,
						rs.getDouble(8) / n, rs.getDouble(9), rs.getLong(2), query.length() > 150 ? query.substring(0, 150) + "…" : query);
			}
		}
	}
}
