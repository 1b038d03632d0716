package com.greenroom.timers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.audit.AuditLog;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Exactly once across nodes and restarts. Each "node" is a Timers runner with its own connection pool and
 * transaction manager on the shared database, as a second Greenroom process would have; its handler appends
 * the node's name to the timer's payload inside the claiming transaction, so the payload shows every firing
 * that committed.
 */
@IntegrationTest
class TimersAcrossNodesIntegrationTest {

	private static final String KIND = "test-node";

	private static final Instant T = TestClock.START.plus(Duration.ofMinutes(1));

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	Clock clock;

	@Autowired
	TimerMetrics metrics;

	@Autowired
	AuditLog audit;

	@Autowired
	Timers timers;

	private final List<Node> nodes = new java.util.ArrayList<>();

	@BeforeEach
	void reset() {
		data.reset();
	}

	@AfterEach
	void stopNodes() {
		nodes.forEach(Node::stop);
	}

	@Test
	void twoNodesFiringTheSameDueTimersAtOnceFireEachExactlyOnce() throws Exception {
		int count = 600;
		for (int i = 0; i < count; i++) {
			timers.schedule(TimerRequest.of(KIND, "node:race:" + i, T.plusMillis(i)));
		}
		Node a = start("A");
		Node b = start("B");

		CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(() -> a.timers.fireDue(T.plusSeconds(5)));
		CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(() -> b.timers.fireDue(T.plusSeconds(5)));

		assertThat(onA.get(60, TimeUnit.SECONDS) + onB.get(60, TimeUnit.SECONDS)).isEqualTo(count);
		assertThat(marks()).hasSize(count).allSatisfy((key, firings) -> assertThat(firings).isIn("A;", "B;"));
		assertThat(a.timers.fireDue(T.plusSeconds(60)) + b.timers.fireDue(T.plusSeconds(60))).isZero();
	}

	@Test
	void aNodeThatDiesWhileFiringLeavesNoTraceAndTheOtherNodeFiresItsTimersOnce() throws Exception {
		for (int i = 0; i < 20; i++) {
			timers.schedule(TimerRequest.of(KIND, "node:crash:" + i, T.plusMillis(i)));
		}
		timers.schedule(new TimerRequest(KIND, "node:crash:last", T.plusMillis(100), "block"));
		Node a = start("A");
		Node b = start("B");

		CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(() -> a.timers.fireDue(T.plusSeconds(5)));
		assertThat(a.handler.blocked.await(30, TimeUnit.SECONDS)).as("node A is firing its last timer").isTrue();
		// A holds its claim: B skips the locked timers rather than firing them a second time
		assertThat(b.timers.fireDue(T.plusSeconds(5))).isZero();

		// node A dies: its database session ends with the claiming transaction uncommitted
		jdbc.sql("select pg_terminate_backend(:pid)").param("pid", a.handler.backendPid).query().singleRow();
		a.handler.release.countDown();
		assertThatThrownBy(() -> onA.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
		a.stop();

		assertThat(b.timers.fireDue(T.plusSeconds(6))).isEqualTo(21);
		assertThat(marks()).hasSize(21).allSatisfy((key, firings) -> assertThat(firings).isIn("B;", "blockB;"));
		assertThat(b.timers.fireDue(T.plusSeconds(60))).isZero();
	}

	@Test
	void afterARestartPendingTimersFireOnceAndFiredOnesNeverAgain() {
		timers.schedule(TimerRequest.of(KIND, "node:restart:early", T));
		timers.schedule(TimerRequest.of(KIND, "node:restart:late", T.plusSeconds(30)));
		Node before = start("before");
		assertThat(before.timers.fireDue(T)).isEqualTo(1);
		before.stop(); // stopped with one timer pending

		Node after = start("after");
		assertThat(after.timers.fireDue(T.plusSeconds(30))).isEqualTo(1);
		assertThat(after.timers.fireDue(T.plusSeconds(90))).isZero();

		assertThat(marks()).containsExactlyInAnyOrderEntriesOf(Map.of("node:restart:early", "before;", "node:restart:late", "after;"));
	}

	/** Each timer's payload: the names of the nodes whose firing committed. */
	private Map<String, String> marks() {
		Map<String, String> marks = new java.util.TreeMap<>();
		jdbc.sql("select timer_key, payload, status from timer where kind = :kind").param("kind", KIND).query(rs -> {
			assertThat(rs.getString("status")).as(rs.getString("timer_key")).isEqualTo("FIRED");
			marks.put(rs.getString("timer_key"), rs.getString("payload"));
		});
		return marks;
	}

	private Node start(String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(dataSource.getJdbcUrl());
		pool.setUsername(dataSource.getUsername());
		pool.setPassword(dataSource.getPassword());
		pool.setMaximumPoolSize(2);
		pool.setPoolName("node-" + name);
		JdbcClient nodeJdbc = JdbcClient.create(pool);
		NodeHandler handler = new NodeHandler(name, nodeJdbc);
		Timers nodeTimers = new Timers(nodeJdbc, () -> List.of(handler), new JdbcTransactionManager(pool), clock, metrics, audit);
		Node node = new Node(pool, nodeTimers, handler);
		nodes.add(node);
		return node;
	}

	private record Node(HikariDataSource pool, Timers timers, NodeHandler handler) {

		void stop() {
			handler.release.countDown();
			pool.close();
		}
	}

	/** Marks each firing with the node's name; a timer whose payload is {@code block} waits until released. */
	private static final class NodeHandler implements TimerHandler {

		final String node;

		final JdbcClient jdbc;

		final CountDownLatch blocked = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile int backendPid;

		NodeHandler(String node, JdbcClient jdbc) {
			this.node = node;
			this.jdbc = jdbc;
		}

		@Override
		public String kind() {
			return KIND;
		}

		@Override
		public void fire(Timer timer) {
			jdbc.sql("update timer set payload = coalesce(payload, '') || :node || ';' where id = :id")
				.param("node", node)
				.param("id", timer.id())
				.update();
			if ("block".equals(timer.payload())) {
				backendPid = jdbc.sql("select pg_backend_pid()").query(Integer.class).single();
				blocked.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}
}
