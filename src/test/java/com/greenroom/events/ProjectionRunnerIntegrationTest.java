package com.greenroom.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

@IntegrationTest
@Import(RecordingProjection.class)
@TestPropertySource(properties = { "greenroom.events.projections.batch-size=5", "greenroom.events.projections.catch-up-backlog=10",
		"greenroom.events.projections.catch-up-batch-size=20" })
class ProjectionRunnerIntegrationTest {

	@Autowired
	PlatformEvents events;

	@Autowired
	RecordingProjection projection;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	Instant now;

	@BeforeEach
	void reset() {
		data.reset();
		projection.reset();
		projection.resets = 0;
		projection.poison.clear();
		projection.failNext = null;
		projection.failTimes = 1;
		now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	@Test
	void everyEventIsDeliveredOnceInArrivalOrderBatchesAndThePositionAdvances() {
		events.ingestNdjson(gifts(0, 12));

		long applied = events.catchUp();

		assertThat(projection.batches).extracting(List::size).containsExactly(5, 5, 2);
		assertThat(projection.delivered()).containsExactlyElementsOf(ids(0, 12));
		assertThat(events.positions()).containsEntry("test.recording", lastSeq());
		assertThat(applied).isGreaterThanOrEqualTo(12);

		events.ingestNdjson(gifts(10, 15)); // 10 and 11 repeat, 12 to 14 are new
		events.catchUp();
		events.catchUp();

		assertThat(projection.delivered()).containsExactlyElementsOf(ids(0, 15));
		assertThat(projection.batches).extracting(List::size).containsExactly(5, 5, 2, 3);
		assertThat(events.positions()).containsEntry("test.recording", lastSeq());
	}

	@Test
	void aProjectionFarBehindCatchesUpInCatchUpBatchesThenGoesBackToTheBatchSize() {
		events.ingestNdjson(gifts(0, 50));

		events.catchUp();

		// 5 (45 seqs behind: catching up), 20 (25 behind), 20 (5 behind: under catch-up-backlog 10), then 5 again
		assertThat(projection.batches).extracting(List::size).containsExactly(5, 20, 20, 5);
		assertThat(projection.delivered()).containsExactlyElementsOf(ids(0, 50));
		assertThat(events.positions()).containsEntry("test.recording", lastSeq());
	}

	@Test
	void aRebuildResetsAndReplaysTheLogToTheSameState() {
		events.ingestNdjson(gifts(0, 7));
		events.catchUp();
		events.ingestNdjson(gifts(7, 13));
		events.catchUp();
		Map<String, BigDecimal> before = new TreeMap<>(projection.revenue);
		List<String> deliveredBefore = projection.delivered();

		long replayed = events.rebuild();

		assertThat(projection.resets).isEqualTo(1);
		assertThat(replayed).isGreaterThanOrEqualTo(13);
		assertThat(projection.revenue).isEqualTo(before);
		assertThat(projection.delivered()).containsExactlyElementsOf(deliveredBefore);
		assertThat(projection.batches).extracting(List::size).containsExactly(5, 5, 3);
		assertThat(events.positions()).containsEntry("test.recording", lastSeq());
	}

	@Test
	void aTransientFailureIsTriedAgainByTheCatchUpAndTheBatchIsAppliedAsItIs() {
		events.ingestNdjson(gifts(0, 3));
		projection.failNext = new org.springframework.dao.DeadlockLoserDataAccessException("deadlock detected", null);

		events.catchUp();

		assertThat(projection.attempts).isEqualTo(2);
		assertThat(projection.batches).containsExactly(ids(0, 3));
		assertThat(events.positions()).containsEntry("test.recording", lastSeq());
		assertThat(jdbc.sql("select count(*) from projection_quarantine").query(Long.class).single()).isZero();
	}

	@Test
	void aTransientFailureThatPersistsLeavesThePositionWhereItWasSoTheBatchIsRetriedAsItIsLater() {
		events.ingestNdjson(gifts(0, 3));
		RuntimeException failure = new org.springframework.dao.CannotAcquireLockException("could not obtain lock");
		projection.failNext = failure;
		projection.failTimes = 5;

		org.assertj.core.api.Assertions.assertThatThrownBy(events::catchUp).isSameAs(failure);
		assertThat(projection.attempts).isEqualTo(5);
		assertThat(events.positions()).containsEntry("test.recording", 0L);
		assertThat(jdbc.sql("select count(*) from projection_quarantine").query(Long.class).single()).isZero();

		events.catchUp();
		assertThat(projection.delivered()).containsExactlyElementsOf(ids(0, 3));
	}

	@Test
	void aOneOffFailureIsBisectedAwayWithoutQuarantiningAnything() {
		events.ingestNdjson(gifts(0, 5));
		projection.failNext = new IllegalStateException("a hiccup");

		events.catchUp();

		assertThat(projection.delivered()).containsExactlyElementsOf(ids(0, 5));
		assertThat(jdbc.sql("select count(*) from projection_quarantine").query(Long.class).single()).isZero();
	}

	@Test
	@com.greenroom.support.ExpectsQuarantine
	void aPoisonEventIsBisectedOutOfItsBatchQuarantinedAndEveryOtherEventIsAppliedOnce() {
		events.ingestNdjson(gifts(0, 12));
		projection.poison.add("g7");

		events.catchUp();

		assertThat(projection.delivered()).containsExactlyInAnyOrderElementsOf(ids(0, 12).stream().filter(id -> !id.equals("g7")).toList());
		assertThat(events.positions()).containsEntry("test.recording", lastSeq());
		assertThat(jdbc.sql("select event_id || ' ' || attempts || ' ' || error from projection_quarantine where projection = 'test.recording'")
			.query(String.class)
			.list()).containsExactly("g7 1 IllegalArgumentException: cannot apply g7");
		// the batch of five holding g7 fails, then halves of it until g7 is alone: a few short transactions, not one per event
		assertThat(projection.attempts).isLessThanOrEqualTo(3 + 2 * 3 + 1);

		events.ingestNdjson(gifts(12, 14));
		events.catchUp();
		assertThat(projection.delivered()).endsWith("g12", "g13");
	}

	private long lastSeq() {
		return jdbc.sql("select max(seq) from platform_event").query(Long.class).single();
	}

	private byte[] gifts(int from, int to) {
		return IntStream.range(from, to)
			.mapToObj(
					i -> """
							{"id":"g%d","type":"gift.sent","occurredAt":"%s","creatorId":"c%d","streamId":"s1","viewerId":"v%d","amount":{"value":"%d.50","currency":"USD"}}"""
						.formatted(i, now.minus(Duration.ofMinutes(100 - i)), i % 3, i, i))
			.collect(Collectors.joining("\n"))
			.getBytes();
	}

	private static List<String> ids(int from, int to) {
		return IntStream.range(from, to).mapToObj(i -> "g" + i).toList();
	}
}
