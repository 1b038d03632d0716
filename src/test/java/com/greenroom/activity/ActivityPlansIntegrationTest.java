package com.greenroom.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Activity's per-batch statements on the viewer tables are index probes whatever the planner knows about the tables:
 * with the batch's key arrays known to it (a custom plan, as for a statement's first executions on each connection)
 * and with fresh statistics or none at all (a node catching up after a burst, before autovacuum's first analyze),
 * none of them may read a whole table. A batch then costs what its keys cost, not what the table holds.
 */
@IntegrationTest
class ActivityPlansIntegrationTest {

	private static final List<String> VIEWER_TABLES = List.of("activity_viewer_day", "activity_creator_viewer", "activity_stream_viewer");

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@BeforeEach
	void tables() {
		data.reset();
		// 500 creators × 30 days × 4 viewers (60 distinct viewers a creator), and 60,000 viewers in 2,000 rooms
		jdbc.sql("""
				insert into activity_viewer_day (creator_id, day, viewer_id, first_joined_at)
				select 'c' || c, date '2026-11-01' + d, 'v' || ((d * 4 + j) % 60), timestamptz '2026-11-01 12:00Z' + d * interval '1 day'
				from generate_series(0, 499) c, generate_series(0, 29) d, generate_series(0, 3) j""").update();
		jdbc.sql("""
				insert into activity_creator_viewer (creator_id, viewer_id, days)
				select creator_id, viewer_id, count(*) from activity_viewer_day group by 1, 2""").update();
		jdbc.sql("""
				insert into activity_stream_viewer (stream_id, viewer_id)
				select 's' || s, 'v' || v from generate_series(0, 1999) s, generate_series(0, 29) v""").update();
	}

	@AfterEach
	void clear() {
		data.reset();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void theViewerWriteAndTheRoomAndRetentionLookUpsProbeTheirKeysWithOrWithoutStatistics(boolean analyzed) {
		List<String> plans = new TransactionTemplate(transactions).execute(status -> {
			status.setRollbackOnly();
			if (analyzed) {
				jdbc.sql("analyze activity_viewer_day, activity_creator_viewer, activity_stream_viewer").update();
			}
			else {
				// as before the first analyze: no column statistics, and a size the planner must take from the table's pages
				jdbc.sql("delete from pg_statistic where starelid = any(cast(:t as regclass[]))").param("t", VIEWER_TABLES.toArray(String[]::new))
					.update();
				jdbc.sql("update pg_class set reltuples = -1, relpages = 0 where oid = any(cast(:t as regclass[]))")
					.param("t", VIEWER_TABLES.toArray(String[]::new))
					.update();
			}
			jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
			int keys = 8_000;
			String viewerWrite = String.join("\n", jdbc.sql("explain " + ActivityProjection.VIEWER_WRITE)
				.param("c", IntStream.range(0, keys).mapToObj(i -> "c" + i % 500).toArray(String[]::new))
				.param("d",
						IntStream.range(0, keys).mapToObj(i -> (int) LocalDate.parse("2026-11-01").plusDays(i % 31).toEpochDay())
							.toArray(Integer[]::new))
				.param("v", IntStream.range(0, keys).mapToObj(i -> "v" + i % 70).toArray(String[]::new))
				.param("t", IntStream.range(0, keys).mapToObj(i -> 1_700_000_000_000_000L + i).toArray(Long[]::new))
				.param("rc", new String[] { "c1", "c2" })
				.param("rv", new String[] { "v1", "v2" })
				.param("rk", new Integer[] { -1, 1 })
				.query(String.class)
				.list());
			String rooms = String.join("\n", jdbc.sql("explain " + ActivityProjection.PRESENT_VIEWERS)
				.param("s", IntStream.range(0, keys).mapToObj(i -> "s" + i % 2000).toArray(String[]::new))
				.param("v", IntStream.range(0, keys).mapToObj(i -> "v" + i % 40).toArray(String[]::new))
				.query(String.class)
				.list());
			String retention = String.join("\n", jdbc.sql("explain " + Activity.NEW_AND_RETAINED_FROM)
				.param("c", new String[] { "c1", "c2", "c3" })
				.param("from", new Date[] { Date.valueOf("2026-11-20"), Date.valueOf("2026-11-25"), Date.valueOf("2026-11-28") })
				.query(String.class)
				.list());
			return List.of(viewerWrite, rooms, retention);
		});
		for (String plan : plans) {
			for (String table : VIEWER_TABLES) {
				assertThat(plan).as("a plan (analyzed: %s) reads %s whole:%n%s", analyzed, table, plan).doesNotContain("Seq Scan on " + table);
			}
		}
		assertThat(plans.get(0)).contains("Index Scan using activity_viewer_day_pkey", "Index Scan using activity_creator_viewer_pkey",
				"Tid Scan on activity_viewer_day", "Tid Scan on activity_creator_viewer");
		assertThat(plans.get(1)).contains("activity_stream_viewer_pkey");
		assertThat(plans.get(2)).contains("activity_viewer_day_pkey", "activity_creator_viewer_pkey");
	}
}
