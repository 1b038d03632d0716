package com.greenroom.bench;

import static com.greenroom.bench.BenchSupport.deleteRecursively;
import static com.greenroom.bench.BenchSupport.freePort;
import static com.greenroom.bench.BenchSupport.printMachine;
import static com.greenroom.bench.BenchSupport.seconds;
import static com.greenroom.bench.BenchSupport.words;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load driver for the read paths that must not grow with the roster (issue 13), not a test: roster
 * searches, filters, sorts and CSV, Today's task API and the live rooms, each requested by 16 concurrent
 * clients, and the tier recomputation of every region as a job, at a given number of creators.
 * <p>
 * It starts Greenroom as {@code serve} in a child JVM ({@code -Xmx1g}, durable embedded PostgreSQL, fresh
 * data directory), creates a lead ({@code leo}, LATAM) and a manager ({@code mia}, LATAM, 200 creators),
 * and loads straight into PostgreSQL (deterministic SQL, not the simulator): N creators over four regions,
 * 35 creator days of activity for 60% of them, milestones, one open task per creator (mia's with her,
 * the rest up for grabs) and 2% of the creators live with gifts. Run:
 * {@code mvn -B -o -q -Pbench-readpaths test-compile exec:exec -Dbench.args="--creators=100000"}
 * (options: {@code --clients=16 --requests=20 --keep --explain}; {@code --port=<n>} and {@code --dir-prefix=<name>} for
 * a shared machine's allotted port and temporary directory names; {@code --warmup=3} sequential requests of each class, all classes warmed before any is measured (then up to 10 more just before
 * each; {@code --warm-first=false}: each class warmed just before it is measured, as before readpaths8); {@code --only=<regex>} measures only the requests whose label
 * matches; {@code --jfr=<directory>} writes a flight recording of the server per measured request there;
 * {@code --server-args="--a=1 --b=2"} adds settings to the server's command line, e.g. {@code --greenroom.pools.web=16}). Each row
 * also prints the server JVM's and PostgreSQL's process CPU per request, which a shared machine does not distort
 * as it does wall times.
 * <p>
 * {@code --compare=10000,100000} (with {@code --rounds=5}) runs two servers side by side, one per roster size, and
 * measures each class on both in alternation, so that a class's growth from one size to the other is measured on the
 * machine in one state: one run of the single mode per size saw this machine's speed move by up to 2x between them.
 */
public final class ReadPathsBenchmark {

	private static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

	private static final String PASSWORD = "bench-password-0123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ADMIN = "Bearer " + ADMIN_TOKEN;

	private final Map<String, String> options;

	private final int clients;

	private final int requests;

	/** The server measured by {@link #run()}, or the larger of the two in {@code --compare}: the one {@code --explain} asks. */
	private Server server;

	/** One Greenroom under load: its process, its data directory, and its requests by label with their users' authorization. */
	private static final class Server {

		private final int creators;

		private final Path dataDir;

		private final Process process;

		private final URI base;

		private final Map<String, String[]> requestsByLabel = new LinkedHashMap<>();

		private Server(int creators, Path dataDir, Process process, URI base) {
			this.creators = creators;
			this.dataDir = dataDir;
			this.process = process;
			this.base = base;
		}
	}

	/** One class measured once on one server: every request's time (sorted), the last response's size, CPU per request. */
	private record Sample(long[] nanos, int bytes, double jvmMs, double pgMs) {

		double cpuMs() {
			return jvmMs + pgMs;
		}

		double percentile(double fraction) {
			return nanos[Math.max(0, (int) Math.ceil(nanos.length * fraction) - 1)] / 1e6;
		}

		static Sample merged(List<Sample> samples) {
			long[] all = samples.stream().flatMapToLong(sample -> Arrays.stream(sample.nanos)).sorted().toArray();
			return new Sample(all, samples.get(samples.size() - 1).bytes, samples.stream().mapToDouble(Sample::jvmMs).average().orElse(0),
					samples.stream().mapToDouble(Sample::pgMs).average().orElse(0));
		}
	}

	private ReadPathsBenchmark(Map<String, String> options) {
		this.options = options;
		this.clients = Integer.parseInt(options.getOrDefault("clients", "16"));
		this.requests = Integer.parseInt(options.getOrDefault("requests", "20"));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair.length > 1 ? pair[1] : "true");
		}
		ReadPathsBenchmark benchmark = new ReadPathsBenchmark(options);
		if (options.containsKey("compare")) {
			benchmark.compare();
		}
		else {
			benchmark.run();
		}
	}

	private void run() throws Exception {
		int port = options.containsKey("port") ? Integer.parseInt(options.get("port")) : freePort();
		server = launch(Integer.parseInt(options.getOrDefault("creators", "10000")), port);
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			prepare(http, server);
			System.out.println();
			System.out.printf("Load average before measuring: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
			System.out.printf("%-56s %8s %8s %8s %8s %9s %9s %9s%n", clients + " clients x " + requests + " requests, after warm-up", "p50", "p95",
					"p99", "max", "bytes", "JVM cpu", "PG cpu");
			ExecutorService pool = Executors.newFixedThreadPool(clients);
			try {
				// a running server is warm: every class's warm-up requests first (--warm-first, the default since readpaths8), so
				// the first class measured does not carry the server's first minutes (its JIT) alone; --warm-first=false warms
				// each class just before measuring it, as before
				boolean warmFirst = !"false".equals(options.getOrDefault("warm-first", "true"));
				int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
				if (warmFirst) {
					long warming = System.nanoTime();
					for (Map.Entry<String, String[]> entry : server.requestsByLabel.entrySet()) {
						if (selected(entry.getKey())) {
							warm(http, server.base, entry.getValue()[0], entry.getValue()[1], warmup);
						}
					}
					System.out.printf("Warmed every class first (%d requests each) in %.1f s%n", warmup, seconds(warming));
				}
				for (Map.Entry<String, String[]> entry : server.requestsByLabel.entrySet()) {
					if (!selected(entry.getKey())) {
						continue;
					}
					// after the warm pass, a few requests put this class's pages back in the caches
					Sample sample = measure(pool, http, server, entry.getKey(), warmFirst ? Math.min(warmup, 10) : warmup);
					System.out.printf("%-56s %5.0f ms %5.0f ms %5.0f ms %5.0f ms %9d %6.2f ms %6.2f ms%n", entry.getKey(), sample.percentile(0.5),
							sample.percentile(0.95), sample.percentile(0.99), sample.percentile(1), sample.bytes(), sample.jvmMs(), sample.pgMs());
				}
			}
			finally {
				pool.shutdownNow();
			}
			System.out.printf("Load average after measuring: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
			if (options.containsKey("only")) {
				explainIfAsked();
				return;
			}
			long started = System.nanoTime();
			HttpResponse<byte[]> csv = http.send(
					get(server.base, ADMIN, "/api/v1/creators.csv?sort=-revenue28d&columns=handle,revenue28d,tier"),
					HttpResponse.BodyHandlers.ofByteArray());
			System.out.printf("admin CSV of every creator (one client): %.0f ms, %,d bytes, status %d%n", seconds(started) * 1000,
					csv.body().length, csv.statusCode());
			recomputeTiers(http, server.base);
			explainIfAsked();
		}
		finally {
			stop(server);
		}
	}

	/**
	 * {@code --compare=10000,100000}: the same classes on two servers side by side, one per roster size, measured in
	 * alternation ({@code --rounds} times each, the order swapped every round) so that both sizes see the machine in the
	 * same state. A class's growth is the median over the rounds of its CPU per request on the larger roster divided by that
	 * on the smaller one, each round's pair measured within seconds of each other.
	 */
	private void compare() throws Exception {
		String[] sizes = options.get("compare").split(",");
		if (sizes.length != 2) {
			throw new IllegalArgumentException("--compare takes two roster sizes, e.g. --compare=10000,100000");
		}
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
		int port = options.containsKey("port") ? Integer.parseInt(options.get("port")) : freePort();
		Server small = launch(Integer.parseInt(sizes[0].strip()), port);
		Server large = null;
		try {
			large = launch(Integer.parseInt(sizes[1].strip()), options.containsKey("port") ? port + 1 : freePort());
			server = large;
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			prepare(http, small);
			prepare(http, large);
			List<String> labels = small.requestsByLabel.keySet().stream().filter(this::selected).toList();
			long warming = System.nanoTime();
			for (String label : labels) {
				for (Server each : List.of(small, large)) {
					warm(http, each.base, each.requestsByLabel.get(label)[0], each.requestsByLabel.get(label)[1], warmup);
				}
			}
			System.out.printf("%nWarmed every class on both servers (%d requests each) in %.1f s%n", warmup, seconds(warming));
			System.out.printf("Load average before measuring: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
			Map<String, List<Sample>> smallSamples = new LinkedHashMap<>();
			Map<String, List<Sample>> largeSamples = new LinkedHashMap<>();
			ExecutorService pool = Executors.newFixedThreadPool(clients);
			try {
				for (int round = 0; round < rounds; round++) {
					for (String label : labels) {
						// the order swapped every round: neither size always measured second, on caches the other just warmed
						List<Server> order = round % 2 == 0 ? List.of(small, large) : List.of(large, small);
						for (Server each : order) {
							Sample sample = measure(pool, http, each, label, Math.min(warmup, 10));
							(each == small ? smallSamples : largeSamples).computeIfAbsent(label, l -> new ArrayList<>()).add(sample);
						}
					}
					System.out.printf("  round %d of %d done%n", round + 1, rounds);
				}
			}
			finally {
				pool.shutdownNow();
			}
			System.out.printf("Load average after measuring: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
			System.out.println();
			System.out.printf("%d clients x %d requests a round, %d rounds, CPU per request = server JVM + PostgreSQL%n", clients, requests, rounds);
			System.out.printf("%-56s %17s %17s %15s %15s %22s %21s%n", "", "p50 (" + small.creators + " / " + large.creators + ")", "p99",
					"CPU " + small.creators, "CPU " + large.creators, "growth (rounds' range)", "JVM + PG " + large.creators);
			for (String label : labels) {
				List<Sample> a = smallSamples.get(label);
				List<Sample> b = largeSamples.get(label);
				double[] ratios = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					ratios[round] = b.get(round).cpuMs() / a.get(round).cpuMs();
				}
				Arrays.sort(ratios);
				Sample allA = Sample.merged(a);
				Sample allB = Sample.merged(b);
				System.out.printf("%-56s %7.0f / %4.0f ms %7.0f / %4.0f ms %6.2f ms %6.2f ms %6.2fx (%.2f–%.2f) %6.2f + %5.2f ms%n", label,
						allA.percentile(0.5), allB.percentile(0.5), allA.percentile(0.99), allB.percentile(0.99), median(a, Sample::cpuMs),
						median(b, Sample::cpuMs), median(ratios), ratios[0], ratios[rounds - 1], median(b, Sample::jvmMs), median(b, Sample::pgMs));
			}
			explainIfAsked();
		}
		finally {
			stop(small);
			if (large != null) {
				stop(large);
			}
		}
	}

	private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> figure) {
		return median(samples.stream().mapToDouble(figure).sorted().toArray());
	}

	private static double median(double[] sorted) {
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	private Server launch(int creators, int port) throws Exception {
		Path dataDir = Files.createTempDirectory(options.getOrDefault("dir-prefix", "greenroom-bench-readpaths-"));
		return new Server(creators, dataDir, start(dataDir, port), URI.create("http://localhost:" + port));
	}

	private void stop(Server stopped) throws Exception {
		stopped.process.destroy();
		stopped.process.waitFor();
		if (!options.containsKey("keep")) {
			deleteRecursively(stopped.dataDir);
		}
	}

	/** Waits for the server, creates the users, loads its roster, recomputes its tiers and lists its requests. */
	private void prepare(HttpClient http, Server prepared) throws Exception {
		IngestBenchmark.awaitHealthy(http, prepared.base, prepared.process, prepared.dataDir);
		long mia = createUser(http, prepared.base, "mia", "CREATOR_MANAGER");
		long leo = createUser(http, prepared.base, "leo", "REGIONAL_LEAD");
		try (Connection db = IngestBenchmark.database(prepared.dataDir)) {
			printMachine(db);
			seed(db, mia, prepared.creators);
		}
		String miaToken = "Bearer " + token(http, prepared.base, mia);
		String leoToken = "Bearer " + token(http, prepared.base, leo);

		// tiers first: the tier filter and column read them
		recomputeTiers(http, prepared.base);

		Map<String, String[]> requestsByLabel = prepared.requestsByLabel;
		requestsByLabel.put("admin roster, default order (handle)", new String[] { ADMIN, "/api/v1/creators" });
		requestsByLabel.put("admin roster, q hit (creator4242)", new String[] { ADMIN, "/api/v1/creators?q=creator4242" });
		requestsByLabel.put("admin roster, q miss (zzqx)", new String[] { ADMIN, "/api/v1/creators?q=zzqx" });
		// a text every trigram of which is common (one handle in nine holds "or4", all "creator"): a full page at either size
		requestsByLabel.put("admin roster, q=creator4 (full page)", new String[] { ADMIN, "/api/v1/creators?q=creator4" });
		requestsByLabel.put("admin roster, milestone=FIRST_REVENUE", new String[] { ADMIN, "/api/v1/creators?milestone=FIRST_REVENUE" });
		requestsByLabel.put("admin roster, milestone=FIRST_REVENUE&reached=false",
				new String[] { ADMIN, "/api/v1/creators?milestone=FIRST_REVENUE&reached=false" });
		requestsByLabel.put("admin roster, tier=MID", new String[] { ADMIN, "/api/v1/creators?tier=MID" });
		requestsByLabel.put("admin roster, sort=-registered", new String[] { ADMIN, "/api/v1/creators?sort=-registered" });
		requestsByLabel.put("admin roster, sort=tier", new String[] { ADMIN, "/api/v1/creators?sort=tier" });
		requestsByLabel.put("admin roster, sort=-revenue28d", new String[] { ADMIN, "/api/v1/creators?sort=-revenue28d" });
		requestsByLabel.put("lead roster (LATAM), sort=-revenue28d", new String[] { leoToken, "/api/v1/creators?sort=-revenue28d" });
		requestsByLabel.put("mia roster, manager=me, all figure columns", new String[] { miaToken,
				"/api/v1/creators?manager=me&columns=handle,lastLive,activeDays28d,revenue28d,milestones,tier&sort=-revenue28d" });
		requestsByLabel.put("mia CSV of her 200 creators", new String[] { miaToken, "/api/v1/creators.csv?manager=me" });
		requestsByLabel.put("mia tasks, owner=me&due=week", new String[] { miaToken, "/api/v1/tasks?owner=me&due=week" });
		requestsByLabel.put("lead tasks, owner=none&q=creator42", new String[] { leoToken, "/api/v1/tasks?owner=none&q=creator42" });
		// a full page at either roster size (creator4, 40-49, 400-499, 4000-4999 and, at 100,000, 40000-49999): the page is the same
		// size, the true total counts ten times the matches
		requestsByLabel.put("lead tasks, owner=none&q=creator4 (full page)", new String[] { leoToken, "/api/v1/tasks?owner=none&q=creator4" });
		requestsByLabel.put("lead tasks, owner=none&q=zzqx (miss)", new String[] { leoToken, "/api/v1/tasks?owner=none&q=zzqx" });
		requestsByLabel.put("admin live rooms", new String[] { ADMIN, "/api/v1/live/rooms" });
		requestsByLabel.put("lead live rooms (LATAM), sort=revenue", new String[] { leoToken, "/api/v1/live/rooms?sort=revenue" });
	}

	private void seed(Connection db, long mia, int creators) throws Exception {
		long started = System.nanoTime();
		try (Statement sql = db.createStatement()) {
			sql.execute(
					"""
							insert into creator (creator_id, handle, country, region_code, time_zone, status, registered_at, notes, created_at,
							                     updated_at, manager_id)
							select 'bench-' || g, 'creator' || g, (array['BR', 'DE', 'SG', 'US'])[1 + g %% 4], (array['LATAM', 'EU', 'SEA', 'NA'])[1 + g %% 4],
							       (array['America/Sao_Paulo', 'Europe/Berlin', 'Asia/Singapore', 'America/New_York'])[1 + g %% 4], 'ACTIVE',
							       now() - (1 + g %% 90) * interval '1 day', '', now(), now(), case when g %% 4 = 0 and g <= 800 then %d end
							from generate_series(1, %d) g"""
						.formatted(mia, creators));
			sql.execute("""
					insert into activity_creator (creator_id, time_zone, zone_source)
					select creator_id, time_zone, 'ROSTER' from creator where creator_id like 'bench-%'""");
			// 60% of the creators active on every third day of the last 35, revenue on every sixth
			sql.execute("""
					insert into activity_creator_day (creator_id, day, active, streams, live_seconds, unique_viewers, peak_concurrent_viewers, gifts,
					                                  gift_revenue_usd, subscriptions, subscription_revenue_usd, follows, reports)
					select 'bench-' || g, current_date - d, true, 1, 3600, 5, 3, case when (g + d) %% 6 = 0 then 2 else 0 end,
					       case when (g + d) %% 6 = 0 then (g %% 97) * 1.5 else 0 end, 0, 0, 1, 0
					from generate_series(1, %d) g, generate_series(0, 34) d
					where g %% 10 < 6 and (g + d) %% 3 = 0""".formatted(creators));
			sql.execute("""
					insert into creator_milestone (creator_id, code, reached_at, reached_day, event_id)
					select 'bench-' || g, 'FIRST_STREAM', now() - interval '30 days', current_date - 30, 'e-s-' || g
					from generate_series(1, %d) g where g %% 10 < 6""".formatted(creators));
			sql.execute("""
					insert into creator_milestone (creator_id, code, reached_at, reached_day, event_id)
					select 'bench-' || g, 'FIRST_REVENUE', now() - interval '20 days', current_date - 20, 'e-r-' || g
					from generate_series(1, %d) g where g %% 10 < 3""".formatted(creators));
			// 2% live now, with three gifts each in the last hour
			sql.execute("""
					insert into activity_stream (stream_id, creator_id, started_at, ended_at, last_event_at, title, category, current_viewers,
					                             peak_viewers, reports, gift_revenue_usd)
					select 'live-' || g, 'bench-' || g, now() - interval '40 minutes', null, now(), 'Evening show', 'music', g %% 500, g %% 700, 0,
					       (g %% 13) * 3
					from generate_series(1, %d) g where g %% 50 = 0""".formatted(creators));
			sql.execute("""
					insert into activity_stream_gift (stream_id, event_id, occurred_at, usd)
					select s.stream_id, s.stream_id || '-g' || k, now() - k * interval '10 minutes', 1 + k
					from activity_stream s, generate_series(1, 3) k where s.stream_id like 'live-%'""");
			// one open task per creator: mia's creators' with her, the rest up for grabs in the creator's region
			sql.execute("""
					insert into task (title, source_type, source_id, creator_id, creator_handle, region_code, owner_user_id, owner_role, due_at,
					                  status, created_by, created_at, updated_at)
					select (array['Welcome call', 'Day-7 check-in', 'Coaching follow-up'])[1 + c.id % 3] || ' · ' || c.handle, 'ONBOARDING_STEP',
					       'bench-' || c.id, c.creator_id, c.handle, c.region_code, c.manager_id, 'CREATOR_MANAGER',
					       now() + ((c.id % 240) - 48) * interval '1 hour', 'OPEN', 'bench', now(), now()
					from creator c where c.creator_id like 'bench-%'""");
			// loaded past the projection: write the roster's activity summary (V262) the way its migration does, with each
			// creator's region (V325) as a batch writes it
			sql.execute("""
					insert into activity_roster_summary (creator_id, last_live_at, active_days_28d, live_minutes_28d, revenue_28d_usd,
					                                     followers_28d, valid_until, region_code)
					select ac.creator_id, f.last_live_at, f.active_days_28d, f.live_minutes_28d, f.revenue_28d_usd, f.followers_28d,
					       least(((now() at time zone ac.time_zone)::date + 1)::timestamp at time zone ac.time_zone,
					             (select min(s.started_at) from activity_stream s where s.creator_id = ac.creator_id and s.started_at > now())),
					       coalesce((select c.region_code from creator c where c.creator_id = ac.creator_id), '')
					from activity_creator ac cross join lateral activity_roster_figures(ac.creator_id, now()) f
					on conflict (creator_id) do nothing""");
			sql.execute("analyze");
			try (ResultSet rs = sql.executeQuery("""
					select (select count(*) from creator), (select count(*) from activity_creator_day), (select count(*) from creator_milestone),
					       (select count(*) from task where status = 'OPEN'), (select count(*) from activity_stream where ended_at is null)""")) {
				rs.next();
				System.out.printf("Seeded in %.1f s: %,d creators, %,d creator days, %,d milestones, %,d open tasks, %,d live rooms%n",
						seconds(started), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
			}
		}
	}

	private void recomputeTiers(HttpClient http, URI base) throws Exception {
		long started = System.nanoTime();
		HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/tiers/recompute"))
			.header("Authorization", ADMIN)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		double answered = seconds(started) * 1000;
		if (accepted.statusCode() != 202) {
			throw new IllegalStateException("recompute answered " + accepted.statusCode() + ": " + accepted.body());
		}
		long id = JSON.readTree(accepted.body()).get("id").asLong();
		JsonNode job;
		do {
			Thread.sleep(200);
			job = JSON.readTree(http.send(get(base, ADMIN, "/api/v1/tiers/recompute/" + id), HttpResponse.BodyHandlers.ofString()).body());
		}
		while (!job.path("status").asString("").equals("DONE") && !job.path("status").asString("").equals("FAILED")
				&& !job.path("status").asString("").equals("INTERRUPTED"));
		Duration ran = Duration.between(Instant.parse(job.get("startedAt").asString()), Instant.parse(job.get("finishedAt").asString()));
		StringBuilder regions = new StringBuilder();
		for (JsonNode region : job.get("regions")) {
			if (!region.path("status").asString("").equals("DONE")) {
				// a failed region has no count: say why instead
				regions.append(String.format(" %s %s (%s);", region.path("region").asString(""), region.path("status").asString(""),
						region.path("error").asString("")));
			}
			else if (region.path("creators").asInt(0) > 0) {
				regions.append(String.format(" %s %,d creators %d ms;", region.get("region").asString(), region.get("creators").asInt(),
						Duration.between(Instant.parse(region.get("startedAt").asString()), Instant.parse(region.get("finishedAt").asString()))
							.toMillis()));
			}
		}
		System.out.printf("Tier recompute of every region (%d regions): 202 in %.0f ms; job %s, ran %,d ms;%s%n",
				job.get("regionsTotal").asInt(), answered, job.get("status").asString(), ran.toMillis(), regions);
	}

	private boolean selected(String label) {
		return !options.containsKey("only") || label.matches("(?i).*(" + options.get("only") + ").*");
	}

	/** {@code count} sequential requests; the last response's size. */
	private static int warm(HttpClient http, URI base, String authorization, String path, int count) throws Exception {
		HttpRequest request = get(base, authorization, path);
		int bytes = 0;
		for (int i = 0; i < Math.max(1, count); i++) {
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + new String(response.body()));
			}
			bytes = response.body().length;
		}
		return bytes;
	}

	private Sample measure(ExecutorService pool, HttpClient http, Server measured, String label, int warmup) throws Exception {
		String authorization = measured.requestsByLabel.get(label)[0];
		String path = measured.requestsByLabel.get(label)[1];
		HttpRequest request = get(measured.base, authorization, path);
		int bytes = warm(http, measured.base, authorization, path, warmup);
		Path jfr = null;
		if (options.containsKey("jfr")) {
			// a flight recording of the server while this request is measured (--jfr=<directory>)
			Files.createDirectories(Path.of(options.get("jfr")));
			jfr = Path.of(options.get("jfr")).resolve(measured.creators + "-" + label.replaceAll("[^A-Za-z0-9]+", "-") + ".jfr").toAbsolutePath();
			jcmd(measured, "JFR.start", "name=bench", "settings=profile", "filename=" + jfr);
		}
		Map<String, Long> cpuBefore = IngestBenchmark.cpuTicks(measured.process.pid(), measured.dataDir);
		List<Future<long[]>> futures = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			futures.add(pool.submit(() -> {
				long[] took = new long[requests];
				for (int i = 0; i < requests; i++) {
					long started = System.nanoTime();
					HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
					took[i] = System.nanoTime() - started;
					if (response.statusCode() != 200) {
						throw new IllegalStateException(path + " answered " + response.statusCode());
					}
				}
				return took;
			}));
		}
		long[] all = new long[clients * requests];
		int n = 0;
		for (Future<long[]> future : futures) {
			for (long took : future.get()) {
				all[n++] = took;
			}
		}
		Map<String, Long> cpuAfter = IngestBenchmark.cpuTicks(measured.process.pid(), measured.dataDir);
		if (jfr != null) {
			jcmd(measured, "JFR.stop", "name=bench");
		}
		Arrays.sort(all);
		// CPU per request: the server JVM's and PostgreSQL's process CPU (10 ms ticks) over the measured requests,
		// which holds on a shared machine where wall times do not
		double jvmMs = (cpuAfter.get("greenroom JVM") - cpuBefore.get("greenroom JVM")) * 10.0 / all.length;
		double pgMs = (cpuAfter.get("postgres") - cpuBefore.get("postgres")) * 10.0 / all.length;
		return new Sample(all, bytes, jvmMs, pgMs);
	}

	private void explainIfAsked() throws Exception {
		if (options.containsKey("explain")) {
			try (Connection db = IngestBenchmark.database(server.dataDir)) {
				explain(db);
			}
		}
	}

	/** Plans of the queries the indexes are for (--explain). */
	private void explain(Connection db) throws Exception {
		String[] queries = {
				"select c.id from creator c where (lower(c.handle) like '%zzqx%' or lower(c.creator_id) like '%zzqx%') order by lower(c.handle), c.id limit 51",
				"select c.id from creator c where (lower(c.handle) like '%creator4242%' or lower(c.creator_id) like '%creator4242%') order by lower(c.handle), c.id limit 51",
				// since search11: the handle's trigram index asked for the uncommon trigrams only, the whole text tested on the rows found
				"select c.id from creator c where (lower(c.handle) like '%r4242%' or lower(c.creator_id) like '%creator4242%') and (strpos(lower(c.handle), 'creator4242') > 0 or strpos(lower(c.creator_id), 'creator4242') > 0) order by lower(c.handle), c.id limit 51",
				"select c.id from creator c where exists (select 1 from milestone_roster_members('FIRST_REVENUE') mr where mr.creator_id = c.creator_id) order by lower(c.handle), c.id limit 51",
				"select t.id from task t where t.status = 'OPEN' and t.owner_user_id is null and t.id = any(array(select qt.id from task qt where qt.title_lower like '%creator42%' union select qt.id from task qt where qt.creator_id = 'creator42' union select qt.id from creator qc cross join lateral (select ct.id from task ct where ct.creator_id = qc.creator_id offset 0) qt where lower(qc.handle) like '%creator42%')) order by t.due_at, t.id limit 51",
				"select c.id from creator c left join activity_roster_summary x0s on x0s.creator_id = c.creator_id order by coalesce(x0s.revenue_28d_usd, 0) desc nulls last, c.id limit 51",
				"select c.id from creator c left join activity_roster_summary x0s on x0s.creator_id = c.creator_id where c.region_code = 'LATAM' order by coalesce(x0s.revenue_28d_usd, 0) desc nulls last, c.id limit 51",
				"select c.id from creator c left join creator_tier x2s on x2s.creator_id = c.creator_id order by x2s.tier_rank asc nulls last, c.id limit 51",
				"select c.id from creator c order by c.registered_at desc nulls last, c.id limit 51",
				// the figure and tier sorts as Roster sends them since readpaths6 (V294, V295): the group of values by a range of the
				// (value, creator_id) index, then (only if the page is not full) the creators with nothing, by the creator_id index;
				// after a cursor, the rest of its value is one range of that index and the values after it another
				"select c.id, cast(coalesce(x0s.revenue_28d_usd, 0) as text) as sort_key from activity_roster_summary x0s join creator c on c.creator_id = x0s.creator_id where c.region_code = 'LATAM' and x0s.region_code = 'LATAM' and x0s.revenue_28d_usd > 0 order by x0s.revenue_28d_usd desc, x0s.creator_id desc limit 51",
				"ADMIN_BY_REVENUE",
				"select c.id, '0' as sort_key from creator c where true and not exists (select 1 from activity_roster_summary x0s where x0s.creator_id = c.creator_id and x0s.revenue_28d_usd <> 0) order by c.creator_id limit 51",
				// live rooms as LiveRooms sends them since readpaths3: by viewers, rooms sorted first and creators probed until the page
				// (ties included) is full; by revenue (LATAM), every live room in scope
				"with live as materialized (select s.*, c.handle, c.region_code from (select s.stream_id, s.creator_id, s.title, s.category, s.started_at, s.last_event_at, s.current_viewers, s.peak_viewers, s.reports from activity_stream s where s.started_at is not null and s.ended_at is null and s.last_event_at > now() - interval '10 minutes' order by s.current_viewers desc offset 0) s left join lateral (select c.handle, c.region_code from creator c where c.creator_id = s.creator_id offset 0) c on true where true order by s.current_viewers desc fetch first (50) rows with ties) select r.*, coalesce((select sum(g.usd) from activity_stream_gift g where g.stream_id = r.stream_id and g.occurred_at > now() - interval '1 hour' and g.occurred_at <= now()), 0) as revenue from live r order by r.current_viewers desc, revenue desc, r.stream_id collate \"C\" limit 50",
				"with live as materialized (select s.*, c.handle, c.region_code from (select s.stream_id, s.creator_id, s.title, s.category, s.started_at, s.last_event_at, s.current_viewers, s.peak_viewers, s.reports from activity_stream s where s.started_at is not null and s.ended_at is null and s.last_event_at > now() - interval '10 minutes' order by s.current_viewers desc offset 0) s left join lateral (select c.handle, c.region_code from creator c where c.creator_id = s.creator_id offset 0) c on true where true and c.region_code = 'LATAM' order by s.current_viewers desc fetch first (50) rows with ties) select r.*, coalesce((select sum(g.usd) from activity_stream_gift g where g.stream_id = r.stream_id and g.occurred_at > now() - interval '1 hour' and g.occurred_at <= now()), 0) as revenue from live r order by r.current_viewers desc, revenue desc, r.stream_id collate \"C\" limit 50",
				// by revenue since readpaths7: the live rooms' gifts of the last hour in one scan of the gifts' index over their ids
				"with hour_revenue as materialized (select g.stream_id, sum(g.usd) as revenue from activity_stream_gift g where g.stream_id = any(array(select s.stream_id from activity_stream s where s.started_at is not null and s.ended_at is null and s.last_event_at > now() - interval '10 minutes')) and g.occurred_at > now() - interval '1 hour' and g.occurred_at <= now() group by g.stream_id), "
						+ "live as materialized (select s.*, c.handle, c.region_code from (select s.stream_id, s.creator_id, s.title, s.category, s.started_at, s.last_event_at, s.current_viewers, s.peak_viewers, s.reports, coalesce(hr.revenue, 0) as revenue from activity_stream s left join hour_revenue hr on hr.stream_id = s.stream_id where s.started_at is not null and s.ended_at is null and s.last_event_at > now() - interval '10 minutes' order by revenue desc, s.current_viewers desc, s.stream_id collate \"C\" offset 0) s left join lateral (select c.handle, c.region_code from creator c where c.creator_id = s.creator_id offset 0) c on true where true and c.region_code = 'LATAM' limit 50) select r.* from live r order by revenue desc, r.current_viewers desc, r.stream_id collate \"C\" limit 50",
				// the tier sort as Roster sends it since readpaths6: a range of the (tier_rank, creator_id) index
				"select c.id, cast(x2s.tier_rank as text) as sort_key from creator_tier x2s join creator c on c.creator_id = x2s.creator_id where true and x2s.tier_rank is not null order by x2s.tier_rank asc, x2s.creator_id limit 51",
				"select c.id, cast(x2s.tier_rank as text) as sort_key from creator_tier x2s join creator c on c.creator_id = x2s.creator_id where c.region_code = 'LATAM' and x2s.tier_rank is not null order by x2s.tier_rank asc, x2s.creator_id limit 51" };
		try (Statement sql = db.createStatement()) {
			// the revenue sorts since V325 (readpaths8): one range of the (region_code, value, creator_id) index per region the page
			// can show (the lead's one; the admin's every region and none, merged in the page's order)
			List<String> ranges = new ArrayList<>();
			try (ResultSet rs = sql.executeQuery("select code from region union all select '' order by 1")) {
				while (rs.next()) {
					ranges.add(
							"(select c.creator_id, x0s.revenue_28d_usd as raw from activity_roster_summary x0s join creator c on c.creator_id = x0s.creator_id"
									+ " where x0s.region_code = '" + rs.getString(1)
									+ "' and x0s.revenue_28d_usd > 0 order by x0s.revenue_28d_usd desc, x0s.creator_id desc limit 51)");
				}
			}
			String admin = "select * from (" + String.join(" union all ", ranges) + ") r order by r.raw desc, r.creator_id desc limit 51";
			for (String listed : queries) {
				String query = listed.equals("ADMIN_BY_REVENUE") ? admin : listed;
				System.out.println();
				System.out.println(query);
				try (ResultSet rs = sql.executeQuery("explain (analyze, buffers, costs off, timing off) " + query)) {
					while (rs.next()) {
						System.out.println("  " + rs.getString(1));
					}
				}
			}
			// Today's q as the application sends it: a prepared statement, which PostgreSQL may run with a
			// generic plan (parameters unknown at planning); the array form the application uses, then a semi-join
			// form for comparison (its generic plan scans the whole pool: 25 ms against 4.8 ms at 100,000)
			String arm = " (select qt.id from task qt where qt.title_lower like $1 union select qt.id from task qt where qt.creator_id = $2"
					+ " union select qt.id from creator qc cross join lateral (select ct.id from task ct where ct.creator_id = qc.creator_id"
					+ " offset 0) qt where lower(qc.handle) like $1)";
			String[][] prepared = { { "array", "t.id = any(array" + arm + ")" }, { "semi-join", "t.id in" + arm } };
			sql.execute("set plan_cache_mode = force_generic_plan");
			for (String[] form : prepared) {
				sql.execute("prepare today_q_" + form[0].replace('-', '_') + " (text, text) as select t.id from task t where t.status = 'OPEN'"
						+ " and t.owner_user_id is null and " + form[1] + " order by t.due_at, t.id limit 51");
				System.out.println();
				System.out.println("Today q, generic plan, " + form[0] + " form ('%creator42%', 'creator42')");
				try (ResultSet rs = sql.executeQuery("explain (analyze, costs off, timing off) execute today_q_" + form[0].replace('-', '_')
						+ " ('%creator42%', 'creator42')")) {
					while (rs.next()) {
						System.out.println("  " + rs.getString(1));
					}
				}
			}
			// since readpaths3: the matching ids resolved once per request (LATAM's tasks), then sent as an array to the page and
			// its count; since tasks10 (stop 18) as TaskQueries.resolve does it: one bitmap scan of task (title trigram OR the
			// handle's trigram on the task row OR creator id), the region tested on the matching rows; since search11 (stop 19)
			// the trigram indexes are asked for the text's uncommon trigrams only ($4, $5, from the trigram statistics of V307)
			// and the whole text ($6) tested on the rows found. Both forms printed, with buffers. Since lists13 (V323) the lowered
			// title and handle are stored on the row and indexed as they are (no lower() per row found).
			String resolve = "select m.id from (select qt.id, qt.region_code from task qt where qt.title_lower like $1"
					+ " or qt.creator_handle_lower like $1 or qt.creator_id = $2 offset 0) m where m.region_code = any($3) limit 5001";
			sql.execute("prepare today_q_resolve (text, text, text[]) as " + resolve);
			System.out.println();
			System.out.println("Today q, generic plan, matches resolved once, whole text to the indexes ('%creator42%', 'creator42', LATAM)");
			try (ResultSet rs = sql.executeQuery(
					"explain (analyze, buffers, costs off, timing off) execute today_q_resolve ('%creator42%', 'creator42', '{LATAM}')")) {
				while (rs.next()) {
					System.out.println("  " + rs.getString(1));
				}
			}
			String narrowed = "select m.id from (select qt.id, qt.region_code from task qt where (qt.title_lower like $4"
					+ " or qt.creator_handle_lower like $5 or qt.creator_id = $2) and (strpos(qt.title_lower, $6) > 0"
					+ " or strpos(qt.creator_handle_lower, $6) > 0 or qt.creator_id = $2) offset 0) m where m.region_code = any($3) limit 5001";
			sql.execute("prepare today_q_resolve_narrowed (text, text, text[], text, text, text) as " + narrowed);
			System.out.println();
			System.out.println("Today q, generic plan, matches resolved once, uncommon trigrams to the indexes ('%r42%', 'creator42', LATAM)");
			try (ResultSet rs = sql.executeQuery("explain (analyze, buffers, costs off, timing off) execute today_q_resolve_narrowed"
					+ " ('%creator42%', 'creator42', '{LATAM}', '%r42%', '%r42%', 'creator42')")) {
				while (rs.next()) {
					System.out.println("  " + rs.getString(1));
				}
			}
			StringBuilder ids = new StringBuilder();
			try (ResultSet rs = sql.executeQuery("execute today_q_resolve ('%creator42%', 'creator42', '{LATAM}')")) {
				while (rs.next()) {
					ids.append(ids.isEmpty() ? "" : ",").append(rs.getLong(1));
				}
			}
			sql.execute("prepare today_q_ids (bigint[]) as select t.id from task t where t.region_code = 'LATAM' and t.status = 'OPEN'"
					+ " and t.owner_user_id is null and t.id = any($1) order by t.due_at, t.id limit 51");
			for (String statement : new String[] { "today_q_ids", "today_q_ids_count" }) {
				if (statement.endsWith("count")) {
					sql.execute("prepare today_q_ids_count (bigint[]) as select count(*) from task t where t.region_code = 'LATAM'"
							+ " and t.status = 'OPEN' and t.owner_user_id is null and t.id = any($1)");
				}
				System.out.println();
				System.out.println("Today q, generic plan, " + statement + " (the resolved ids)");
				try (ResultSet rs = sql.executeQuery("explain (analyze, costs off, timing off) execute " + statement + " ('{" + ids + "}')")) {
					while (rs.next()) {
						System.out.println("  " + rs.getString(1));
					}
				}
			}
			// since readpaths5: the check before every sorted roster page (any summary row past its window?), generic plan as the
			// driver's prepared statement runs it; the exists form it replaced scanned every summary row with that plan
			String[][] staleChecks = { { "min", "select coalesce((select min(valid_until) from activity_roster_summary) <= $1, false)" },
					{ "exists (before)", "select exists (select 1 from activity_roster_summary where valid_until <= $1)" } };
			for (String[] check : staleChecks) {
				String name = "stale_" + (check[0].startsWith("min") ? "min" : "exists");
				sql.execute("prepare " + name + " (timestamptz) as " + check[1]);
				System.out.println();
				System.out.println("Roster summary staleness check, generic plan, " + check[0] + ": " + check[1]);
				try (ResultSet rs = sql.executeQuery("explain (analyze, buffers, costs off, timing off) execute " + name + " (now())")) {
					while (rs.next()) {
						System.out.println("  " + rs.getString(1));
					}
				}
			}
			sql.execute("reset plan_cache_mode");
		}
	}

	private static void jcmd(Server measured, String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				String.valueOf(measured.process.pid())));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes());
		if (jcmd.waitFor() != 0) {
			throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + output);
		}
	}

	private static HttpRequest get(URI base, String authorization, String path) {
		return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization).timeout(Duration.ofSeconds(120)).build();
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
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
		// --server-jvm=<options> (separated by spaces or ;): extra options of the Greenroom JVM
		String jvm = options.getOrDefault("server-jvm", "");
		command.addAll(words(jvm));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.greenroom.GreenroomApplication", "serve", "--server.port=" + port,
				"--greenroom.data-dir=" + dataDir, "--greenroom.admin.password=bench-admin-password", "--greenroom.admin.token=" + ADMIN_TOKEN,
				"--logging.level.root=warn"));
		command.addAll(words(options.get("server-args")));
		System.out.printf("Starting Greenroom (serve, -Xmx1g%s, data in %s), log in greenroom.log there%n", jvm.isBlank() ? "" : " " + jvm.trim(),
				dataDir);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dataDir.resolve("greenroom.log").toFile()).start();
	}
}
