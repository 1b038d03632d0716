package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.IngestResult;
import com.greenroom.events.PlatformEvents;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends run in parallel, so a slower append can commit its smaller seqs after a faster one has
 * committed larger ones: the projections read only up to the seq below which every append has ended,
 * and so never pass over an event that commits later.
 */
@IntegrationTest
class ParallelAppendIntegrationTest {

	@Autowired
	EventLogWriter writer;

	@Autowired
	EventReader reader;

	@Autowired
	PlatformEvents events;

	@Autowired
	JdbcPlatformEventLog log;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	EventPartitions partitions;

	Instant now;

	@BeforeEach
	void reset() {
		data.reset();
		now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	@Test
	void aSlowerAppendThatCommitsItsSmallerSeqAfterAFasterOneIsStillAppliedByTheProjections() throws Exception {
		HeldAppend slow = HeldAppend.start(this, registered("e-slow", "c-slow"));
		slow.appended.await(30, TimeUnit.SECONDS);

		IngestResult fast = events.ingestNdjson(registered("e-fast", "c-fast").getBytes(StandardCharsets.UTF_8));
		assertThat(fast.accepted()).isEqualTo(1);
		events.catchUp();

		// the fast event is committed, but a smaller seq is still in flight: nothing past it is read yet
		assertThat(onRoster("c-fast")).isFalse();
		assertThat(log.after(0, 100)).isEmpty();

		slow.finish(true);
		events.catchUp();

		assertThat(seqOf("e-slow")).isLessThan(seqOf("e-fast"));
		assertThat(onRoster("c-slow")).isTrue();
		assertThat(onRoster("c-fast")).isTrue();
		assertThat(events.positions()).containsEntry("creators.roster", seqOf("e-fast"));
	}

	@Test
	void aRolledBackAppendLeavesAGapThatTheProjectionsPassAndItsIdsCanComeAgain() throws Exception {
		HeldAppend failed = HeldAppend.start(this, registered("e-lost", "c-lost"));
		failed.appended.await(30, TimeUnit.SECONDS);
		events.ingestNdjson(registered("e-fast", "c-fast").getBytes(StandardCharsets.UTF_8));

		failed.finish(false);
		events.catchUp();

		assertThat(onRoster("c-fast")).isTrue();
		assertThat(onRoster("c-lost")).isFalse();
		assertThat(events.positions()).containsEntry("creators.roster", seqOf("e-fast"));
		IngestResult again = events.ingestNdjson(registered("e-lost", "c-lost").getBytes(StandardCharsets.UTF_8));
		assertThat(again.accepted()).isEqualTo(1);
		events.catchUp();
		assertThat(onRoster("c-lost")).isTrue();
	}

	@Test
	void eventsAppendedFromFourConnectionsAtOnceWhileProjectionsReadAreEachAppliedExactlyOnce() throws Exception {
		int threads = 4;
		int batches = 15;
		int perBatch = 20;
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		AtomicBoolean appending = new AtomicBoolean(true);
		try {
			Future<?> projecting = pool.submit(() -> {
				while (appending.get()) {
					events.catchUp();
				}
			});
			List<Future<Integer>> appenders = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				appenders.add(pool.submit(() -> {
					int accepted = 0;
					for (int b = 0; b < batches; b++) {
						int batch = b;
						String body = IntStream.range(0, perBatch)
							.mapToObj(i -> followed("f-%d-%d-%d".formatted(thread, batch, i), "c-" + (i % 5), "v-" + thread + "-" + batch + "-" + i))
							.collect(Collectors.joining("\n"));
						accepted += events.ingestNdjson(body.getBytes(StandardCharsets.UTF_8)).accepted();
					}
					return accepted;
				}));
			}
			int accepted = 0;
			for (Future<Integer> appender : appenders) {
				accepted += appender.get(120, TimeUnit.SECONDS);
			}
			appending.set(false);
			projecting.get(120, TimeUnit.SECONDS);
			assertThat(accepted).isEqualTo(threads * batches * perBatch);
		}
		finally {
			appending.set(false);
			pool.shutdownNow();
		}

		events.catchUp();

		assertThat(jdbc.sql("select coalesce(sum(follows), 0) from activity_creator").query(Long.class).single())
			.isEqualTo(threads * batches * perBatch);
		long last = jdbc.sql("select max(seq) from platform_event").query(Long.class).single();
		assertThat(events.positions()).containsEntry("activity", last).containsEntry("creators.roster", last);
		// each append reserved its block of seqs in one call (V332): no seq twice, a batch's consecutive in its order
		assertThat(jdbc.sql("select count(distinct seq) from platform_event").query(Long.class).single())
			.isEqualTo(threads * batches * perBatch);
		assertThat(jdbc
			.sql("""
					select count(*) from (
					  select split_part(event_id, '-', 4)::int - (seq - min(seq) over (partition by split_part(event_id, '-', 2), split_part(event_id, '-', 3))) as off
					  from platform_event where event_id like 'f-%') rows
					where off <> 0""")
			.query(Long.class).single()).as("rows whose seq is not their batch's first plus their place").isZero();
		assertThat(jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and classid = 736420 and objid = 1004")
			.query(Long.class).single()).as("reservation locks left held").isZero();
	}

	@Test
	void aWriterThatDoesNotReserveItsSeqsIsRefusedAndAReservationAsksForOneAtLeast() {
		Instant at = now.minusSeconds(60);
		partitions.ensure(java.util.Set.of(java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC)));
		assertThatThrownBy(() -> jdbc.sql("""
				insert into platform_event (event_id, type, occurred_at, creator_id, shard, received_at)
				values ('no-seq', 'viewer.joined', cast(:at as timestamptz), 'creator-1', 1, now())""")
			.param("at", at.toString())
			.update()).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
		long before = jdbc.sql("select platform_event_seq_reserve(1)").query(Long.class).single();
		assertThatThrownBy(() -> jdbc.sql("select platform_event_seq_reserve(0)").query(Long.class).single())
			.hasMessageContaining("n must be at least 1");
		assertThat(jdbc.sql("select platform_event_seq_reserve(5000)").query(Long.class).single()).isEqualTo(before + 5000);
		assertThat(jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and classid = 736420 and objid = 1004")
			.query(Long.class).single()).isZero();
	}

	/**
	 * Four connections append overlapping batches of the same ids at once, each batch in its own order, ids beyond
	 * ASCII among them: every id is accepted once and counted a duplicate every other time.
	 */
	@Test
	void overlappingBatchesFromFourConnectionsAcceptEachIdOnce() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			ids.add(switch (i % 4) {
				case 0 -> "o-" + i;
				case 1 -> "o-é-" + i;
				case 2 -> "o-\uE000-" + i; // after the surrogates in UTF-16, before them in UTF-8
				default -> "o-🎤-" + i;
			});
		}
		int threads = 4;
		int batches = 12;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<int[]>> appenders = new ArrayList<>();
		try {
			for (int t = 0; t < threads; t++) {
				java.util.Random random = new java.util.Random(t);
				appenders.add(pool.submit(() -> {
					int[] counted = new int[2];
					for (int b = 0; b < batches; b++) {
						List<String> batch = new ArrayList<>(ids.subList(0, 100 + random.nextInt(300)));
						java.util.Collections.shuffle(batch, random);
						List<IncomingEvent> events = new ArrayList<>();
						for (String id : batch) {
							events.add(new IncomingEvent(events.size(), id, com.greenroom.events.EventType.FOLLOW_CREATED, now.minusSeconds(60),
									"c-overlap", null, "v-" + id.hashCode(), null, null, null, null));
						}
						EventLogWriter.Appended appended = writer.append(events);
						counted[0] += appended.accepted();
						counted[1] += appended.accepted() + appended.duplicates() - events.size();
					}
					return counted;
				}));
			}
			int accepted = 0;
			for (Future<int[]> appender : appenders) {
				int[] counted = appender.get(120, TimeUnit.SECONDS);
				accepted += counted[0];
				assertThat(counted[1]).as("accepted and duplicates add up to each batch").isZero();
			}
			long stored = jdbc.sql("select count(*) from platform_event where event_id like 'o-%'").query(Long.class).single();
			assertThat(accepted).isEqualTo(stored);
			assertThat(stored).isEqualTo(jdbc.sql("select count(*) from platform_event_id where event_id like 'o-%'").query(Long.class).single());
			assertThat(stored).isLessThanOrEqualTo(ids.size()).isGreaterThanOrEqualTo(100);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** An append inside a transaction of the test's, held open after its COPY until {@link #finish}. */
	private record HeldAppend(CountDownLatch appended, CountDownLatch release, AtomicBoolean commit, CompletableFuture<Void> done) {

		static HeldAppend start(ParallelAppendIntegrationTest test, String line) {
			HeldAppend held = new HeldAppend(new CountDownLatch(1), new CountDownLatch(1), new AtomicBoolean(), new CompletableFuture<>());
			EventReader.Batch batch = test.reader.readNdjson(line.getBytes(StandardCharsets.UTF_8));
			assertThat(batch.rejected()).isEmpty();
			Thread thread = new Thread(() -> {
				try {
					new TransactionTemplate(test.transactions).executeWithoutResult(status -> {
						test.writer.append(batch.valid());
						held.appended.countDown();
						try {
							held.release.await(60, TimeUnit.SECONDS);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
						if (!held.commit.get()) {
							status.setRollbackOnly();
						}
					});
					held.done.complete(null);
				}
				catch (RuntimeException ex) {
					held.done.completeExceptionally(ex);
				}
			}, "held-append");
			thread.start();
			return held;
		}

		void finish(boolean commit) throws Exception {
			this.commit.set(commit);
			release.countDown();
			done.get(30, TimeUnit.SECONDS);
		}
	}

	private boolean onRoster(String creatorId) {
		return jdbc.sql("select exists (select 1 from creator where creator_id = :id)").param("id", creatorId).query(Boolean.class).single();
	}

	private long seqOf(String eventId) {
		return jdbc.sql("select seq from platform_event where event_id = :id").param("id", eventId).query(Long.class).single();
	}

	private String registered(String id, String creatorId) {
		return EventFeed.registered(id, creatorId, "BR", null, now.minusSeconds(60));
	}

	private String followed(String id, String creatorId, String viewerId) {
		return """
				{"id":"%s","type":"follow.created","occurredAt":"%s","creatorId":"%s","viewerId":"%s"}""".formatted(id, now.minusSeconds(30),
				creatorId,
				viewerId);
	}
}
