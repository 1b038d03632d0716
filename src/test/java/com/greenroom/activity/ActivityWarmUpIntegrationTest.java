package com.greenroom.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.greenroom.events.EventType;
import com.greenroom.events.PlatformEvent;
import com.greenroom.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The activity projection's warm-up does the projection's real work on made-up streams and leaves nothing behind: no row
 * in any table the projection or the listeners of its batches write, no event publication.
 */
@IntegrationTest
class ActivityWarmUpIntegrationTest {

	/** The projection's tables, the milestones and retention its listeners keep, and the event publication registry. */
	static final List<String> TABLES = List.of("activity_creator", "activity_creator_day", "activity_viewer_day", "activity_stream",
			"activity_stream_gift", "activity_stream_viewer", "activity_day_stream", "activity_creator_viewer", "activity_roster_summary",
			"creator_milestone", "retention_creator", "retention_dirty", "event_publication");

	@Autowired
	ActivityWarmUp warmUp;

	@Autowired
	ActivityProjection activity;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Clock clock;

	@Test
	void aWarmUpLeavesNoRowBehind() {
		Map<String, Long> before = counts();

		warmUp.warmUp("warm-up-test", 2 * ActivityWarmUp.ROUND * ActivityWarmUp.BATCH);

		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void aWarmUpBatchIsRealWorkForTheProjection() {
		List<PlatformEvent> batch = ActivityWarmUp.batch("warm-up-work", 0, ActivityWarmUp.BATCH, clock.instant());
		assertThat(batch).hasSizeBetween(ActivityWarmUp.BATCH, ActivityWarmUp.BATCH + ActivityWarmUp.CREATORS_PER_BATCH);
		assertThat(batch.stream().map(PlatformEvent::type).distinct()).containsExactlyInAnyOrder(EventType.values());
		assertThat(batch.stream().map(PlatformEvent::creatorId).distinct()).hasSize(ActivityWarmUp.CREATORS_PER_BATCH);

		// what the warm-up rolls back: the batch applied, looked at inside its transaction
		long[] inside = new long[3];
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		transaction.executeWithoutResult(status -> {
			status.setRollbackOnly();
			activity.apply(batch, false);
			inside[0] = count("select count(*) from activity_creator where creator_id like 'warm-up-work-%'");
			inside[1] = count("select count(*) from activity_stream where creator_id like 'warm-up-work-%'");
			inside[2] = count("select coalesce(sum(gifts), 0) from activity_creator_day where creator_id like 'warm-up-work-%'");
		});

		assertThat(inside[0]).isEqualTo(ActivityWarmUp.CREATORS_PER_BATCH);
		assertThat(inside[1]).isEqualTo(ActivityWarmUp.CREATORS_PER_BATCH);
		assertThat(inside[2]).isEqualTo(batch.stream().filter(e -> e.type() == EventType.GIFT_SENT).count());
		assertThat(count("select count(*) from activity_creator where creator_id like 'warm-up-work-%'")).isZero();
	}

	private Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : TABLES) {
			counts.put(table, count("select count(*) from " + table));
		}
		return counts;
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}
}
