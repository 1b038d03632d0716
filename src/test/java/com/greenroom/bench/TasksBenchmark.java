package com.greenroom.bench;

import static com.greenroom.bench.BenchSupport.deleteRecursively;
import static com.greenroom.bench.BenchSupport.freePort;
import static com.greenroom.bench.BenchSupport.printMachine;
import static com.greenroom.bench.BenchSupport.seconds;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Load driver for Today and the board at volume, not a test: how long the pages take at the server
 * (measured from a client on the same machine, so an upper bound) with 100,000 open tasks in one region
 * and 2,000 of them owned by one creator manager.
 * <p>
 * It starts Greenroom as {@code serve} in a child JVM ({@code -Xmx1g}, durable embedded PostgreSQL) with a
 * fresh temporary data directory, creates the people through the admin API, loads 2,500 creators and the
 * tasks straight into PostgreSQL (open work spread over checklist steps, support actions and follow-ups,
 * due from 5 days ago to 25 days ahead, plus 50,000 done tasks of history), signs in through the login
 * form and requests each page repeatedly. Run: {@code mvn -B -Pbench-tasks test-compile exec:exec}
 * (options: {@code -Dbench.args="--open=100000 --mine=2000 --rounds=30"}).
 */
public final class TasksBenchmark {

	private static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

	private static final String PASSWORD = "bench-password-0123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, String> options;

	private final int open;

	private final int mine;

	private final int rounds;

	private TasksBenchmark(Map<String, String> options) {
		this.options = options;
		this.open = Integer.parseInt(options.getOrDefault("open", "100000"));
		this.mine = Integer.parseInt(options.getOrDefault("mine", "2000"));
		this.rounds = Integer.parseInt(options.getOrDefault("rounds", "30"));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair.length > 1 ? pair[1] : "true");
		}
		new TasksBenchmark(options).run();
	}

	private void run() throws Exception {
		dataDir = Files.createTempDirectory("greenroom-bench-tasks-");
		int port = freePort();
		greenroom = start(dataDir, port);
		try {
			URI base = URI.create("http://localhost:" + port);
			HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			IngestBenchmark.awaitHealthy(plain, base, greenroom, dataDir);
			long mia = createUser(plain, base, "mia", "CREATOR_MANAGER");
			createUser(plain, base, "leo", "REGIONAL_LEAD");
			List<Long> others = new ArrayList<>();
			for (int i = 0; i < 9; i++) {
				others.add(createUser(plain, base, "manager" + i, "CREATOR_MANAGER"));
			}
			try (Connection db = database(dataDir)) {
				printMachine(db);
				seed(db, mia, others);
			}
			Map<String, List<String>> pages = new LinkedHashMap<>();
			pages.put("mia", List.of("/", "/today", "/today?view=overdue", "/today?view=upcoming", "/today?view=mine&group=creator",
					"/today?view=grabs", "/today?view=grabs&page=100", "/today?view=grabs&q=creator42",
					"/today?view=grabs&kind=support-action&sort=creator&group=kind"));
			pages.put("leo", List.of("/today/board?region=LATAM", "/today/board?region=LATAM&owner=role:CREATOR_MANAGER",
					"/today/board?region=LATAM&owner=" + mia));
			System.out.println();
			System.out.printf("Load average before measuring: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
			System.out.printf("%-62s %9s %9s %9s %9s %8s%n", "page (" + rounds + " requests each after 3 warm-ups)", "median", "p95", "max",
					"srv CPU", "bytes");
			for (Map.Entry<String, List<String>> who : pages.entrySet()) {
				HttpClient session = signIn(base, who.getKey());
				for (String path : who.getValue()) {
					measure(session, base, who.getKey() + " " + path, path);
				}
			}
			String token = token(plain, base, mia);
			for (String path : List.of("/api/v1/tasks?owner=me&due=week", "/api/v1/tasks?owner=none&kind=checklist-step&q=creator7")) {
				measure(plain, base, "mia " + path, path, "Bearer " + token);
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

	/** Creators and tasks straight into PostgreSQL: deterministic, so every run sees the same shape. */
	private void seed(Connection db, long mia, List<Long> others) throws Exception {
		long started = System.nanoTime();
		try (Statement sql = db.createStatement()) {
			sql.execute("""
					insert into creator (creator_id, handle, country, region_code, time_zone, status, registered_at, notes, created_at,
					                     updated_at, manager_id)
					select 'bench-' || g, 'creator' || g, 'BR', 'LATAM', 'America/Sao_Paulo', 'ACTIVE', now() - (g %% 60) * interval '1 day', '',
					       now(), now(), case when g <= 200 then %d end
					from generate_series(1, 2500) g""".formatted(mia));
			String othersArray = "array[" + String.join(",", others.stream().map(String::valueOf).toList()) + "]::bigint[]";
			// open work: the first `mine` tasks are mia's, the next 18,000 other managers', the rest up for grabs
			sql.execute("""
					insert into task (title, source_type, source_id, creator_id, creator_handle, region_code, owner_user_id, owner_role, due_at,
					                  status, created_by, created_at, updated_at)
					select (array['Welcome call', 'Profile and first-stream setup', 'Day-7 check-in', 'Congratulate the first stream',
					              'No first stream: call', 'Coaching follow-up'])[1 + g %% 6] || ' · creator' || (1 + g %% 2500),
					       (array['ONBOARDING_STEP', 'ONBOARDING_STEP', 'ONBOARDING_STEP', 'SUPPORT_ACTION', 'STALL_RULE', 'COACHING'])[1 + g %% 6],
					       g::text, 'bench-' || (1 + g %% 2500), 'creator' || (1 + g %% 2500), 'LATAM',
					       case when g <= %1$d then %2$d when g <= %1$d + 18000 then (%3$s)[1 + g %% %4$d] end,
					       case when g %% 10 = 0 then 'SAFETY' else 'CREATOR_MANAGER' end,
					       now() + (((g * 7919) %% (30 * 24 * 60)) - 5 * 24 * 60) * interval '1 minute', 'OPEN', 'bench', now(), now()
					from generate_series(1, %5$d) g""".formatted(mine, mia, othersArray, others.size(), open));
			sql.execute("""
					insert into task (title, source_type, source_id, creator_id, creator_handle, region_code, owner_user_id, owner_role, due_at,
					                  status, completion_note, completed_by, completed_at, created_by, created_at, updated_at)
					select 'Welcome call · creator' || (1 + g %% 2500), 'ONBOARDING_STEP', 'done-' || g, 'bench-' || (1 + g %% 2500),
					       'creator' || (1 + g %% 2500), 'LATAM',
					       %d, 'CREATOR_MANAGER', now() - (g %% 90) * interval '1 day', 'DONE', 'done', %d, now() - (g %% 90) * interval '1 day',
					       'bench', now(), now()
					from generate_series(1, 50000) g""".formatted(mia, mia));
			sql.execute("analyze");
			try (ResultSet rs = sql.executeQuery("""
					select count(*) filter (where status = 'OPEN'), count(*) filter (where status = 'OPEN' and owner_user_id = %d),
					       count(*) filter (where status = 'OPEN' and owner_user_id is null), count(*) from task where region_code = 'LATAM'"""
				.formatted(mia))) {
				rs.next();
				System.out.printf("Seeded in %.1f s: %,d open tasks in LATAM (%,d mia's, %,d up for grabs), %,d tasks in all, 2,500 creators%n",
						seconds(started), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
			}
		}
	}

	private Process greenroom;

	private Path dataDir;

	private void measure(HttpClient client, URI base, String label, String path, String... authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
		if (authorization.length > 0) {
			request.header("Authorization", authorization[0]);
		}
		long[] nanos = new long[rounds];
		int bytes = 0;
		Map<String, Long> cpuBefore = null;
		for (int i = -3; i < rounds; i++) {
			if (i == 0) {
				cpuBefore = IngestBenchmark.cpuTicks(greenroom.pid(), dataDir);
			}
			long started = System.nanoTime();
			HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			long took = System.nanoTime() - started;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode());
			}
			bytes = response.body().length;
			if (i >= 0) {
				nanos[i] = took;
			}
		}
		Map<String, Long> cpuAfter = IngestBenchmark.cpuTicks(greenroom.pid(), dataDir);
		// CPU the server spent per request (Greenroom JVM + PostgreSQL, 10 ms ticks): what a request costs whatever else runs
		double serverCpu = 10.0 * (cpuAfter.get("greenroom JVM") - cpuBefore.get("greenroom JVM") + cpuAfter.get("postgres")
				- cpuBefore.get("postgres")) / rounds;
		Arrays.sort(nanos);
		System.out.printf("%-62s %6.0f ms %6.0f ms %6.0f ms %6.0f ms %8d%n", label, nanos[rounds / 2] / 1e6,
				nanos[(int) Math.ceil(rounds * 0.95) - 1] / 1e6, nanos[rounds - 1] / 1e6, serverCpu, bytes);
	}

	private HttpClient signIn(URI base, String username) throws Exception {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10)).build();
		String form = client.send(HttpRequest.newBuilder(base.resolve("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on the login form");
		}
		String body = "username=" + username + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
		HttpResponse<String> login = client.send(HttpRequest.newBuilder(base.resolve("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("Sign-in of " + username + " failed: " + login.statusCode());
		}
		return client;
	}

	private long createUser(HttpClient http, URI base, String username, String role) throws Exception {
		String body = """
				{"username":"%s","displayName":"%s","password":"%s","roles":["%s"],"regions":["LATAM"]}""".formatted(username,
				Character.toUpperCase(username.charAt(0)) + username.substring(1), PASSWORD, role);
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

	private String token(HttpClient http, URI base, long userId) throws Exception {
		HttpResponse<String> issued = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/users/" + userId + "/tokens"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"kind\":\"PERSONAL\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(issued.body()).get("secret").asString();
	}

	private Process start(Path dataDir, int port) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
				System.getProperty("java.class.path"), "com.greenroom.GreenroomApplication", "serve", "--server.port=" + port,
				"--greenroom.data-dir=" + dataDir, "--greenroom.admin.password=bench-admin-password", "--greenroom.admin.token=" + ADMIN_TOKEN,
				"--logging.level.root=warn"));
		System.out.printf("Starting Greenroom (serve, -Xmx1g, data in %s), log in greenroom.log there%n", dataDir);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dataDir.resolve("greenroom.log").toFile()).start();
	}

	private static Connection database(Path dataDir) throws Exception {
		return IngestBenchmark.database(dataDir);
	}

}
