package com.greenroom.bench;

import static com.greenroom.bench.BenchSupport.deleteRecursively;
import static com.greenroom.bench.BenchSupport.freePort;
import static com.greenroom.bench.BenchSupport.seconds;
import static com.greenroom.bench.BenchSupport.words;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.greenroom.simulator.SimulationOptions;
import com.greenroom.simulator.Simulator;

/**
 * Load driver for ingest, not a test: how many events per second {@code POST /api/v1/events}
 * acknowledges durably, against the ceiling of a raw PostgreSQL COPY of the same rows into an
 * equivalent table on the same database.
 * <p>
 * It starts Greenroom as {@code serve} in a child JVM ({@code -Xmx1g}, the durable embedded PostgreSQL:
 * fsync and synchronous_commit on) with a fresh temporary data directory, generates the simulator's
 * events in memory first, measures the COPY ceiling, then drives the endpoint with concurrent NDJSON
 * batches. Run: {@code mvn -B -Pbench test-compile exec:exec} (options in
 * {@code -Dbench.args="--events=1000000 --batch=5000 --threads=3 --creators=2500"}).
 */
public final class IngestBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

	private static final String COPY_TABLE = "bench_copy_event";

	private final Map<String, String> options;

	private final int events;

	private final int batch;

	private final int threads;

	/** The child Greenroom's process, for its CPU. */
	private long greenroomPid;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private IngestBenchmark(Map<String, String> options) {
		this.options = options;
		this.events = Integer.parseInt(options.getOrDefault("events", "1000000"));
		this.batch = Integer.parseInt(options.getOrDefault("batch", "5000"));
		this.threads = Integer.parseInt(options.getOrDefault("threads", "3"));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair.length > 1 ? pair[1] : "true");
		}
		new IngestBenchmark(options).run();
	}

	private void run() throws Exception {
		int creators = Integer.parseInt(options.getOrDefault("creators", "2500"));
		System.out.printf("Generating %,d simulator events (seed 42, %,d creators, 28 days)...%n", events, creators);
		long started = System.nanoTime();
		List<String> lines = Simulator.of(SimulationOptions.of(42, creators, 28)).firstLines(events);
		if (lines.size() < events) {
			throw new IllegalStateException("The simulation has only " + lines.size() + " events; pass a larger --creators");
		}
		List<byte[]> bodies = new ArrayList<>();
		long bytes = 0;
		for (int from = 0; from < lines.size(); from += batch) {
			byte[] body = (String.join("\n", lines.subList(from, Math.min(lines.size(), from + batch))) + "\n")
				.getBytes(StandardCharsets.UTF_8);
			bodies.add(body);
			bytes += body.length;
		}
		List<String> copyRows = lines.stream().map(IngestBenchmark::copyRow).toList();
		System.out.printf("  %,d events, %.1f MB of NDJSON, in %.1f s%n", lines.size(), bytes / 1e6, seconds(started));

		// --dir-prefix=<name>: the data directory's name begins with it (where temporary directories are shared out)
		Path dataDir = Files.createTempDirectory(options.getOrDefault("dir-prefix", "greenroom-bench-"));
		// --port=N: the child's HTTP port (a fixed one where ports are shared out), else any free one
		int port = options.containsKey("port") ? Integer.parseInt(options.get("port")) : freePort();
		Process node = startGreenroom(dataDir, port);
		URI base = URI.create("http://localhost:" + port);
		// --restart-after-warmup: the warm-up (and history) on one JVM, then the measured run on a new one over the same
		// database: a fresh node joining a populated database, as a rolling upgrade or a replacement starts one
		if (options.containsKey("restart-after-warmup")) {
			try {
				awaitHealthy(http, base, node, dataDir);
				history(base);
				warmUp(base, lines, dataDir);
			}
			finally {
				node.destroy();
				node.waitFor();
			}
			System.out.println("Restarting Greenroom over the same database (a fresh JVM, the warm-up's rows kept)");
			node = startGreenroom(dataDir, port);
		}
		Process greenroom = node;
		greenroomPid = greenroom.pid();
		try {
			awaitHealthy(http, base, greenroom, dataDir);
			try (Connection db = database(dataDir)) {
				printMachine(db);
				if (!options.containsKey("restart-after-warmup")) {
					history(base);
					warmUp(base, lines, dataDir);
				}
				double ceiling = copyCeiling(dataDir, copyRows);
				Double ceilingAfter = null;
				String ceilingAfterWhen = null;
				// --statements: pg_stat_statements per event the activity projection applied, in the burst and its
				// catch-up, and in the steady feed after its warm-up (the server needs the library preloaded)
				StatementStats stats = options.containsKey("statements") ? StatementStats.open(database(dataDir), "activity") : null;
				if (stats != null) {
					stats.begin();
				}
				Map<String, Long> cpuBefore = cpuTicks(greenroom.pid(), dataDir);
				Map<String, Long> threadsBefore = threadTicks(greenroom.pid());
				Map<Long, PostgresProcess> postgresBefore = postgresProcesses(dataDir);
				long[] walBefore = wal(db);
				Double ingest = ingest(base, bodies, lines.size());
				printCpu(cpuBefore, cpuTicks(greenroom.pid(), dataDir));
				long[] walAfter = wal(db);
				printThreads(threadsBefore, threadTicks(greenroom.pid()));
				printPostgres(postgresBefore, postgresProcesses(dataDir));
				printWal("WAL during ingest", walBefore, walAfter, lines.size());
				if (ingest != null) {
					long lastAck = System.nanoTime();
					Map<String, Long> cpuAtAck = cpuTicks(greenroom.pid(), dataDir);
					Map<String, Long> threadsAtAck = threadTicks(greenroom.pid());
					Map<Long, PostgresProcess> postgresAtAck = postgresProcesses(dataDir);
					Map<String, Long> positions = positions(db);
					long[] walAtAck = wal(db);
					ceilingAfterWhen = projectionCatchUp(base, () -> backlog(db, positions), lastAck, () -> cpuTicks(greenroom.pid(), dataDir),
							cpuAtAck);
					// the catch-up's CPU by kind of JVM thread (a fresh JVM compiles the projections' code while catching up)
					// and of PostgreSQL process (the projections' connections, or autovacuum and checkpoints after the burst)
					printThreads(threadsAtAck, threadTicks(greenroom.pid()));
					printPostgres(postgresAtAck, postgresProcesses(dataDir));
					printWal("WAL from the last ack until caught up", walAtAck, wal(db), lines.size());
					followUps(db, lastAck, "at lag 0");
					if (stats != null) {
						stats.print("Statements, the burst's ingest and catch-up",
								Integer.parseInt(options.getOrDefault("statements", "25").replace("true", "25")));
					}
					// the ceiling again once the projections are done: this machine's speed drifts by up to 3x within minutes
					// (stop 34), so a ratio against one ceiling measured before the ingest says as much about the drift
					ceilingAfter = options.containsKey("steady") ? null : copyCeiling(dataDir, copyRows);
					if (options.containsKey("steady")) {
						steady(base, Simulator.of(SimulationOptions.of(42, creators, 28)).lines().skip(lines.size()).iterator(), db, dataDir, stats);
						followUps(db, System.nanoTime(), "at the feed's last ack");
					}
				}
				System.out.println();
				System.out.printf("COPY ceiling   %,10.0f rows/s   (%,d rows, batches of %,d, %d connections, durable commits)%n", ceiling,
						lines.size(), batch, threads);
				if (ceilingAfter != null) {
					System.out.printf("  again        %,10.0f rows/s   (%s)%n", ceilingAfter, ceilingAfterWhen);
				}
				if (ingest == null) {
					System.out.println("HTTP ingest    not measured: this build has no POST /api/v1/events yet");
				}
				else {
					System.out.printf("HTTP ingest    %,10.0f events/s (%,d events, batches of %,d, %d client threads, durable acks)%n",
							ingest, lines.size(), batch, threads);
					System.out.printf("ratio          %.0f%% of the COPY ceiling%n", 100 * ingest / ceiling);
					if (ceilingAfter != null) {
						System.out.printf("               %.0f%% of the ceiling after, %.0f%% of the two ceilings' mean%n",
								100 * ingest / ceilingAfter,
								200 * ingest / (ceiling + ceilingAfter));
					}
				}
			}
		}
		finally {
			greenroom.destroy();
			greenroom.waitFor();
			if (!options.containsKey("keep")) {
				deleteRecursively(dataDir);
			}
		}
	}

	/** Greenroom as {@code serve} runs it, in its own JVM, on this classpath, with a throw-away data directory. */
	private Process startGreenroom(Path dataDir, int port) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
		// --server-jvm=<args> (space-separated), e.g. a flight recording; --server-args=<args>, e.g. settings
		command.addAll(words(options.get("server-jvm")));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.greenroom.GreenroomApplication", "serve",
				"--server.port=" + port, "--greenroom.data-dir=" + dataDir, "--greenroom.admin.password=bench-admin-password",
				"--greenroom.admin.token=" + ADMIN_TOKEN, "--logging.level.root=warn"));
		command.addAll(words(options.get("server-args")));
		System.out.printf("Starting Greenroom (serve, -Xmx1g, data in %s), log in greenroom.log there%n", dataDir);
		if (options.containsKey("server-jvm") || options.containsKey("server-args")) {
			System.out.printf("  extra: %s %s%n", options.getOrDefault("server-jvm", ""), options.getOrDefault("server-args", ""));
		}
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("greenroom.log").toFile())).start();
	}

	/** Waits up to 240 s for the child Greenroom's health to answer 200. */
	static void awaitHealthy(HttpClient http, URI base, Process greenroom, Path dataDir) throws Exception {
		long started = System.nanoTime();
		while (seconds(started) < 240) {
			if (!greenroom.isAlive()) {
				throw new IllegalStateException("Greenroom exited; see " + dataDir.resolve("greenroom.log"));
			}
			try {
				if (http.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					System.out.printf("  up in %.1f s%n", seconds(started));
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("Greenroom did not become healthy in 240 s; see " + dataDir.resolve("greenroom.log"));
	}

	/**
	 * The embedded PostgreSQL of the child: its port is on line 4 of postmaster.pid, its generated password
	 * in {@code postgres.password} beside the PostgreSQL data directory.
	 */
	static Connection database(Path dataDir) throws IOException, SQLException {
		List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
		String password = Files.readString(dataDir.resolve("postgres.password")).strip();
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres", "postgres", password);
	}

	private void printMachine(Connection db) throws Exception {
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
			.map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse("unknown CPU");
		System.out.printf("Machine: %d cores (%s), %.1f GiB, Java %s%n", Runtime.getRuntime().availableProcessors(), cpu,
				Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
					.map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0).orElse(0.0),
				System.getProperty("java.version"));
		try (Statement statement = db.createStatement()) {
			System.out.printf("PostgreSQL: %s; fsync=%s, synchronous_commit=%s, full_page_writes=%s%n", setting(statement, "server_version"),
					setting(statement, "fsync"), setting(statement, "synchronous_commit"), setting(statement, "full_page_writes"));
		}
	}

	private static String setting(Statement statement, String name) throws SQLException {
		try (ResultSet rs = statement.executeQuery("show " + name)) {
			rs.next();
			return rs.getString(1);
		}
	}

	/**
	 * The ceiling: COPY of the same rows into a table shaped like an event log (primary key on the id),
	 * in the same batches over as many connections as there are HTTP clients, each batch committed.
	 */
	private double copyCeiling(Path dataDir, List<String> rows) throws Exception {
		try (Connection db = database(dataDir); Statement statement = db.createStatement()) {
			statement.execute("drop table if exists " + COPY_TABLE);
			statement.execute("""
					create table %s (
					    seq             bigint generated always as identity,
					    id              text primary key,
					    type            text not null,
					    occurred_at     timestamptz not null,
					    creator_id      text not null,
					    stream_id       text,
					    viewer_id       text,
					    amount_value    numeric,
					    amount_currency text,
					    attributes      jsonb,
					    received_at     timestamptz not null default now())""".formatted(COPY_TABLE));
		}
		System.out.printf("COPY of %,d rows into %s...%n", rows.size(), COPY_TABLE);
		AtomicInteger next = new AtomicInteger();
		long started = System.nanoTime();
		runConcurrently(() -> {
			try (Connection db = database(dataDir)) {
				db.setAutoCommit(false);
				CopyManager copy = db.unwrap(BaseConnection.class).getCopyAPI();
				for (int from = next.getAndAdd(batch); from < rows.size(); from = next.getAndAdd(batch)) {
					String data = String.join("", rows.subList(from, Math.min(rows.size(), from + batch)));
					copy.copyIn("copy " + COPY_TABLE
							+ " (id, type, occurred_at, creator_id, stream_id, viewer_id, amount_value, amount_currency, attributes) from stdin",
							new StringReader(data));
					db.commit();
				}
			}
			return null;
		});
		double rate = rows.size() / seconds(started);
		try (Connection db = database(dataDir); Statement statement = db.createStatement()) {
			try (ResultSet count = statement.executeQuery("select count(*) from " + COPY_TABLE)) {
				count.next();
				if (count.getLong(1) != rows.size()) {
					throw new IllegalStateException("COPY stored " + count.getLong(1) + " rows, expected " + rows.size());
				}
			}
			statement.execute("drop table " + COPY_TABLE);
			statement.execute("checkpoint");
		}
		System.out.printf("  %,.0f rows/s%n", rate);
		return rate;
	}

	/** Events per second acknowledged by POST /api/v1/events; null when the endpoint is not there. */
	/**
	 * {@code --warmup=N}: posts N events first (the run's first lines under other ids), so the JIT has compiled
	 * the ack path before the CPU of the measured ingest is counted; at 300,000 events the compiler threads
	 * otherwise use about as much CPU during the ingest as the request threads. The log then holds N more events.
	 * The warm-up's creators, streams and ids are its own (prefixed), so the measured events are not late events of
	 * streams the warm-up already ended; and the projections catch up with it before anything is measured, so
	 * neither the COPY ceiling nor the ingest shares the machine with the warm-up's projection work, nor with its module
	 * listeners' (waited for since stop 45).
	 */
	private void warmUp(URI base, List<String> lines, Path dataDir) throws Exception {
		int warmup = Math.min(lines.size(), Integer.parseInt(options.getOrDefault("warmup", "0")));
		if (warmup == 0) {
			return;
		}
		List<byte[]> bodies = new ArrayList<>();
		for (int from = 0; from < warmup; from += batch) {
			bodies.add((String.join("\n", lines.subList(from, Math.min(warmup, from + batch)))
				.replace("{\"id\":\"", "{\"id\":\"warmup-")
				.replace("\"creatorId\":\"cr_", "\"creatorId\":\"cr_w")
				.replace("\"streamId\":\"st_", "\"streamId\":\"st_w") + "\n").getBytes(StandardCharsets.UTF_8));
		}
		System.out.printf("Warm-up (not measured): ");
		ingest(base, bodies, warmup);
		if (options.getOrDefault("server-args", "").contains("projections.auto=false")) {
			return; // nothing projects: the lag never falls
		}
		long started = System.nanoTime();
		while (projectionLag(base) > 0 && seconds(started) < 600) {
			Thread.sleep(500);
		}
		System.out.printf("  the projections caught up with the warm-up %.1f s after its last ack%n", seconds(started));
		// and its follow-ups (onboarding, stall timers, support actions) are done, which otherwise run on through the
		// first COPY ceiling and into the ingest
		try (Connection db = database(dataDir)) {
			followUps(db, started, "of the warm-up at its lag 0");
		}
	}

	/**
	 * {@code --history-days=N} (with {@code --history-per-day=M}, default 1,000): posts M follows on each of N past days
	 * (from 30 days before now back), by creators and viewers of their own, and waits for the projections to catch up
	 * with them: the log then keeps N more day partitions, as a node does with a year of retention, and the measured
	 * events are read from a log of that many partitions.
	 */
	private void history(URI base) throws Exception {
		int days = Integer.parseInt(options.getOrDefault("history-days", "0"));
		if (days == 0) {
			return;
		}
		int perDay = Integer.parseInt(options.getOrDefault("history-per-day", "1000"));
		Instant newest = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(30));
		List<String> lines = new ArrayList<>();
		for (int day = 0; day < days; day++) {
			for (int i = 0; i < perDay; i++) {
				lines.add("""
						{"id":"history-%d-%d","type":"follow.created","occurredAt":"%s","creatorId":"cr_h%d","viewerId":"vw_h%d"}"""
					.formatted(day, i, newest.minus(Duration.ofDays(day)).plusSeconds(i * 80L % 86_400), i % 500, i));
			}
		}
		List<byte[]> bodies = new ArrayList<>();
		for (int from = 0; from < lines.size(); from += batch) {
			bodies.add((String.join("\n", lines.subList(from, Math.min(lines.size(), from + batch))) + "\n").getBytes(StandardCharsets.UTF_8));
		}
		System.out.printf("History (not measured): %,d days of %,d events: ", days, perDay);
		ingest(base, bodies, lines.size());
		long started = System.nanoTime();
		while (projectionLag(base) > 0 && seconds(started) < 1800) {
			Thread.sleep(500);
		}
		System.out.printf("  the projections caught up with the history %.1f s after its last ack%n", seconds(started));
	}

	/** The projections' lag gauge (the largest over projections), from the node's Prometheus endpoint. */
	private double projectionLag(URI base) throws Exception {
		HttpResponse<String> metrics = send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN).build());
		return metrics.body().lines().filter(l -> l.startsWith("greenroom_projection_lag"))
			.mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(Double.NaN);
	}

	private Double ingest(URI base, List<byte[]> bodies, int total) throws Exception {
		String token = integrationToken(base);
		URI endpoint = base.resolve("/api/v1/events");
		Answer probe = post(endpoint, token, "\n".getBytes(StandardCharsets.UTF_8));
		if (probe.status() == 404 || probe.status() == 405) {
			return null;
		}
		System.out.printf("POST /api/v1/events: %,d batches of %,d events over %d threads...%n", bodies.size(), batch, threads);
		AtomicInteger next = new AtomicInteger();
		AtomicLong accepted = new AtomicLong();
		AtomicLong duplicates = new AtomicLong();
		AtomicLong rejected = new AtomicLong();
		long started = System.nanoTime();
		runConcurrently(() -> {
			for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
				Answer response = post(endpoint, token, bodies.get(i));
				if (response.status() / 100 != 2) {
					throw new IllegalStateException("Batch " + i + " answered " + response.status() + ": " + response.body());
				}
				JsonNode answer = JSON.readTree(response.body());
				accepted.addAndGet(answer.path("accepted").asLong());
				duplicates.addAndGet(answer.path("duplicates").asLong());
				rejected.addAndGet(answer.path("rejected").size());
			}
			return null;
		});
		double rate = total / seconds(started);
		System.out.printf("  %,.0f events/s; accepted %,d, duplicates %,d, rejected %,d%n", rate, accepted.get(), duplicates.get(),
				rejected.get());
		return rate;
	}

	/**
	 * How long the projections take after the last acknowledgement to apply everything (the lag gauge on
	 * /actuator/prometheus back at 0), up to --catch-up-limit seconds (300); skipped with projections.auto=false.
	 * Returns when the wait ended, as the second ceiling's label says it. {@code backlogAtAck} counts what each
	 * projection had to apply at the last ack; it is asked once the wait has ended, so its count (1.6–2.3 s of
	 * PostgreSQL for a million events and three projections) takes no core from the catch-up it measures.
	 */
	private String projectionCatchUp(URI base, java.util.function.Supplier<Map<String, Long>> backlogAtAck, long lastAck,
			java.util.function.Supplier<Map<String, Long>> cpu,
			Map<String, Long> cpuAtAck) throws Exception {
		if (options.getOrDefault("server-args", "").contains("projections.auto=false")) {
			System.out.println("Projections: not running in this node (projections.auto=false)");
			return "after the ingest, no projections in this node";
		}
		long limit = Long.parseLong(options.getOrDefault("catch-up-limit", "300"));
		long started = lastAck;
		double lag = Double.NaN;
		double lagAtAck = Double.NaN;
		// each projection's own catch-up: when its lag gauge (tagged by projection) first read 0 after the last ack
		Map<String, Double> doneAt = new java.util.TreeMap<>();
		while (seconds(started) < limit) {
			HttpResponse<String> metrics = send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
				.header("Authorization", "Bearer " + ADMIN_TOKEN).build());
			lag = metrics.body().lines().filter(l -> l.startsWith("greenroom_projection_lag"))
				.mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(Double.NaN);
			double polled = seconds(started);
			metrics.body().lines().filter(l -> l.startsWith("greenroom_projection_lag") && l.contains("projection=\""))
				.filter(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) == 0)
				.forEach(l -> doneAt.putIfAbsent(l.replaceAll(".*projection=\"([^\"]+)\".*", "$1"), polled));
			if (lag == 0) {
				double took = seconds(started);
				Map<String, Long> backlog = backlogAtAck.get();
				printPerProjection(backlog, doneAt);
				System.out.printf("Projections: caught up %.1f s after the last ack%s%n", took,
						Double.isNaN(lagAtAck) || lagAtAck == 0 ? "" : String.format(" (%,.0f events/s while catching up)", lagAtAck / took));
				if (!backlog.isEmpty()) {
					long events = backlog.values().stream().mapToLong(Long::longValue).sum();
					System.out.printf("Projections: true backlog at the last ack %,d event applications (%s), applied in %.1f s: %,.0f per second,"
							+ " all projections together%n", events, backlog, took, events / took);
					if (cpu != null) {
						// CPU, not wall time: comparable on a shared machine
						Map<String, Long> now = cpu.get();
						double jvm = (now.get("greenroom JVM") - cpuAtAck.get("greenroom JVM")) / 100.0;
						double pg = (now.get("postgres") - cpuAtAck.get("postgres")) / 100.0;
						System.out.printf("Projections: CPU from the last ack until caught up: greenroom JVM %.1f s, postgres %.1f s: %.1f µs per"
								+ " event application%n", jvm, pg, (jvm + pg) * 1e6 / events);
					}
				}
				return "after the projections caught up";
			}
			if (Double.isNaN(lagAtAck)) {
				lagAtAck = lag;
				System.out.printf("Projections: lag at the last ack %,.0f events (%s)%n", lag,
						String.join(", ", metrics.body().lines().filter(l -> l.startsWith("greenroom_projection_lag"))
							.map(l -> l.replaceAll(".*projection=\"([^\"]+)\".* ([0-9.E]+)$", "$1 $2")).toList()));
			}
			else if (options.containsKey("lag-trace")) {
				System.out.printf("  %5.0f s after the last ack: %,.0f behind (%s)%n", seconds(started), lag,
						String.join(", ", metrics.body().lines().filter(l -> l.startsWith("greenroom_projection_lag"))
							.map(l -> l.replaceAll(".*projection=\"([^\"]+)\".* ([0-9.E]+)$", "$1 $2")).toList()));
			}
			Thread.sleep(250);
		}
		System.out.printf("Projections: still %,.0f events behind %d s after the last ack%n", lag, limit);
		printPerProjection(backlogAtAck.get(), doneAt);
		return "with the projections still behind";
	}

	/**
	 * The module listeners' work the burst left (onboarding of new creators, stall timers, support actions and
	 * history of milestones reached): each is a publication in {@code event_publication} until its listener
	 * completes (then deleted). Waits until none is left to do, up to {@code --follow-up-limit} seconds (default
	 * 300; 0 skips), and prints when the last one completed: the time a new creator's onboarding tasks and a
	 * milestone's support task took to appear after the burst. After a steady feed: the follow-ups still queued at its
	 * end, timed from then.
	 */
	private void followUps(Connection db, long lastAck, String when) throws Exception {
		long limit = Long.parseLong(options.getOrDefault("follow-up-limit", "300"));
		if (limit == 0) {
			return;
		}
		String pending = "select count(*) from event_publication where completion_date is null and status <> 'FAILED'";
		long atStart = count(db, pending);
		double from = seconds(lastAck);
		long left = atStart;
		while (left > 0 && seconds(lastAck) < from + limit) {
			Thread.sleep(250);
			left = count(db, pending);
		}
		long failed = count(db, "select count(*) from event_publication where status = 'FAILED'");
		if (left == 0) {
			System.out.printf("Module listeners: %,d publications to complete %s; none left %.1f s after the last ack (%,d failed)%n",
					atStart, when, seconds(lastAck), failed);
		}
		else {
			System.out.printf("Module listeners: %,d publications to complete %s; still %,d %.0f s after the last ack (%,d failed)%n",
					atStart, when, left, seconds(lastAck), failed);
		}
	}

	private static long count(Connection db, String sql) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/**
	 * Each projection's own rate while catching up: its backlog at the last ack over the time until its own lag
	 * gauge first read 0 (polled every 250 ms, so a time is an upper bound, late by up to 250 ms plus one scrape).
	 */
	private static void printPerProjection(Map<String, Long> backlog, Map<String, Double> doneAt) {
		for (Map.Entry<String, Long> entry : backlog.entrySet()) {
			Double at = doneAt.get(entry.getKey());
			if (entry.getValue() == 0) {
				System.out.printf("Projections: %s had nothing to apply at the last ack%n", entry.getKey());
			}
			else if (at == null) {
				System.out.printf("Projections: %s had %,d events to apply at the last ack; not caught up%n", entry.getKey(), entry.getValue());
			}
			else {
				System.out.printf("Projections: %s applied its %,d events in %.2f s after the last ack: %,.0f events/s%n", entry.getKey(),
						entry.getValue(), at, entry.getValue() / Math.max(at, 0.001));
			}
		}
	}

	/**
	 * Each projection's slot positions at this moment ("name/slot" to position; a slot with no row yet is at 0): a
	 * read of 192 rows, cheap enough for the moment of the last ack. {@link #backlog} counts from them later.
	 */
	private static Map<String, Long> positions(Connection db) {
		Map<String, Long> positions = new java.util.HashMap<>();
		try (Statement statement = db.createStatement();
				java.sql.ResultSet rs = statement.executeQuery("select name, slot, position from projection_position")) {
			while (rs.next()) {
				positions.put(rs.getString(1) + "/" + rs.getInt(2), rs.getLong(3));
			}
		}
		catch (SQLException ex) {
			System.out.println("  (no slot positions: " + ex.getMessage() + ")");
		}
		return positions;
	}

	/**
	 * What each projection had to apply when {@code positions} were read: the events of the log beyond each slot's
	 * position then (a slot with no position row counts from 0). Exact only while nothing was appended since, as after
	 * a burst's last ack or a steady feed's end. The lag gauge is the lowest shard's, which overstates the work left
	 * when the other shards are ahead; this counts it exactly.
	 */
	private static Map<String, Long> backlog(Connection db, Map<String, Long> positions) {
		Map<String, Long> backlog = new java.util.TreeMap<>();
		List<String> names = new ArrayList<>();
		List<Integer> slots = new ArrayList<>();
		List<Long> at = new ArrayList<>();
		positions.keySet().stream().map(key -> key.substring(0, key.lastIndexOf('/'))).distinct().forEach(name -> {
			for (int slot = 0; slot < 64; slot++) {
				names.add(name);
				slots.add(slot);
				at.add(positions.getOrDefault(name + "/" + slot, 0L));
			}
		});
		try (java.sql.PreparedStatement statement = db.prepareStatement("""
				select s.name, count(e.seq)
				from unnest(?::text[], ?::int[], ?::bigint[]) as s(name, slot, position)
				left join platform_event e on e.shard = s.slot and e.seq > s.position
				group by s.name""")) {
			statement.setArray(1, db.createArrayOf("text", names.toArray()));
			statement.setArray(2, db.createArrayOf("int4", slots.toArray()));
			statement.setArray(3, db.createArrayOf("int8", at.toArray()));
			try (java.sql.ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					backlog.put(rs.getString(1), rs.getLong(2));
				}
			}
		}
		catch (SQLException ex) {
			System.out.println("  (no per-slot backlog: " + ex.getMessage() + ")");
		}
		return backlog;
	}

	/**
	 * A steady feed of {@code --steady} events per second (simulator events after the burst's, made as they are
	 * sent, so memory does not grow with the run's length) for {@code --steady-seconds}, with
	 * {@code --probes-per-second} probes (1 unless given) begun on a fixed schedule whatever earlier probes still
	 * wait for: a new creator's {@code stream.started} plus 300 joins, acknowledged, then polled (one poller for every
	 * waiting probe, see {@code --poll-cap}) until its FIRST_STREAM milestone shows in
	 * {@code /api/v1/creators/{id}/milestones} and its room in {@code /api/v1/live/rooms}; then the poller ends its
	 * stream, so only waiting probes' rooms are live. Prints the
	 * distributions of ack to visible, and with {@code --steady-warm-up=N} also those of the probes begun
	 * after the feed's first N seconds.
	 */
	private void steady(URI base, Iterator<String> feed, Connection db, Path dataDir, StatementStats stats) throws Exception {
		// the probes' poller, checked before the feed begins: --poll-cap=N (default 4; 0: every waiting probe, as in
		// stop 22) and --poll-round-ms=M (default 100; stop 22: 50)
		int pollCap = Integer.parseInt(options.getOrDefault("poll-cap", "4"));
		long pollRound = Long.parseLong(options.getOrDefault("poll-round-ms", "100")) * 1_000_000L;
		if (pollCap < 0 || pollRound < 1_000_000L || pollRound > 60_000_000_000L) {
			throw new IllegalArgumentException("--poll-cap must be 0 or more and --poll-round-ms 1 to 60000");
		}
		int rate = Integer.parseInt(options.get("steady"));
		int perTick = Math.max(1, rate / 10);
		long total = (long) rate * Integer.parseInt(options.getOrDefault("steady-seconds", "60"));
		String token = integrationToken(base);
		URI endpoint = base.resolve("/api/v1/events");
		System.out.printf("Steady feed: %,d events/s (%,d every 100 ms) for %,d events, probes %s a second...%n", rate, perTick, total,
				options.getOrDefault("probes-per-second", "1"));
		// the feed's request bodies, made up to 5 s ahead by their own thread: memory stays flat however long the run
		java.util.concurrent.BlockingQueue<byte[]> bodies = new java.util.concurrent.ArrayBlockingQueue<>(50);
		AtomicLong made = new AtomicLong();
		Thread maker = new Thread(() -> {
			try {
				List<String> tick = new ArrayList<>(perTick);
				while (made.get() < total && feed.hasNext()) {
					tick.add(feed.next());
					if (tick.size() == perTick || made.get() + tick.size() == total) {
						bodies.put((String.join("\n", tick) + "\n").getBytes(StandardCharsets.UTF_8));
						made.addAndGet(tick.size());
						tick.clear();
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "steady-feed");
		maker.setDaemon(true);
		maker.start();
		// a full queue before the first tick (skipping the burst's lines and the first bodies take a moment)
		for (int waited = 0; bodies.remainingCapacity() > 0 && maker.isAlive() && waited < 300; waited++) {
			Thread.sleep(100);
		}
		ExecutorService senders = Executors.newFixedThreadPool(4);
		java.util.concurrent.ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
		AtomicLong late = new AtomicLong();
		AtomicLong starved = new AtomicLong();
		java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
		long started = System.nanoTime();
		pacer.scheduleAtFixedRate(() -> {
			byte[] body = bodies.poll();
			if (body == null) {
				if (maker.isAlive()) {
					starved.incrementAndGet(); // the feed's maker fell behind: this tick sends nothing
				}
				else {
					done.countDown();
				}
				return;
			}
			if (inFlight.get() >= 4) {
				late.incrementAndGet();
			}
			inFlight.incrementAndGet();
			senders.submit(() -> {
				try {
					post(endpoint, token, body);
				}
				catch (Exception ex) {
					System.out.println("  steady post failed: " + ex);
				}
				finally {
					inFlight.decrementAndGet();
				}
			});
		}, 0, 100, TimeUnit.MILLISECONDS);
		// --probes-per-second=N (default 1): probes begin on a fixed schedule, each on its own, whatever the earlier
		// ones still wait for (so a slow spell is sampled as often as a quick one); one poller, a round every 100 ms,
		// asks for the rooms once per round for every waiting probe, and for the milestones of the (at most 4) waiting
		// probes acknowledged longest ago, so its own requests do not grow with the lag it measures (in a slow spell
		// 10-20 probes wait). A probe beyond the first 4 is asked a round or more later than it could be: its time is
		// never shorter than the truth.
		double probeRate = Double.parseDouble(options.getOrDefault("probes-per-second", "1"));
		long probeEvery = Math.max(1, Math.round(1_000_000_000L / probeRate));
		List<Double> milestone = java.util.Collections.synchronizedList(new ArrayList<>());
		List<Double> room = java.util.Collections.synchronizedList(new ArrayList<>());
		List<Double> probeStarts = java.util.Collections.synchronizedList(new ArrayList<>());
		DatabaseTrace trace = new DatabaseTrace(database(dataDir));
		trace.start();
		int statsFrom = Integer.parseInt(options.getOrDefault("steady-warm-up", "0"));
		boolean statsBegun = false;
		Map<String, Long> cpuAtStats = null;
		double statsBegunAt = 0;
		// per probe: when its post was acknowledged (0 until then)
		List<AtomicLong> acks = java.util.Collections.synchronizedList(new ArrayList<>());
		ExecutorService probeSenders = Executors.newFixedThreadPool(4);
		java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean(true);
		AtomicLong roomRequests = new AtomicLong();
		AtomicLong milestoneRequests = new AtomicLong();
		// the probes whose stream the poller has ended (both figures seen, or given up on)
		java.util.BitSet ended = new java.util.BitSet();
		Thread poller = new Thread(() -> {
			try {
				while (polling.get()) {
					long roundStarted = System.nanoTime();
					List<Integer> waiting = new ArrayList<>();
					synchronized (acks) {
						for (int i = 0; i < acks.size(); i++) {
							long acked = acks.get(i).get();
							boolean open = Double.isNaN(milestone.get(i)) || Double.isNaN(room.get(i));
							if (acked == 0 || !open) {
								continue;
							}
							if (seconds(acked) >= 60) {
								if (Double.isNaN(milestone.get(i))) {
									milestone.set(i, Double.POSITIVE_INFINITY);
								}
								if (Double.isNaN(room.get(i))) {
									room.set(i, Double.POSITIVE_INFINITY);
								}
							}
							else {
								waiting.add(i);
							}
						}
					}
					if (waiting.stream().anyMatch(i -> Double.isNaN(room.get(i)))) {
						roomRequests.incrementAndGet();
						HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/api/v1/live/rooms?limit=500"))
							.header("Authorization", "Bearer " + ADMIN_TOKEN).build());
						for (int i : waiting) {
							if (r.statusCode() == 200 && Double.isNaN(room.get(i)) && r.body().contains("\"probe-" + i + "-s\"")) {
								room.set(i, seconds(acks.get(i).get()));
							}
						}
					}
					int asked = 0;
					for (int i : waiting) {
						if (!Double.isNaN(milestone.get(i)) || pollCap > 0 && asked == pollCap) {
							continue;
						}
						asked++;
						milestoneRequests.incrementAndGet();
						HttpResponse<String> m = send(HttpRequest.newBuilder(base.resolve("/api/v1/creators/probe-" + i + "/milestones"))
							.header("Authorization", "Bearer " + ADMIN_TOKEN).build());
						if (m.statusCode() == 200 && m.body().contains("\"code\":\"FIRST_STREAM\"")
								&& JSON.readTree(m.body()).get(0).path("reached").asBoolean()) {
							milestone.set(i, seconds(acks.get(i).get()));
						}
					}
					endSeen(endpoint, token, acks, milestone, room, ended);
					long rest = roundStarted + pollRound - System.nanoTime();
					if (rest > 0) {
						Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
					}
				}
			}
			catch (Exception ex) {
				System.out.println("  probe poller stopped: " + ex);
			}
		}, "steady-probes");
		poller.setDaemon(true);
		poller.start();
		long nextProbe = System.nanoTime();
		Map<String, Long> cpuAfterWarmUp = null;
		Map<String, Long> threadsAfterWarmUp = null;
		while (done.getCount() > 0) {
			if (cpuAfterWarmUp == null && trace.secondsSinceStart() >= statsFrom) {
				cpuAfterWarmUp = cpuTicks(greenroomPid, dataDir);
				threadsAfterWarmUp = threadTicks(greenroomPid);
			}
			if (stats != null && !statsBegun && trace.secondsSinceStart() >= statsFrom) {
				stats.begin();
				statsBegun = true;
				statsBegunAt = trace.secondsSinceStart();
				cpuAtStats = cpuTicks(greenroomPid, dataDir);
			}
			int probe;
			synchronized (acks) {
				probe = acks.size();
				acks.add(new AtomicLong());
				milestone.add(Double.NaN);
				room.add(Double.NaN);
				probeStarts.add(trace.secondsSinceStart());
			}
			String creator = "probe-" + probe;
			String stream = creator + "-s";
			Instant at = Instant.now().minusSeconds(1);
			StringBuilder body = new StringBuilder("""
					{"id":"%s-start","type":"stream.started","occurredAt":"%s","creatorId":"%s","streamId":"%s","title":"probe"}
					""".formatted(creator, at, creator, stream));
			for (int v = 0; v < 300; v++) {
				body.append("""
						{"id":"%s-j%d","type":"viewer.joined","occurredAt":"%s","creatorId":"%s","streamId":"%s","viewerId":"%s-v%d"}
						""".formatted(creator, v, at.plusMillis(v + 1), creator, stream, creator, v));
			}
			byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
			probeSenders.submit(() -> {
				try {
					post(endpoint, token, bytes);
					acks.get(probe).set(System.nanoTime());
				}
				catch (Exception ex) {
					System.out.println("  probe post failed: " + ex);
					milestone.set(probe, Double.POSITIVE_INFINITY);
					room.set(probe, Double.POSITIVE_INFINITY);
				}
			});
			nextProbe += probeEvery;
			long rest = nextProbe - System.nanoTime();
			if (rest > 0) {
				Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
			}
		}
		double feedEnded = seconds(started);
		if (cpuAfterWarmUp != null) {
			printCpu(String.format("  CPU from the feed's %dth second to its end", statsFrom), cpuAfterWarmUp, cpuTicks(greenroomPid, dataDir));
			printThreads(threadsAfterWarmUp, threadTicks(greenroomPid));
		}
		probeSenders.shutdown();
		probeSenders.awaitTermination(5, TimeUnit.MINUTES);
		// the last probes get up to 60 s after their ack, as each did before
		for (int waited = 0; waited < 1300 && java.util.stream.IntStream.range(0, acks.size())
			.anyMatch(i -> Double.isNaN(milestone.get(i)) || Double.isNaN(room.get(i))); waited++) {
			Thread.sleep(50);
		}
		polling.set(false);
		poller.join(10_000);
		int probes = acks.size();
		double took = feedEnded;
		if (stats != null && statsBegun) {
			Map<String, Long> cpuNow = cpuTicks(greenroomPid, dataDir);
			stats.print(
					String.format("Statements, the steady feed from its %.0fth second to its end (%.0f s; CPU greenroom JVM %.1f s, postgres %.1f s;"
							+ " load average %s)", statsBegunAt, trace.secondsSinceStart() - statsBegunAt,
							(cpuNow.get("greenroom JVM") - cpuAtStats.get("greenroom JVM")) / 100.0,
							(cpuNow.get("postgres") - cpuAtStats.get("postgres")) / 100.0,
							Files.readString(Path.of("/proc/loadavg")).strip()),
					Integer.parseInt(options.getOrDefault("statements", "25").replace("true", "25")));
		}
		trace.stop();
		pacer.shutdownNow();
		senders.shutdown();
		senders.awaitTermination(5, TimeUnit.MINUTES);
		System.out.printf("  sent %,d events in %.1f s (%,.0f/s offered; %,d ticks found 4 posts still in flight, %,d ticks found no body"
				+ " made)%n", made.get(), took, made.get() / took, late.get(), starved.get());
		if (made.get() < total) {
			// 28 simulated days of N creators hold about 500 N events (2,000 creators: ~1M, 100 s at 10,000/s)
			System.out.printf("  the simulation ran out after %,d of %,d events: pass a larger --creators%n", made.get(), total);
		}
		System.out.printf("  the probes' poller asked %,d times for the rooms and %,d times for a probe's milestones (%.0f requests/s)%n",
				roomRequests.get(), milestoneRequests.get(), (roomRequests.get() + milestoneRequests.get()) / took);
		System.out.printf("  ack -> FIRST_STREAM milestone in the API, %d probes: %s%n", probes, percentiles(milestone));
		System.out.printf("  ack -> room in /api/v1/live/rooms,        %d probes: %s%n", probes, percentiles(room));
		if (options.containsKey("steady-warm-up")) {
			// the same probes without those begun in the feed's first seconds, while the server's JIT compiles
			// the feed's hot paths (a C2 compilation of seconds each, docs/benchmarks.md "stop 14")
			int warmUp = Integer.parseInt(options.get("steady-warm-up"));
			List<Integer> after = java.util.stream.IntStream.range(0, probes).filter(i -> probeStarts.get(i) >= warmUp).boxed().toList();
			if (!after.isEmpty()) {
				System.out.printf("  after the first %d s, milestone, %d probes: %s%n", warmUp, after.size(),
						percentiles(after.stream().map(milestone::get).toList()));
				System.out.printf("  after the first %d s, room,      %d probes: %s%n", warmUp, after.size(),
						percentiles(after.stream().map(room::get).toList()));
			}
		}
		System.out.printf("  milestone per probe, in order (s): %s%n",
				String.join(" ", milestone.stream().map(v -> String.format("%.2f", v)).toList()));
		trace.print(probeStarts, milestone, room);
		long lastAck = System.nanoTime();
		Map<String, Long> positions = positions(db);
		projectionCatchUp(base, () -> backlog(db, positions), lastAck, null, null);
	}

	/**
	 * What PostgreSQL did during a steady feed, sampled every 250 ms on its own connection: checkpoints begun and
	 * ended (from {@code pg_stat_checkpointer}'s counts and write/sync times), WAL written, autovacuum workers and
	 * the tables they work on, sessions waiting on a lock, and how far each projection's lowest slot is behind the
	 * log's last seq. Printed for every probe slower than 2 s, beside the
	 * run's totals, so a cluster of slow probes can be set against what ran then.
	 */
	private static final class DatabaseTrace {

		private record Sample(double at, long checkpoints, double checkpointMs, long walBytes, String autovacuum, int lockWaits,
				String lag, long horizonAge, String horizonHolder) {
		}

		private final Connection connection;

		private final List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());

		private final long started = System.nanoTime();

		private volatile boolean running = true;

		private Thread thread;

		DatabaseTrace(Connection connection) {
			this.connection = connection;
		}

		double secondsSinceStart() {
			return seconds(started);
		}

		void start() {
			thread = new Thread(() -> {
				try (connection; java.sql.Statement statement = connection.createStatement()) {
					while (running) {
						try (java.sql.ResultSet rs = statement.executeQuery("""
								select (select num_timed + num_requested from pg_stat_checkpointer),
								       (select write_time + sync_time from pg_stat_checkpointer),
								       pg_current_wal_lsn() - '0/0'::pg_lsn,
								       (select string_agg(regexp_replace(query, '^autovacuum: ', ''), '; ') from pg_stat_activity
								        where backend_type = 'autovacuum worker'),
								       (select count(*) from pg_stat_activity where wait_event_type = 'Lock'),
								       (select string_agg(name || ' ' || behind, ', ' order by name) from (
								            select name, (select last_value from platform_event_seq) - min(position) as behind
								            from projection_position group by name) lag),
								       oldest.age, oldest.holder
								from (select 1) one left join lateral (
								    select age(backend_xmin) as age,
								           backend_type || ': ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 80) as holder
								    from pg_stat_activity where backend_xmin is not null
								    order by age(backend_xmin) desc limit 1) oldest on true""")) {
							rs.next();
							samples.add(new Sample(secondsSinceStart(), rs.getLong(1), rs.getDouble(2), rs.getLong(3), rs.getString(4),
									rs.getInt(5), rs.getString(6), rs.getLong(7), rs.getString(8)));
						}
						Thread.sleep(250);
					}
				}
				catch (Exception ex) {
					System.out.println("  database trace stopped: " + ex);
				}
			}, "steady-trace");
			thread.setDaemon(true);
			thread.start();
		}

		void stop() throws InterruptedException {
			running = false;
			thread.join(5_000);
		}

		void print(List<Double> probeStarts, List<Double> milestone, List<Double> room) {
			List<Sample> all = List.copyOf(samples);
			if (all.size() < 2) {
				return;
			}
			Sample first = all.get(0);
			Sample last = all.get(all.size() - 1);
			java.util.Set<String> vacuumed = new java.util.TreeSet<>();
			all.stream().filter(x -> x.autovacuum() != null).forEach(x -> vacuumed.addAll(List.of(x.autovacuum().split("; "))));
			vacuumed.removeIf(String::isBlank); // a worker between tables shows no query
			System.out.printf("  PostgreSQL during the feed: %d checkpoints (%.1f s writing and syncing), %.0f MB of WAL (%.1f MB/s),"
					+ " autovacuum on %d tables: %s%n", last.checkpoints() - first.checkpoints(), (last.checkpointMs() - first.checkpointMs()) / 1000,
					(last.walBytes() - first.walBytes()) / 1e6, (last.walBytes() - first.walBytes()) / 1e6 / (last.at() - first.at()),
					vacuumed.size(), String.join(", ", vacuumed));
			// the oldest snapshot any session held (transactions since it began): rows updated after it cannot be pruned
			all.stream().max(java.util.Comparator.comparingLong(Sample::horizonAge)).ifPresent(x -> System.out.printf(
					"  oldest snapshot: %,d transactions old at %.0f s, held by %s%n", x.horizonAge(), x.at(), x.horizonHolder()));
			for (int i = 0; i < probeStarts.size(); i++) {
				double slowest = Math.max(milestone.get(i), room.get(i));
				if (slowest <= 2) {
					continue;
				}
				double from = probeStarts.get(i);
				double to = from + Math.min(slowest, 60) + 1;
				List<Sample> during = all.stream().filter(x -> x.at() >= from && x.at() <= to).toList();
				if (during.isEmpty()) {
					continue;
				}
				Sample a = during.get(0);
				Sample b = during.get(during.size() - 1);
				java.util.Set<String> tables = new java.util.TreeSet<>();
				during.stream().filter(x -> x.autovacuum() != null).forEach(x -> tables.addAll(List.of(x.autovacuum().split("; "))));
				tables.removeIf(String::isBlank);
				Sample oldest = during.stream().max(java.util.Comparator.comparingLong(Sample::horizonAge)).orElseThrow();
				System.out.printf("  slow probe %d at %.0f s: milestone %.2f s, room %.2f s; checkpoints ended %d, WAL %.1f MB/s, lock waits up to"
						+ " %d, oldest snapshot %,d transactions (%s), autovacuum: %s%n", i, from, milestone.get(i), room.get(i),
						b.checkpoints() - a.checkpoints(), (b.walBytes() - a.walBytes()) / 1e6 / Math.max(0.25, b.at() - a.at()),
						during.stream().mapToInt(Sample::lockWaits).max().orElse(0), oldest.horizonAge(), oldest.horizonHolder(),
						tables.isEmpty() ? "none" : String.join(", ", tables));
				// seqs between the log's last and each projection's lowest slot, once a second while the probe waited
				System.out.printf("    lag in seqs: %s%n", String.join(" | ",
						java.util.stream.IntStream.range(0, during.size()).filter(k -> k % 4 == 0).mapToObj(k -> during.get(k).lag()).toList()));
			}
		}
	}

	private static String percentiles(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		java.util.function.IntFunction<Double> at = p -> sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
		return String.format("p50 %.2f s, p95 %.2f s, p99 %.2f s, max %.2f s", at.apply(50), at.apply(95), at.apply(99),
				sorted.get(sorted.size() - 1));
	}

	private String token;

	private String integrationToken(URI base) throws Exception {
		if (token != null) {
			return token;
		}
		HttpResponse<String> user = send(HttpRequest.newBuilder(base.resolve("/api/v1/users"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"username":"bench-platform","displayName":"Benchmark platform","roles":["INTEGRATION"],"regions":[]}"""))
			.build());
		long id = JSON.readTree(user.body()).path("id").asLong();
		HttpResponse<String> issued = send(HttpRequest.newBuilder(base.resolve("/api/v1/users/" + id + "/tokens"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"kind\":\"INTEGRATION\"}"))
			.build());
		String secret = JSON.readTree(issued.body()).path("secret").asString();
		if (secret == null || secret.isBlank()) {
			throw new IllegalStateException("Could not issue an integration token: " + user.body() + " / " + issued.body());
		}
		token = secret;
		return secret;
	}

	/**
	 * Ends the stream of every probe whose milestone and room are both settled (seen, or given up on after 60 s), in one
	 * post: only waiting probes stay live, so in a long feed the rooms of hundreds of finished probes (300 viewers each)
	 * do not crowd a new probe's room out of the first 500 rooms by viewers the poller reads (stop 23's 300 s run lost
	 * some that way).
	 */
	private void endSeen(URI endpoint, String token, List<AtomicLong> acks, List<Double> milestone, List<Double> room,
			java.util.BitSet ended) throws Exception {
		StringBuilder body = new StringBuilder();
		List<Integer> ending = new ArrayList<>();
		synchronized (acks) {
			for (int i = ended.nextClearBit(0); i < acks.size(); i = ended.nextClearBit(i + 1)) {
				if (acks.get(i).get() != 0 && !Double.isNaN(milestone.get(i)) && !Double.isNaN(room.get(i))) {
					String creator = "probe-" + i;
					body.append("""
							{"id":"%s-end","type":"stream.ended","occurredAt":"%s","creatorId":"%s","streamId":"%s-s"}
							""".formatted(creator, Instant.now().minusSeconds(1), creator, creator));
					ending.add(i);
				}
			}
		}
		if (ending.isEmpty()) {
			return;
		}
		Answer response = post(endpoint, token, body.toString().getBytes(StandardCharsets.UTF_8));
		if (response.status() != 200 || !JSON.readTree(response.body()).path("rejected").isEmpty()) {
			throw new IllegalStateException("ending probe streams answered " + response.status() + ": " + response.body());
		}
		ending.forEach(ended::set);
	}

	/** A status and a body. */
	private record Answer(int status, String body) {
	}

	/**
	 * An NDJSON POST of the body as it is, in fixed-length streaming mode over a kept-alive connection. Until stop 53 the
	 * driver sent with {@link HttpClient}: a million events' batches took it 1.1-1.2 CPU s of the ingest, a tenth of the
	 * machine's busy time, and this way 0.5-0.7 s (docs/benchmarks.md).
	 */
	private static Answer post(URI endpoint, String token, byte[] body) throws IOException {
		java.net.HttpURLConnection connection = (java.net.HttpURLConnection) endpoint.toURL().openConnection();
		connection.setRequestMethod("POST");
		connection.setDoOutput(true);
		connection.setFixedLengthStreamingMode(body.length);
		connection.setConnectTimeout(10_000);
		connection.setReadTimeout(300_000);
		connection.setRequestProperty("Authorization", "Bearer " + token);
		connection.setRequestProperty("Content-Type", "application/x-ndjson");
		try (java.io.OutputStream out = connection.getOutputStream()) {
			out.write(body);
		}
		int status = connection.getResponseCode();
		try (java.io.InputStream in = status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream()) {
			return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private void runConcurrently(java.util.concurrent.Callable<Void> work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Void>> running = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				running.add(pool.submit(work));
			}
			for (Future<Void> future : running) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** One line of COPY text format: the event's fields, and its type-specific extras as jsonb. */
	private static String copyRow(String line) {
		ObjectNode event = (ObjectNode) JSON.readTree(line);
		JsonNode amount = event.remove("amount");
		String[] columns = { text(event.remove("id")), text(event.remove("type")), text(event.remove("occurredAt")),
				text(event.remove("creatorId")), text(event.remove("streamId")), text(event.remove("viewerId")),
				amount == null ? null : amount.path("value").asString(), amount == null ? null : amount.path("currency").asString(),
				event.isEmpty() ? null : event.toString() };
		StringBuilder row = new StringBuilder(line.length());
		for (int i = 0; i < columns.length; i++) {
			if (i > 0) {
				row.append('\t');
			}
			row.append(columns[i] == null ? "\\N"
					: columns[i].replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
		}
		return row.append('\n').toString();
	}

	private static String text(JsonNode node) {
		return node == null || node.isNull() ? null : node.asString();
	}

	/**
	 * CPU time (clock ticks) of the Greenroom JVM, its PostgreSQL (postmaster and backends), this driver
	 * JVM, and the whole machine (busy, from /proc/stat), to show where the cores went during ingest.
	 */
	static Map<String, Long> cpuTicks(long greenroomPid, Path dataDir) {
		Map<String, Long> ticks = new LinkedHashMap<>();
		ticks.put("greenroom JVM", procTicks(greenroomPid));
		// the postmaster's own time plus that of its children, running or exited (backends, autovacuum workers)
		ticks.put("postgres", postgresProcesses(dataDir).values().stream().mapToLong(PostgresProcess::ticks).sum());
		ticks.put("driver JVM", procTicks(ProcessHandle.current().pid()));
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i < cpu.length; i++) {
				if (i != 4 && i != 5) { // idle, iowait
					busy += Long.parseLong(cpu[i]);
				}
			}
			ticks.put("machine busy", busy);
		}
		catch (IOException ex) {
			ticks.put("machine busy", 0L);
		}
		return ticks;
	}

	/** A PostgreSQL process's kind (from its title: "connections", "autovacuum worker", "checkpointer", ...) and CPU ticks. */
	record PostgresProcess(String kind, long ticks) {
	}

	/**
	 * The PostgreSQL processes by pid, with the postmaster (pid 0 here) holding its own time plus that of the children
	 * that have exited (autovacuum workers, closed connections): those are counted as "exited".
	 */
	static Map<Long, PostgresProcess> postgresProcesses(Path dataDir) {
		Map<Long, PostgresProcess> processes = new HashMap<>();
		try {
			long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
			String[] own = statFields(Path.of("/proc", String.valueOf(postmaster), "stat"));
			processes.put(0L, new PostgresProcess("exited or postmaster", Long.parseLong(own[11]) + Long.parseLong(own[12])
					+ Long.parseLong(own[13]) + Long.parseLong(own[14])));
			try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
				for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
					String[] stat = statFields(proc.resolve("stat"));
					if (stat == null || Long.parseLong(stat[1]) != postmaster) {
						continue;
					}
					String title;
					try {
						title = Files.readString(proc.resolve("cmdline")).replace('\0', ' ').strip();
					}
					catch (IOException ended) {
						continue;
					}
					// "postgres: checkpointer", "postgres: autovacuum worker", "postgres: postgres postgres 127.0.0.1(5432) idle"
					String kind = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
					kind = kind.matches("\\S+ \\S+ (127\\.0\\.0\\.1|\\[local\\]|::1).*") ? "connections"
							: kind.startsWith("autovacuum worker") ? "autovacuum worker"
									: kind.startsWith("parallel worker") ? "parallel worker" : kind;
					processes.put(Long.parseLong(proc.getFileName().toString()),
							new PostgresProcess(kind, Long.parseLong(stat[11]) + Long.parseLong(stat[12])));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// best effort
		}
		return processes;
	}

	/** Each kind of PostgreSQL process's CPU between two counts (a process that started in between counts whole). */
	private static void printPostgres(Map<Long, PostgresProcess> before, Map<Long, PostgresProcess> after) {
		Map<String, Long> used = new TreeMap<>();
		after.forEach((pid, process) -> {
			PostgresProcess earlier = before.get(pid);
			long ticks = process.ticks() - (earlier == null || !earlier.kind().equals(process.kind()) ? 0 : earlier.ticks());
			used.merge(process.kind(), ticks, Long::sum);
		});
		StringBuilder line = new StringBuilder("  postgres by process:");
		used.forEach((kind, ticks) -> line.append(String.format(" %s %.2f s;", kind, ticks / 100.0)));
		System.out.println(line);
	}

	/** utime + stime of a process (own threads, not waited-for children), from the fields after the command name. */
	private static long procTicks(long pid) {
		String[] stat = statFields(Path.of("/proc", String.valueOf(pid), "stat"));
		return stat == null ? 0 : Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
	}

	/** /proc/PID/stat from field 3 (state) on: [0] state, [1] ppid, ... [11] utime, [12] stime. */
	private static String[] statFields(Path stat) {
		try {
			String line = Files.readString(stat);
			return line.substring(line.lastIndexOf(')') + 2).split(" ");
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * PostgreSQL's WAL so far: records and full-page images as {@code pg_stat_wal} (PostgreSQL 14+) has them, which
	 * each backend publishes up to a second late, and the bytes exactly, from the insert position; null where unknown.
	 */
	private static long[] wal(Connection db) {
		try (Statement statement = db.createStatement();
				ResultSet rs = statement.executeQuery("select wal_records, wal_fpi, pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint"
						+ " from pg_stat_wal")) {
			rs.next();
			return new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) };
		}
		catch (SQLException ex) {
			return null;
		}
	}

	/**
	 * The WAL a phase wrote, per event: its bytes (exact), and its records and full-page images (the first change to a page
	 * after a checkpoint writes the whole page; the ceiling's COPY ends with one) as published so far: a backend's last
	 * second may be counted in the next phase.
	 */
	private static void printWal(String label, long[] before, long[] after, int events) {
		if (before == null || after == null) {
			System.out.println("  " + label + ": not known (no pg_stat_wal)");
			return;
		}
		long records = after[0] - before[0];
		long images = after[1] - before[1];
		long bytes = after[2] - before[2];
		System.out.printf("  %s: %.0f MB (%.0f bytes an event); published so far, %,d records (%.2f an event), %,d full-page images"
				+ " (%.3f an event)%n", label, bytes / 1e6, (double) bytes / events, records, (double) records / events, images,
				(double) images / events);
	}

	private static void printCpu(Map<String, Long> before, Map<String, Long> after) {
		printCpu("CPU during ingest", before, after);
	}

	private static void printCpu(String label, Map<String, Long> before, Map<String, Long> after) {
		long machine = after.get("machine busy") - before.get("machine busy");
		StringBuilder line = new StringBuilder(label + " (share of busy machine time, 100 ticks/s):");
		after.forEach((name, value) -> {
			if (!name.equals("machine busy")) {
				long used = value - before.get(name);
				line.append(String.format(" %s %.1f s (%.0f%%);", name, used / 100.0, machine == 0 ? 0 : 100.0 * used / machine));
			}
		});
		line.append(String.format(" machine busy %.1f s (others' work included)", machine / 100.0));
		System.out.println(line);
	}

	/**
	 * The Greenroom JVM's CPU ticks by kind of thread (/proc/PID/task): request threads, the projection workers, Spring's
	 * task executor (asynchronous event listeners), the JIT's compiler threads, the garbage collector's, and the rest. A
	 * thread that ended in between is missing from the second count.
	 */
	static Map<String, Long> threadTicks(long pid) {
		Map<String, Long> ticks = new LinkedHashMap<>();
		for (String kind : List.of("request threads", "projection workers", "task executor", "JIT compiler", "GC", "other")) {
			ticks.put(kind, 0L);
		}
		try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String line = Files.readString(task.resolve("stat"));
					String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
					String[] stat = line.substring(line.lastIndexOf(')') + 2).split(" ");
					String kind = name.startsWith("http-nio") ? "request threads"
							// /proc keeps 15 characters of a thread's name
							: name.startsWith("projection-wo") ? "projection workers"
									: name.startsWith("task-") ? "task executor"
											: name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT compiler"
													: name.startsWith("GC Thread") || name.startsWith("G1 ") ? "GC" : "other";
					ticks.merge(kind, Long.parseLong(stat[11]) + Long.parseLong(stat[12]), Long::sum);
				}
				catch (IOException | RuntimeException ended) {
					// the thread ended
				}
			}
		}
		catch (IOException ex) {
			// best effort
		}
		return ticks;
	}

	private static void printThreads(Map<String, Long> before, Map<String, Long> after) {
		StringBuilder line = new StringBuilder("  greenroom JVM by thread:");
		after.forEach((kind, value) -> line.append(String.format(" %s %.2f s;", kind, (value - before.get(kind)) / 100.0)));
		System.out.println(line);
	}

}
