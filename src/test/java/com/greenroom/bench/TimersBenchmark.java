package com.greenroom.bench;

import static com.greenroom.bench.BenchSupport.deleteRecursively;
import static com.greenroom.bench.BenchSupport.freePort;
import static com.greenroom.bench.BenchSupport.printMachine;
import static com.greenroom.bench.BenchSupport.seconds;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Durable timers at volume: a Greenroom node with 1,000,000 pending timers (bulk-inserted, due over the next
 * month) must cost no more at rest than with none, and timers coming due continuously must fire within about
 * the poll interval. Prints the runner's query plan with none and with a million pending, the CPU of the
 * Greenroom JVM and its PostgreSQL at rest for each, and the firing delay (due to fired) p50/p99/max of a
 * steady flow and of a burst. Run: {@code mvn -B -Pbench-timers test-compile exec:exec} (see docs/benchmarks.md).
 */
public final class TimersBenchmark {

	private static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

	/** The runner's claim query, as Timers.fireBatch sends it. */
	private static final String CLAIM = """
			select * from timer where status = 'PENDING' and due_at <= now()
			order by due_at limit 100 for update skip locked""";

	private final int pending;

	private final int restSeconds;

	private final int flowPerSecond;

	private final int flowSeconds;

	private final int burst;

	private TimersBenchmark(Map<String, String> options) {
		this.pending = Integer.parseInt(options.getOrDefault("pending", "1000000"));
		this.restSeconds = Integer.parseInt(options.getOrDefault("rest", "60"));
		this.flowPerSecond = Integer.parseInt(options.getOrDefault("rate", "50"));
		this.flowSeconds = Integer.parseInt(options.getOrDefault("flow", "60"));
		this.burst = Integer.parseInt(options.getOrDefault("burst", "10000"));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair.length > 1 ? pair[1] : "true");
		}
		new TimersBenchmark(options).run();
	}

	private void run() throws Exception {
		Path dataDir = Files.createTempDirectory("greenroom-bench-timers-");
		int port = freePort();
		Process greenroom = start(dataDir, port);
		try {
			IngestBenchmark.awaitHealthy(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
					URI.create("http://localhost:" + port), greenroom, dataDir);
			try (Connection db = IngestBenchmark.database(dataDir)) {
				db.setAutoCommit(true);
				printMachine(db);
				System.out.printf("Timers in the table at start: %d%n", count(db, "select count(*) from timer"));
				System.out.println("\nRunner query plan, no timers pending besides the seeded ones:");
				explain(db);
				rest(greenroom, dataDir, "at rest, no timers pending");

				long started = System.nanoTime();
				execute(db, """
						insert into timer (kind, timer_key, due_at, status, created_at)
						select 'noop', 'bench:idle:' || g, now() + interval '1 day' + g * interval '2.592 seconds', 'PENDING', now()
						from generate_series(1, %d) g""".formatted(pending));
				execute(db, "analyze timer");
				System.out.printf("%nBulk insert of %,d pending timers (one statement, partial index maintained): %.1f s%n", pending,
						seconds(started));
				System.out.println("Runner query plan with them pending:");
				explain(db);
				rest(greenroom, dataDir, "at rest, " + String.format("%,d", pending) + " timers pending");

				// a steady flow: timers due every 1/rate s from 5 s from now, for flowSeconds
				int flow = flowPerSecond * flowSeconds;
				execute(db, """
						insert into timer (kind, timer_key, due_at, status, created_at)
						select 'noop', 'bench:flow:' || g, now() + interval '5 seconds' + g * interval '%f seconds', 'PENDING', now()
						from generate_series(1, %d) g""".formatted(1.0 / flowPerSecond, flow));
				awaitFired(db, "bench:flow:%", flow, flowSeconds + 120);
				delays(db, "bench:flow:%", String.format("steady flow, %d timers/s for %d s (%,d timers)", flowPerSecond, flowSeconds, flow));

				execute(db, """
						insert into timer (kind, timer_key, due_at, status, created_at)
						select 'noop', 'bench:burst:' || g, now() + interval '5 seconds', 'PENDING', now() from generate_series(1, %d) g"""
					.formatted(burst));
				awaitFired(db, "bench:burst:%", burst, 300);
				delays(db, "bench:burst:%", String.format("burst, %,d timers due at one instant", burst));
				System.out.printf("%nStill pending: %,d (the idle million and the daily tier timers)%n",
						count(db, "select count(*) from timer where status = 'PENDING'"));
			}
		}
		finally {
			greenroom.destroy();
			greenroom.waitFor();
			deleteRecursively(dataDir);
		}
	}

	private void rest(Process greenroom, Path dataDir, String what) throws Exception {
		Thread.sleep(5_000);
		Map<String, Long> before = IngestBenchmark.cpuTicks(greenroom.pid(), dataDir);
		Thread.sleep(restSeconds * 1000L);
		Map<String, Long> after = IngestBenchmark.cpuTicks(greenroom.pid(), dataDir);
		// clock ticks are 1/100 s: ticks / seconds = percent of one core
		double jvm = (after.get("greenroom JVM") - before.get("greenroom JVM")) / (double) restSeconds;
		double postgres = (after.get("postgres") - before.get("postgres")) / (double) restSeconds;
		System.out.printf("CPU %s over %d s: Greenroom JVM %.2f%% of one core, its PostgreSQL %.2f%% (load average %s)%n", what,
				restSeconds, jvm, postgres, Files.readString(Path.of("/proc/loadavg")).strip());
	}

	private static void explain(Connection db) throws Exception {
		db.setAutoCommit(false);
		try (Statement statement = db.createStatement();
				ResultSet rs = statement.executeQuery("explain (analyze, buffers, costs off, timing on) " + CLAIM)) {
			while (rs.next()) {
				System.out.println("  " + rs.getString(1));
			}
		}
		finally {
			db.rollback();
			db.setAutoCommit(true);
		}
	}

	private static void awaitFired(Connection db, String keys, int expected, int timeoutSeconds) throws Exception {
		long started = System.nanoTime();
		while (seconds(started) < timeoutSeconds) {
			if (count(db, "select count(*) from timer where timer_key like '" + keys + "' and status = 'FIRED'") == expected) {
				return;
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException("Not every " + keys + " timer fired in " + timeoutSeconds + " s");
	}

	private static void delays(Connection db, String keys, String what) throws Exception {
		try (Statement statement = db.createStatement();
				ResultSet rs = statement.executeQuery("""
						select percentile_cont(0.5) within group (order by d) as p50, percentile_cont(0.99) within group (order by d) as p99,
						       max(d) as max, count(*) as n
						from (select extract(epoch from fired_at - due_at) * 1000 as d from timer where timer_key like '%s') delays"""
					.formatted(keys))) {
			rs.next();
			System.out.printf("%nFiring delay (due -> fired), %s: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %,d timers%n", what,
					rs.getDouble("p50"), rs.getDouble("p99"), rs.getDouble("max"), rs.getLong("n"));
		}
	}

	private static long count(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static void execute(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement()) {
			statement.execute(sql);
		}
	}

	private Process start(Path dataDir, int port) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
				System.getProperty("java.class.path"), "com.greenroom.GreenroomApplication", "serve", "--server.port=" + port,
				"--greenroom.data-dir=" + dataDir, "--greenroom.admin.password=bench-admin-password", "--greenroom.admin.token=" + ADMIN_TOKEN,
				"--logging.level.root=warn"));
		System.out.printf("Starting Greenroom (serve, -Xmx1g, data in %s), log in greenroom.log there%n", dataDir);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dataDir.resolve("greenroom.log").toFile()).start();
	}

}
