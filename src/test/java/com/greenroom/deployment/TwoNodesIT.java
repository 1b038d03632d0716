package com.greenroom.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.greenroom.simulator.SimulationOptions;
import com.greenroom.simulator.Simulator;
import com.greenroom.support.KafkaBroker;

/**
 * Greenroom as two nodes, the way it is deployed: two {@code java -jar target/greenroom.jar serve} processes
 * (the jar of this build: run by failsafe after {@code package}) on one PostgreSQL server of their own (zonky's
 * binaries started as a separate server process, not Greenroom's embedded one) and one Kafka broker (in this
 * JVM) whose topic has 4 partitions. Simulated platform events arrive through Kafka (keyed by creator) and
 * through HTTP to both nodes, some through both; node A is killed (SIGKILL) half-way with work in flight.
 * Then every total and milestone must equal what the simulator's own events say, and nothing may have
 * fired twice: timers, milestone announcements and their history, support-action tasks.
 */
class TwoNodesIT {

	private static final String TOPIC = "greenroom.platform-events.two-nodes";

	private static final String ADMIN_TOKEN = "two-nodes-admin-token-0123456789abcdef";

	private static final String ADMIN_PASSWORD = "two-nodes-admin-password";

	private static final int CREATORS = 120;

	private static final int DAYS = 10;

	private static final int BATCH = 400;

	private static final int TIMERS = 150;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*?(?:value|content)=\"([^\"]+)\"");

	private static Path work;

	private static EmbeddedPostgres postgres;

	private static Node a;

	private static Node b;

	@BeforeAll
	static void start() throws Exception {
		work = Files.createTempDirectory("greenroom-two-nodes");
		postgres = EmbeddedPostgres.builder()
			.setDataDirectory(work.resolve("postgres"))
			.setCleanDataDirectory(true)
			.setServerConfig("max_connections", "300")
			.start();
		KafkaBroker.createTopics(4, TOPIC, TOPIC + ".dlt");
		Path jar = Path.of("target", "greenroom.jar").toAbsolutePath();
		assertThat(jar).as("the jar of this build (failsafe runs after package)").exists();
		a = Node.start("a", jar, work, postgres.getPort());
		b = Node.start("b", jar, work, postgres.getPort());
		a.awaitHealthy();
		b.awaitHealthy();
	}

	@AfterAll
	static void stop() throws Exception {
		for (Node node : new Node[] { a, b }) {
			if (node != null) {
				node.stop();
			}
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void twoNodesCountEveryEventOnceAndFireEverythingOnceWhenOneIsKilledMidStream() throws Exception {
		DataSource db = postgres.getPostgresDatabase();
		Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
		List<String> lines = Simulator.of(SimulationOptions.of(7, CREATORS, DAYS).startingAt(start).withDisorder(0.02)).lines().toList();
		Expected expected = Expected.of(lines);
		assertThat(expected.totals()).hasSizeGreaterThan(CREATORS * 3 / 4);
		assertThat(expected.eventIds()).isLessThan(lines.size());
		String ingestToken = integrationToken(a);

		// a console session opened on node A
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
		String loginPage = browser.send(get(a, "/login"), HttpResponse.BodyHandlers.ofString()).body();
		HttpResponse<String> signIn = browser.send(form(a, "/login", Map.of("username", "admin", "password", ADMIN_PASSWORD), csrf(loginPage)),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("/login");
		String todayOnA = browser.send(get(a, "/today"), HttpResponse.BodyHandlers.ofString()).body();
		String tokenFromA = csrf(todayOnA);

		// timers due while events flow and while node A dies
		Instant now = Instant.now();
		try (Connection c = db.getConnection();
				var insert = c.prepareStatement(
						"insert into timer (kind, timer_key, due_at, created_at) values ('noop', ?, ?, ?)")) {
			for (int i = 0; i < TIMERS; i++) {
				insert.setString(1, "two-nodes:" + i);
				insert.setTimestamp(2, Timestamp.from(now.plusMillis(i * 150L)));
				insert.setTimestamp(3, Timestamp.from(now));
				insert.addBatch();
			}
			insert.executeBatch();
		}

		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		long kill;
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				KafkaBroker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
				new ByteArraySerializer())) {
			int batches = (lines.size() + BATCH - 1) / BATCH;
			long killedAt = 0;
			for (int n = 0; n < batches; n++) {
				List<String> batch = lines.subList(n * BATCH, Math.min(lines.size(), (n + 1) * BATCH));
				if (n == batches / 2) {
					producer.flush();
					a.kill();
					killedAt = System.nanoTime();
				}
				int route = n % 3;
				if (route == 0 || n % 10 == 1) {
					for (String line : batch) {
						producer
							.send(new ProducerRecord<>(TOPIC, JSON.readTree(line).get("creatorId").asText(), line.getBytes(StandardCharsets.UTF_8)));
					}
				}
				if (route != 0) {
					// a load balancer sends to a live node: after the kill, everything goes to B
					Node target = route == 1 && a.alive() ? a : b;
					post(http, target, ingestToken, batch);
				}
			}
			producer.flush();
			kill = killedAt;
		}

		// the session opened on A works on B, and B accepts the CSRF token A put in the page
		HttpResponse<String> todayOnB = browser.send(get(b, "/today"), HttpResponse.BodyHandlers.ofString());
		assertThat(todayOnB.statusCode()).isEqualTo(200);
		assertThat(todayOnB.body()).contains("Sign out");

		// B takes over A's partitions and catches up
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(kafkaLag()).isZero());
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(query(db, "select count(*) from platform_event").get(0).get(0)).isEqualTo(String.valueOf(expected.eventIds()));
			assertThat(totals(db)).isEqualTo(expected.totals());
			assertThat(milestones(db)).isEqualTo(expected.milestones());
		});
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(query(db, "select count(*) from timer where kind = 'noop' and status = 'FIRED'").get(0).get(0))
				.isEqualTo(String.valueOf(TIMERS));
			assertThat(query(db, "select count(*) from event_publication where completion_date is null").get(0).get(0)).isEqualTo("0");
		});

		System.out.printf(
				"Two nodes: %d lines (%d distinct events) of %d creators, %d milestones reached; all exact %.1f s after node A was killed%n",
				lines.size(), expected.eventIds(), CREATORS, expected.milestones().size(), (System.nanoTime() - kill) / 1e9);

		// both nodes worked the activity projection's shards (sharded claims, not one node holding it whole)
		Map<String, Long> activityOnA = appliedBatches(a);
		Map<String, Long> activityOnB = appliedBatches(b);
		System.out.printf("Activity batches by shard: node A %s, node B %s%n", activityOnA, activityOnB);
		assertThat(activityOnA).as("activity shards node A applied before it was killed").isNotEmpty();
		assertThat(activityOnB).as("activity shards node B applied").isNotEmpty();
		assertThat(expected.milestones()).hasSizeGreaterThan(CREATORS);

		// nothing fired twice
		assertThat(query(db, "select timer_key, attempts from timer where kind = 'noop' and attempts <> 1")).isEmpty();
		long reached = expected.milestones().size();
		assertThat(query(db, "select count(*) from milestone_announcement where code <> 'TEN_RETAINED_VIEWERS'").get(0).get(0))
			.isEqualTo(String.valueOf(reached));
		assertThat(query(db, """
				select entity_id, action, count(*) from audit_log where entity_type = 'creator' and action like 'reached milestone %'
				group by entity_id, action having count(*) > 1""")).isEmpty();
		assertThat(query(db, "select count(*) from audit_log where action like 'reached milestone %'").get(0).get(0))
			.isEqualTo(query(db, "select count(*) from milestone_announcement").get(0).get(0));
		assertThat(query(db, """
				select creator_id, title, count(*) from task where source_type = 'SUPPORT_ACTION'
				group by creator_id, title having count(*) > 1""")).isEmpty();
		assertThat(query(db, "select count(*) from task where source_type = 'SUPPORT_ACTION'").get(0).get(0))
			.isEqualTo(query(db, "select count(*) from success_firing where kind = 'ON_REACHED' and task_id is not null").get(0).get(0));

		// and the form posted to B with the token A issued passes CSRF (signing out ends the session everywhere)
		HttpResponse<String> signOut = browser.send(form(b, "/logout", Map.of(), tokenFromA), HttpResponse.BodyHandlers.ofString());
		assertThat(signOut.statusCode()).isEqualTo(302);
		assertThat(signOut.headers().firstValue("Location").orElseThrow()).contains("/login?signedOut");
		assertThat(browser.send(get(b, "/today"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);

		// the rebuild command, run as an operator would with the nodes stopped, gives identical projections and fires nothing
		b.stop();
		Map<String, List<List<String>>> before = projections(db);
		String announcements = query(db, "select count(*) from milestone_announcement").get(0).get(0);
		// projections damaged as a bad release might leave them: the rebuild must put every row back from the log
		try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
			s.executeUpdate("update activity_creator set gifts = gifts + 1000 where creator_id = (select min(creator_id) from activity_creator)");
			s.executeUpdate("delete from creator_milestone where creator_id = (select min(creator_id) from creator_milestone)");
			s.executeUpdate("delete from activity_creator_day where day = (select max(day) from activity_creator_day)");
		}
		assertThat(projections(db)).isNotEqualTo(before);
		String output = rebuild(Path.of("target", "greenroom.jar").toAbsolutePath());
		String last = query(db, "select max(seq) from platform_event").get(0).get(0);
		assertThat(output).containsPattern("Rebuilt the projections from the event log: \\d+ event applications")
			.contains("activity=" + last, "creators.roster=" + last, "safety.cases=" + last);
		Map<String, List<List<String>>> after = projections(db);
		assertThat(after.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
		assertThat(after).isEqualTo(before);
		assertThat(totals(db)).isEqualTo(expected.totals());
		assertThat(milestones(db)).isEqualTo(expected.milestones());
		assertThat(query(db, "select count(*) from milestone_announcement").get(0).get(0)).isEqualTo(announcements);
	}

	/** The projections' rows a rebuild must give again, each table in a fixed order (the summary without its clock-bound validity). */
	private static Map<String, List<List<String>>> projections(DataSource db) throws Exception {
		Map<String, List<List<String>>> tables = new TreeMap<>();
		tables.put("activity_creator", query(db, "select * from activity_creator order by creator_id"));
		tables.put("activity_creator_day", query(db, "select * from activity_creator_day order by creator_id, day"));
		tables.put("activity_stream", query(db, "select * from activity_stream order by stream_id"));
		tables.put("creator_milestone", query(db, "select * from creator_milestone order by creator_id, code"));
		tables.put("activity_roster_summary",
				query(db,
						"select creator_id, last_live_at, active_days_28d, live_minutes_28d, revenue_28d_usd, followers_28d from activity_roster_summary"
								+ " order by creator_id"));
		return tables;
	}

	/** {@code java -jar greenroom.jar rebuild} on the nodes' database: its output, once it has exited with 0. */
	private static String rebuild(Path jar) throws Exception {
		String launcher = ProcessHandle.current().info().command().orElse("java");
		Path log = Path.of("target", "two-nodes-rebuild.log").toAbsolutePath();
		ProcessBuilder builder = new ProcessBuilder(launcher, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "rebuild",
				"--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--greenroom.admin.password=" + ADMIN_PASSWORD, "--greenroom.admin.token=" + ADMIN_TOKEN,
				"--logging.level.root=warn")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("GREENROOM_DATA_DIR", work.resolve("data-rebuild").toString());
		Process process = builder.start();
		assertThat(process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).as("rebuild finished (see " + log + ")").isTrue();
		assertThat(process.exitValue()).as("rebuild exit code (see " + log + ")").isZero();
		return Files.readString(log);
	}

	/** Batches of the activity projection a node applied, by shard, from its log (the runner's debug line per batch). */
	private static Map<String, Long> appliedBatches(Node node) throws IOException {
		java.util.regex.Pattern line = java.util.regex.Pattern.compile("Projection activity (shard \\d+/\\d+) applied \\d+ events");
		Map<String, Long> batches = new java.util.TreeMap<>();
		for (String text : Files.readAllLines(node.log)) {
			java.util.regex.Matcher matcher = line.matcher(text);
			if (matcher.find()) {
				batches.merge(matcher.group(1), 1L, Long::sum);
			}
		}
		return batches;
	}

	/** What the simulator's own events say, de-duplicated by id. */
	record Expected(long eventIds, Map<String, List<Long>> totals, Map<String, Instant> milestones) {

		static Expected of(List<String> lines) throws IOException {
			Map<String, JsonNode> events = new LinkedHashMap<>();
			for (String line : lines) {
				JsonNode event = JSON.readTree(line);
				events.putIfAbsent(event.get("id").asText(), event);
			}
			Map<String, TreeSet<String>> streams = new HashMap<>();
			Map<String, long[]> counts = new TreeMap<>();
			Map<String, Instant> milestones = new TreeMap<>();
			for (JsonNode event : events.values()) {
				String creator = event.get("creatorId").asText();
				long[] c = counts.computeIfAbsent(creator, k -> new long[4]);
				Instant at = Instant.parse(event.get("occurredAt").asText());
				switch (event.get("type").asText()) {
					case "stream.started" -> {
						streams.computeIfAbsent(creator, k -> new TreeSet<>()).add(event.get("streamId").asText());
						milestones.merge(creator + " FIRST_STREAM", at, TwoNodesIT::earlier);
					}
					case "gift.sent" -> {
						c[0]++;
						milestones.merge(creator + " FIRST_REVENUE", at, TwoNodesIT::earlier);
					}
					case "subscription.started" -> {
						c[1]++;
						milestones.merge(creator + " FIRST_REVENUE", at, TwoNodesIT::earlier);
						milestones.merge(creator + " FIRST_SUBSCRIPTION", at, TwoNodesIT::earlier);
					}
					case "follow.created" -> c[2]++;
					case "report.filed" -> c[3]++;
					default -> {
						// viewers and stream ends: counted by the projections, compared through rebuild tests
					}
				}
			}
			Map<String, List<Long>> totals = new TreeMap<>();
			counts.forEach((creator, c) -> {
				long streamCount = streams.getOrDefault(creator, new TreeSet<>()).size();
				if (streamCount + c[0] + c[1] + c[2] + c[3] > 0) {
					totals.put(creator, List.of(streamCount, c[0], c[1], c[2], c[3]));
				}
			});
			return new Expected(events.size(), totals, milestones);
		}
	}

	private static Instant earlier(Instant x, Instant y) {
		return x.isBefore(y) ? x : y;
	}

	private static Map<String, List<Long>> totals(DataSource db) throws Exception {
		Map<String, List<Long>> totals = new TreeMap<>();
		for (List<String> row : query(db, """
				select creator_id, streams, gifts, subscriptions, follows, reports from activity_creator
				where streams + gifts + subscriptions + follows + reports > 0""")) {
			totals.put(row.get(0), row.subList(1, 6).stream().map(Long::valueOf).toList());
		}
		return totals;
	}

	private static Map<String, Instant> milestones(DataSource db) throws Exception {
		Map<String, Instant> reached = new TreeMap<>();
		try (Connection c = db.getConnection();
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select creator_id, code, reached_at from creator_milestone where code <> 'TEN_RETAINED_VIEWERS'")) {
			while (rs.next()) {
				reached.put(rs.getString(1) + " " + rs.getString(2), rs.getTimestamp(3).toInstant());
			}
		}
		return reached;
	}

	private static List<List<String>> query(DataSource db, String sql) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					row.add(rs.getString(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private static long kafkaLag() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("greenroom-two-nodes")
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int p = 0; p < 4; p++) {
				latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
			}
			long lag = 0;
			for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get().entrySet()) {
				OffsetAndMetadata done = committed.get(end.getKey());
				lag += end.getValue().offset() - (done == null ? 0 : done.offset());
			}
			return lag;
		}
	}

	private static String integrationToken(Node node) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> user = http.send(json(node, "/api/v1/users",
				"{\"username\":\"platform\",\"displayName\":\"Platform\",\"password\":\"platform-password-0123\",\"roles\":[\"ANALYST\"],"
						+ "\"regions\":[]}"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
		long id = JSON.readTree(user.body()).get("id").asLong();
		HttpResponse<String> token = http.send(json(node, "/api/v1/users/" + id + "/tokens", "{\"name\":\"ingest\",\"kind\":\"INTEGRATION\"}"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
		return JSON.readTree(token.body()).get("secret").asText();
	}

	private static void post(HttpClient http, Node node, String token, List<String> batch) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(node.uri("/api/v1/events"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("\n", batch)))
			.timeout(Duration.ofSeconds(60))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("rejected")).as(response.body()).isEmpty();
	}

	private static HttpRequest json(Node node, String path, String body) {
		return HttpRequest.newBuilder(node.uri(path))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static HttpRequest get(Node node, String path) {
		return HttpRequest.newBuilder(node.uri(path)).GET().build();
	}

	private static HttpRequest form(Node node, String path, Map<String, String> fields, String csrf) {
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("_csrf", csrf);
		StringBuilder body = new StringBuilder();
		all.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
			.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return HttpRequest.newBuilder(node.uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
	}

	private static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1);
	}

	/** One Greenroom process. */
	static final class Node {

		private final String name;

		private final int port;

		private final Process process;

		private final Path log;

		private Node(String name, int port, Process process, Path log) {
			this.name = name;
			this.port = port;
			this.process = process;
			this.log = log;
		}

		static Node start(String name, Path jar, Path work, int postgresPort) throws IOException {
			int port = freePort();
			Path log = Path.of("target", "two-nodes-" + name + ".log").toAbsolutePath();
			String java = ProcessHandle.current().info().command().orElse("java");
			List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "serve",
					"--server.port=" + port, "--spring.datasource.url=jdbc:postgresql://localhost:" + postgresPort + "/postgres",
					"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
					"--greenroom.admin.password=" + ADMIN_PASSWORD, "--greenroom.admin.token=" + ADMIN_TOKEN,
					"--greenroom.events.kafka.enabled=true", "--greenroom.events.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(),
					"--greenroom.events.kafka.topic=" + TOPIC, "--greenroom.events.kafka.group-id=greenroom-two-nodes",
					// a dead node's partitions move after 6 s instead of Kafka's default 45 s
					"--greenroom.events.kafka.consumer[session.timeout.ms]=6000", "--greenroom.events.kafka.consumer[heartbeat.interval.ms]=1000",
					// a listener left in flight or still queued by the dead node is retried after 15 s instead of 10 min
					"--spring.modulith.events.staleness.processing=PT15S", "--spring.modulith.events.staleness.published=PT15S",
					"--spring.modulith.events.staleness.resubmitted=PT15S", "--spring.modulith.events.staleness.check-interval=PT2S",
					"--greenroom.events.listener-retries.interval=PT2S", "--greenroom.events.listener-retries.initial-backoff=PT1S",
					"--greenroom.timers.poll-interval=PT0.5S", "--logging.level.root=warn", "--logging.level.com.greenroom=info",
					// one line per projection batch, so the test sees which node applied what
					"--logging.level.com.greenroom.events.internal.ProjectionRunner=debug"));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().put("GREENROOM_DATA_DIR", work.resolve("data-" + name).toString());
			return new Node(name, port, builder.start(), log);
		}

		URI uri(String path) {
			return URI.create("http://localhost:" + port + path);
		}

		void awaitHealthy() {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				assertThat(process.isAlive()).as("node " + name + " is running (see " + log + ")").isTrue();
				int status;
				try {
					status = http
						.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET().build(), HttpResponse.BodyHandlers.discarding())
						.statusCode();
				}
				catch (IOException ex) {
					status = -1;
				}
				assertThat(status).as("health of node " + name).isEqualTo(200);
			});
		}

		boolean alive() {
			return process.isAlive();
		}

		/** SIGKILL: no shutdown hook, no graceful stop, transactions and Kafka batches cut off where they are. */
		void kill() throws InterruptedException {
			process.destroyForcibly();
			process.waitFor();
		}

		void stop() throws InterruptedException {
			if (process.isAlive()) {
				process.destroy();
				if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
		}
	}
}
