package com.greenroom.bench;

import static com.greenroom.bench.BenchSupport.deleteRecursively;
import static com.greenroom.bench.BenchSupport.freePort;
import static com.greenroom.bench.BenchSupport.printMachine;
import static com.greenroom.bench.BenchSupport.seconds;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Retention at volume: {@code --creators} (1,000,000) registered over {@code --days} (90) days, their active days
 * written as the rollup's per-creator facts straight into PostgreSQL; the running server rebuilds the cube
 * (timed), then the retention API is measured. The same question is then put to DuckDB (in-process) over the
 * same per-creator rows, as a column-store reference. Run: {@code mvn -B -Pbench-retention test-compile exec:exec}.
 */
public final class RetentionBenchmark {

	private static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int creators;

	private final int days;

	private final int rounds;

	private final boolean keep;

	private Process greenroom;

	private Path dataDir;

	private RetentionBenchmark(Map<String, String> options) {
		this.creators = Integer.parseInt(options.getOrDefault("creators", "1000000"));
		this.days = Integer.parseInt(options.getOrDefault("days", "90"));
		this.rounds = Integer.parseInt(options.getOrDefault("rounds", "30"));
		this.keep = options.containsKey("keep");
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair.length > 1 ? pair[1] : "true");
		}
		new RetentionBenchmark(options).run();
	}

	private void run() throws Exception {
		dataDir = Files.createTempDirectory("greenroom-bench-retention-");
		int port = freePort();
		greenroom = start(dataDir, port);
		try {
			URI base = URI.create("http://localhost:" + port);
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			IngestBenchmark.awaitHealthy(http, base, greenroom, dataDir);
			List<Long> managers = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				managers.add(createManager(http, base, "manager" + i));
			}
			try (Connection db = IngestBenchmark.database(dataDir)) {
				printMachine(db);
				seed(db, managers);
				awaitCube(db);
			}
			System.out.printf("%nLoad average before measuring: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
			System.out.printf("%-84s %8s %8s %8s%n", "GET (" + rounds + " requests each after 3 warm-ups, admin token)", "median", "p95",
					"max");
			String range = "&from=2026-09-01&to=2026-11-30";
			for (String path : List.of("/api/v1/insights/retention?period=week" + range,
					"/api/v1/insights/retention?period=day" + range,
					"/api/v1/insights/retention?period=month&mode=unbounded" + range,
					"/api/v1/insights/retention?period=week&days=" + allDays() + range,
					"/api/v1/insights/retention?period=week&region=LATAM" + range,
					"/api/v1/insights/retention?period=week&manager=" + managers.get(3) + range,
					"/api/v1/insights/retention?period=week&country=BR&days=7" + range)) {
				measure(http, base, path);
			}
			duckDb();
		}
		finally {
			greenroom.destroy();
			greenroom.waitFor();
			if (!keep) {
				deleteRecursively(dataDir);
			}
		}
	}

	private String allDays() {
		StringBuilder list = new StringBuilder("0");
		for (int d = 1; d < days; d++) {
			list.append(',').append(d);
		}
		return list.toString();
	}

	/**
	 * Creators registered evenly over the days before 2026-11-30, spread over 50 managers in five regions (one
	 * zone each), each active on day k with a chance that decays from 60% (day 0) towards 5%; written as the
	 * rollup writes them.
	 */
	private void seed(Connection db, List<Long> managers) throws Exception {
		long started = System.nanoTime();
		try (Statement sql = db.createStatement()) {
			sql.execute("create temp table place (n int, country text, region text, zone text)");
			sql.execute("""
					insert into place values (0, 'BR', 'LATAM', 'America/Sao_Paulo'), (1, 'US', 'NA', 'America/Los_Angeles'),
					(2, 'DE', 'EU', 'Europe/Berlin'), (3, 'IN', 'SA', 'Asia/Kolkata'), (4, 'ID', 'SEA', 'Asia/Jakarta')""");
			sql.execute("create temp table bench_manager as select row_number() over () - 1 as n, id from app_user where username like 'manager%'");
			sql.execute(
					"""
							insert into creator (creator_id, handle, country, region_code, time_zone, manager_id, status, registered_at, created_at, updated_at)
							select 'b-' || g, 'b' || g, p.country, p.region, p.zone, m.id, 'ACTIVE',
							       timestamp '2026-11-30 00:00' - (g %% %d) * interval '1 day', now(), now()
							from generate_series(1, %d) g
							join bench_manager m on m.n = (g / %d) %% 50
							join place p on p.n = m.n %% 5"""
						.formatted(days, creators, days));
			sql.execute("""
					insert into retention_creator (creator_id, cohort_day, time_zone, active_offsets, last_offset)
					select 'b-' || g, date '2026-11-30' - (g %% %1$d) - 1, p.zone, a.offsets, a.offsets[cardinality(a.offsets)]
					from generate_series(1, %2$d) g
					join place p on p.n = ((g / %1$d) %% 50) %% 5
					cross join lateral (select coalesce(array_agg(k order by k), '{}') as offsets
					                    from generate_series(0, g %% %1$d) k
					                    where random() < 0.05 + 0.55 * exp(-k / 7.0) and g > 0) a""".formatted(days, creators));
			sql.execute("insert into retention_dirty (cohort_day) select distinct cohort_day from retention_creator on conflict do nothing");
			try (ResultSet rs = sql.executeQuery("select count(*), sum(cardinality(active_offsets)) from retention_creator")) {
				rs.next();
				System.out.printf("Seeded %,d creators with %,d active days over %d cohort days in %.1f s%n", rs.getLong(1), rs.getLong(2), days,
						seconds(started));
			}
			sql.execute("analyze");
		}
	}

	private void awaitCube(Connection db) throws Exception {
		long started = System.nanoTime();
		while (true) {
			try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("select count(*) from retention_dirty")) {
				rs.next();
				if (rs.getLong(1) == 0) {
					break;
				}
			}
			Thread.sleep(200);
		}
		try (Statement sql = db.createStatement();
				ResultSet rs = sql.executeQuery("select count(*), pg_size_pretty(pg_total_relation_size('retention_cube')) from retention_cube")) {
			rs.next();
			System.out.printf("Cube rebuilt by the server's refresher for all %d cohort days in %.1f s: %,d segment rows, %s%n", days,
					seconds(started), rs.getLong(1), rs.getString(2));
		}
	}

	private void measure(HttpClient http, URI base, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
			.timeout(Duration.ofSeconds(120)).build();
		long[] nanos = new long[rounds];
		for (int i = -3; i < rounds; i++) {
			long started = System.nanoTime();
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			long took = System.nanoTime() - started;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + new String(response.body()));
			}
			if (i >= 0) {
				nanos[i] = took;
			}
		}
		Arrays.sort(nanos);
		String label = path.length() > 84 ? path.substring(0, 81) + "..." : path;
		System.out.printf("%-84s %5.1f ms %5.1f ms %5.1f ms%n", label, nanos[rounds / 2] / 1e6, nanos[(int) Math.ceil(rounds * 0.95) - 1] / 1e6,
				nanos[rounds - 1] / 1e6);
	}

	/** The same weekly question over the same per-creator rows, in DuckDB (in-process, all cores). */
	private void duckDb() throws Exception {
		Path csv = dataDir.resolve("retention_creator.csv");
		try (Connection db = IngestBenchmark.database(dataDir); Statement sql = db.createStatement()) {
			// the server's own file system: COPY TO a file needs superuser, which the embedded database's user is
			sql.execute("copy (select r.creator_id, r.cohort_day, r.time_zone, c.region_code, c.country, c.manager_id, "
					+ "array_to_string(r.active_offsets, ' ') as offsets, r.last_offset from retention_creator r join creator c using (creator_id)) "
					+ "to '" + csv + "' with (format csv, header)");
		}
		try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
			long loaded = System.nanoTime();
			sql.execute("create table retention_creator as select creator_id, cohort_day, time_zone, region_code, country, manager_id, "
					+ "list_transform(list_filter(string_split(coalesce(offsets, ''), ' '), x -> x <> ''), x -> cast(x as integer)) as active_offsets, "
					+ "last_offset from read_csv_auto('" + csv + "')");
			System.out.printf("%nDuckDB %s: loaded the same %,d rows in %.1f s%n", version(sql), count(sql), seconds(loaded));
			String weekly = """
					select date_trunc('week', cohort_day) as cohort, d.n, count(*) as size,
					       count(*) filter (where list_contains(active_offsets, d.n)) as retained
					from retention_creator cross join (select unnest([0, 1, 7, 14, 30]) as n) d
					where cohort_day between date '2026-09-01' and date '2026-11-30'
					group by all order by all""";
			String weeklyRegion = weekly.replace("where cohort_day", "where region_code = 'LATAM' and cohort_day");
			for (String[] query : List.of(new String[] { "week cohorts, days 0,1,7,14,30 (per-creator rows)", weekly },
					new String[] { "week cohorts, region LATAM", weeklyRegion })) {
				long[] nanos = new long[rounds];
				for (int i = -3; i < rounds; i++) {
					long started = System.nanoTime();
					try (ResultSet rs = sql.executeQuery(query[1])) {
						while (rs.next()) {
							rs.getLong(3);
						}
					}
					if (i >= 0) {
						nanos[i] = System.nanoTime() - started;
					}
				}
				Arrays.sort(nanos);
				System.out.printf("DuckDB %-77s %5.1f ms %5.1f ms %5.1f ms%n", query[0], nanos[rounds / 2] / 1e6,
						nanos[(int) Math.ceil(rounds * 0.95) - 1] / 1e6, nanos[rounds - 1] / 1e6);
			}
		}
	}

	private static String version(Statement sql) throws Exception {
		try (ResultSet rs = sql.executeQuery("select version()")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static long count(Statement sql) throws Exception {
		try (ResultSet rs = sql.executeQuery("select count(*) from retention_creator")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private long createManager(HttpClient http, URI base, String username) throws Exception {
		String body = """
				{"username":"%s","displayName":"%s","password":"bench-password-0123","roles":["CREATOR_MANAGER"],"regions":["LATAM","NA","EU","SA","SEA"]}"""
			.formatted(username, username);
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/users"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201) {
			throw new IllegalStateException("Creating " + username + " answered " + created.statusCode() + ": " + created.body());
		}
		return JSON.readTree(created.body()).get("id").asLong();
	}

	private Process start(Path dataDir, int port) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
				System.getProperty("java.class.path"), "com.greenroom.GreenroomApplication", "serve", "--server.port=" + port,
				"--greenroom.data-dir=" + dataDir, "--greenroom.admin.password=bench-admin-password",
				"--greenroom.admin.token=" + ADMIN_TOKEN, "--logging.level.root=warn"));
		System.out.printf("Starting Greenroom (serve, -Xmx1g, data in %s), log in greenroom.log there%n", dataDir);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dataDir.resolve("greenroom.log").toFile()).start();
	}

}
