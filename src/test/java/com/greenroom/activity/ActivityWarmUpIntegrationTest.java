package com.greenroom.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
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

		int applied = warmUp.warmUp("warm-up-test", 10_000);

		// a wide round among them
		assertThat(applied).isGreaterThanOrEqualTo(10_000).isLessThan(10_000 + ActivityWarmUp.ROUND * 1_100);

		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void aWarmUpRoundIsRealWorkForTheProjection() {
		int round = ActivityWarmUp.WIDE_EVERY - 1;
		int creators = ActivityWarmUp.creators(round);
		List<List<PlatformEvent>> batches = new ArrayList<>();
		for (int index = 0; index < ActivityWarmUp.ROUND; index++) {
			batches.add(ActivityWarmUp.batch("warm-up-work", round, index, clock.instant()));
		}
		List<PlatformEvent> events = batches.stream().flatMap(List::stream).toList();
		assertThat(creators).isEqualTo(ActivityWarmUp.WIDE_CREATORS);
		assertThat(events.stream().map(PlatformEvent::type).distinct()).containsExactlyInAnyOrder(EventType.values());
		assertThat(events.stream().map(PlatformEvent::id).distinct()).hasSize(events.size());
		assertThat(events.stream().map(PlatformEvent::seq).distinct()).hasSize(events.size());
		// every batch has each creator's stream, which runs on from one batch to the next
		for (List<PlatformEvent> batch : batches) {
			assertThat(batch.stream().map(PlatformEvent::creatorId).distinct()).hasSize(creators);
		}
		assertThat(events.stream().map(PlatformEvent::streamId).filter(id -> id != null).distinct()).hasSize(creators);

		// what the warm-up rolls back: the round applied, looked at inside its transaction
		long[] inside = new long[4];
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		transaction.executeWithoutResult(status -> {
			status.setRollbackOnly();
			batches.forEach(activity::applyUnannounced);
			inside[0] = count("select count(*) from activity_creator where creator_id like 'warm-up-work-%'");
			inside[1] = count("select count(*) from activity_stream where creator_id like 'warm-up-work-%'");
			inside[2] = count("select coalesce(sum(gifts), 0) from activity_creator_day where creator_id like 'warm-up-work-%'");
			inside[3] = count("select count(*) from activity_stream where creator_id like 'warm-up-work-%' and ended_at is not null");
		});

		assertThat(inside[0]).isEqualTo(creators);
		assertThat(inside[1]).isEqualTo(creators);
		// a day recomputed from the log (a creator registered late, an event come late) loses the made-up events, which are in
		// no log; the others are counted exactly
		assertThat(inside[2]).isPositive().isLessThanOrEqualTo(events.stream().filter(e -> e.type() == EventType.GIFT_SENT).count());
		assertThat(inside[3]).isEqualTo(creators);
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
