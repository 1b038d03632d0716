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
@TestPropertySource(properties = "greenroom.events.projections.batch-size=5")
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
	void aFailingBatchLeavesThePositionWhereItWasSoTheBatchIsRetried() {
		events.ingestNdjson(gifts(0, 3));
		jdbc.sql("insert into projection_position (name, position) values ('test.recording', 0) on conflict do nothing").update();
		RuntimeException failure = new IllegalStateException("projection store unavailable");
		projection.failNext = failure;

		org.assertj.core.api.Assertions.assertThatThrownBy(events::catchUp).isSameAs(failure);
		assertThat(events.positions()).containsEntry("test.recording", 0L);

		events.catchUp();
		assertThat(projection.delivered()).containsExactlyElementsOf(ids(0, 3));
	}

	private long lastSeq() {
		return jdbc.sql("select max(seq) from platform_event").query(Long.class).single();
	}

	private byte[] gifts(int from, int to) {
		return IntStream.range(from, to)
			.mapToObj(i -> """
					{"id":"g%d","type":"gift.sent","occurredAt":"%s","creatorId":"c%d","streamId":"s1","viewerId":"v%d","amount":{"value":"%d.50","currency":"USD"}}"""
				.formatted(i, now.minus(Duration.ofMinutes(100 - i)), i % 3, i, i))
			.collect(Collectors.joining("\n"))
			.getBytes();
	}

	private static List<String> ids(int from, int to) {
		return IntStream.range(from, to).mapToObj(i -> "g" + i).toList();
	}
}
