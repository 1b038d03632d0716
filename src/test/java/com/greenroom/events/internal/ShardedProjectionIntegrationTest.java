package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.PlatformEvent;
import com.greenroom.events.PlatformEvents;
import com.greenroom.events.Projection;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A sharded projection is worked shard by shard: shards run at the same time on different runner threads
 * (or nodes), a shard held by one runner is skipped by another and taken over once the holder's
 * transaction ends, and the result is the same as a rebuild's.
 */
@IntegrationTest
@Import(ShardedProjectionIntegrationTest.ShardedRecording.class)
@TestPropertySource(properties = { "greenroom.events.projections.batch-size=7", "greenroom.events.projections.shards=8",
		"greenroom.events.projections.workers=3", "greenroom.events.projections.burst-backlog=100",
		"greenroom.events.projections.burst-rate=100" })
class ShardedProjectionIntegrationTest {

	/** Sums revenue per creator and remembers which thread applied which event, and whether two batches overlapped. */
	@TestComponent
	static class ShardedRecording implements Projection {

		final Map<String, BigDecimal> revenue = new ConcurrentHashMap<>();

		final Map<String, String> appliedBy = new ConcurrentHashMap<>();

		final List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());

		final Set<String> poison = ConcurrentHashMap.newKeySet();

		/** Counted down by each batch on entering; the first two wait for each other (a bounded wait) to prove they overlap. */
		volatile CountDownLatch together = new CountDownLatch(0);

		volatile boolean overlapped;

		@Override
		public String name() {
			return "test.sharded";
		}

		@Override
		public void apply(List<PlatformEvent> batch) {
			batch.stream().filter(e -> poison.contains(e.id())).findFirst().ifPresent(e -> {
				throw new IllegalArgumentException("cannot apply " + e.id());
			});
			CountDownLatch latch = together;
			if (latch.getCount() > 0) {
				latch.countDown();
				try {
					if (latch.await(60, TimeUnit.SECONDS)) {
						overlapped = true;
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			for (PlatformEvent event : batch) {
				if (appliedBy.put(event.id(), Thread.currentThread().getName()) != null) {
					duplicates.add(event.id());
				}
				if (event.amount() != null) {
					revenue.merge(event.creatorId(), event.amount().usd().stripTrailingZeros(), (a, b) -> a.add(b).stripTrailingZeros());
				}
			}
		}

		@Override
		public void reset() {
			revenue.clear();
			appliedBy.clear();
			duplicates.clear();
		}
	}

	@Autowired
	ProjectionRunner runner;

	@Autowired
	PlatformEvents events;

	@Autowired
	ShardedRecording projection;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Clock clock;

	@Autowired
	IngestLoad load;

	Instant at;

	@BeforeEach
	void reset() {
		data.reset();
		projection.reset();
		projection.poison.clear();
		projection.together = new CountDownLatch(0);
		projection.overlapped = false;
		at = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
	}

	@AfterEach
	void stop() {
		projection.together = new CountDownLatch(0);
		runner.stopWorkers();
	}

	@Test
	void shardsOfOneProjectionRunOnTwoThreadsAtOnceAndTheResultEqualsARebuild() throws InterruptedException {
		List<String> lines = gifts(200, 40);
		projection.together = new CountDownLatch(2);
		runner.startWorkers();
		ingest(lines);

		long waited = 0;
		while (projection.appliedBy.size() < lines.size() && waited < 120_000) {
			Thread.sleep(50);
			waited += 50;
		}
		runner.stopWorkers();

		assertThat(projection.overlapped).as("two batches of the projection were in flight at once").isTrue();
		assertThat(projection.appliedBy).hasSize(lines.size());
		assertThat(projection.duplicates).as("events applied twice").isEmpty();
		assertThat(new HashSet<>(projection.appliedBy.values())).as("threads that applied batches").hasSizeGreaterThanOrEqualTo(2);
		Map<String, BigDecimal> background = new TreeMap<>(projection.revenue);
		assertThat(background).isEqualTo(expectedRevenue(200, 40));
		assertThat(runner.shardPositions().get("test.sharded")).hasSize(8).allMatch(p -> p == lastSeq());

		events.rebuild();

		assertThat(new TreeMap<>(projection.revenue)).isEqualTo(background);
		assertThat(projection.appliedBy).hasSize(lines.size());
		assertThat(projection.duplicates).isEmpty();
		assertThat(events.positions()).containsEntry("test.sharded", lastSeq());
	}

	@Test
	void inABurstTheWorkersDeferUntilABacklogOfTheBoundThenApplyEveryEventOnce() throws InterruptedException {
		events.catchUp(); // every projection at the log's end: nothing behind before the burst
		List<IngestLoad.Arrival> burst = new ArrayList<>();
		List<String> first = gifts(0, 60, 20);
		AtomicBoolean bursting = new AtomicBoolean(true);
		Thread resender = new Thread(() -> {
			// the burst goes on: the same 60 events again every 100 ms (duplicates: 600 events/s taken in, nothing new)
			while (bursting.get()) {
				ingest(first);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		try {
			for (int n = 0; n < load.saturation(); n++) {
				burst.add(load.arrive());
			}
			resender.start(); // its first batch: 60 behind, under the bound of 100
			for (long waited = 0; !load.burst() && waited < 5_000; waited += 20) {
				Thread.sleep(20); // a run of intake's first batch is no burst alone: its second makes one
			}
			runner.startWorkers();

			Thread.sleep(2_000); // two polls
			assertThat(load.burst()).isTrue();
			assertThat(projection.appliedBy).as("applied in the burst, 60 events behind").isEmpty();
			assertThat(runner.backlog()).isEqualTo(60);

			ingest(gifts(60, 60, 20)); // 120 behind: the workers run though the burst goes on, until under 100 behind again
			for (long waited = 0; runner.backlog() >= 100 && waited < 60_000; waited += 50) {
				Thread.sleep(50);
			}
			assertThat(runner.backlog()).isLessThan(100);
			assertThat(projection.appliedBy).as("the first 20 of 120 at least").containsKeys(
					IntStream.range(0, 20).mapToObj(i -> "g" + i).toArray(String[]::new));
		}
		finally {
			bursting.set(false);
			resender.join(10_000);
			burst.forEach(IngestLoad.Arrival::close);
		}
		awaitApplied(120); // the burst over: caught up at once
		runner.stopWorkers();

		assertThat(projection.duplicates).as("events applied twice").isEmpty();
		assertThat(new TreeMap<>(projection.revenue)).isEqualTo(expectedRevenue(120, 20));
		assertThat(runner.shardPositions().get("test.sharded")).allMatch(p -> p == lastSeq());
	}

	@Test
	void fewerBatchesArrivingThanTheNodeHasProcessorsAreNoBurstAndTheWorkersApplyAtOnce() throws InterruptedException {
		events.catchUp();
		List<IngestLoad.Arrival> arriving = new ArrayList<>();
		try {
			for (int n = 0; n < load.saturation() - 1; n++) {
				arriving.add(load.arrive());
			}
			runner.startWorkers();
			ingest(gifts(0, 30, 10));
			awaitApplied(30);
		}
		finally {
			arriving.forEach(IngestLoad.Arrival::close);
		}
		assertThat(projection.duplicates).isEmpty();
	}

	@Test
	void aFeedUnderTheBurstRateIsNoBurstHoweverLongItsBatchesTake() throws InterruptedException {
		events.catchUp();
		List<IngestLoad.Arrival> slow = new ArrayList<>();
		try {
			for (int n = 0; n < load.saturation(); n++) {
				slow.add(load.arrive());
			}
			runner.startWorkers();
			ingest(gifts(0, 30, 10)); // 30 events in the last second, under the rate of 100
			assertThat(load.saturated()).isTrue();
			assertThat(load.burst()).isFalse();
			awaitApplied(30);
		}
		finally {
			slow.forEach(IngestLoad.Arrival::close);
		}
		assertThat(projection.duplicates).isEmpty();
	}

	private void awaitApplied(int count) throws InterruptedException {
		for (long waited = 0; projection.appliedBy.size() < count && waited < 60_000; waited += 50) {
			Thread.sleep(50);
		}
		assertThat(projection.appliedBy).hasSize(count);
	}

	@Test
	void aShardHeldByOneRunnerIsSkippedByAnotherAndTakenOverWhenTheHoldersConnectionEnds() throws Exception {
		ingest(gifts(60, 30));
		ProjectionRunner.Shard held = new ProjectionRunner.Shard(projection, 0, 8);
		ProjectionRunner.Shard free = new ProjectionRunner.Shard(projection, 1, 8);
		Set<String> inHeld = idsInShard(0);
		Set<String> inFree = idsInShard(1);
		assertThat(inHeld).isNotEmpty();
		assertThat(inFree).isNotEmpty();
		runner.step(free, true); // makes the position rows; nothing of shard 0 applied

		try (Connection other = dataSource.getConnection()) {
			try (Statement claim = other.createStatement()) {
				claim.execute("insert into projection_position (name, slot, position) select 'test.sharded', s, 0 from generate_series(0, 63) s"
						+ " on conflict do nothing");
				other.setAutoCommit(false);
				claim.execute("select * from projection_position where name = 'test.sharded' and slot % 8 = 0 for update");
			}

			ProjectionRunner.Step skipped = runner.step(held, false);
			while (runner.step(free, false).more()) {
				// the rest of shard 1
			}

			assertThat(skipped.applied()).isZero();
			assertThat(projection.appliedBy.keySet()).containsAll(inFree).doesNotContainAnyElementsOf(inHeld);
		} // the holder's connection ends without a commit, as a killed node's does

		while (runner.step(held, false).more()) {
			// shard 0 taken over from its committed position
		}
		assertThat(projection.appliedBy.keySet()).containsAll(inHeld);
		assertThat(projection.duplicates).isEmpty();
	}

	@Test
	@com.greenroom.support.ExpectsQuarantine
	void aPoisonEventIsQuarantinedWithinItsShardAndEveryOtherEventOfEveryShardIsAppliedOnce() {
		List<String> lines = gifts(80, 20);
		projection.poison.add("g17");
		ingest(lines);

		events.catchUp();

		assertThat(projection.appliedBy).hasSize(lines.size() - 1).doesNotContainKey("g17");
		assertThat(projection.duplicates).isEmpty();
		assertThat(jdbc.sql("select event_id from projection_quarantine where projection = 'test.sharded'").query(String.class).list())
			.containsExactly("g17");
		assertThat(events.positions()).containsEntry("test.sharded", lastSeq());
	}

	private Set<String> idsInShard(int shard) {
		return new HashSet<>(jdbc.sql("select event_id from platform_event where shard % 8 = :s").param("s", shard).query(String.class).list());
	}

	private long lastSeq() {
		return jdbc.sql("select max(seq) from platform_event").query(Long.class).single();
	}

	private List<String> gifts(int count, int creators) {
		return gifts(0, count, creators);
	}

	/** Gifts {@code from} to {@code from + count - 1} (ids g<i>), each to creator c<i % creators>. */
	private List<String> gifts(int from, int count, int creators) {
		return IntStream.range(from, from + count)
			.mapToObj(i -> EventFeed.gift("g" + i, "c" + (i % creators), "s" + (i % creators), "v" + i, i + ".25", at.plusSeconds(i)))
			.toList();
	}

	private Map<String, BigDecimal> expectedRevenue(int count, int creators) {
		return IntStream.range(0, count)
			.boxed()
			.collect(Collectors.toMap(i -> "c" + (i % creators), i -> new BigDecimal(i + ".25"), (a, b) -> a.add(b).stripTrailingZeros(),
					TreeMap::new));
	}

	private void ingest(List<String> lines) {
		assertThat(events.ingestNdjson(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)).rejected()).isEmpty();
	}
}
