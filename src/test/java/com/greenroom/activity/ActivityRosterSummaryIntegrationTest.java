package com.greenroom.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The check before every sorted roster page ("has any summary row's window rolled forward?") answers as the
 * rows say, and reads one end of the {@code valid_until} index with the plan PostgreSQL uses for a prepared
 * statement run many times (generic: the instant unknown at planning), not every row of the summary.
 */
@IntegrationTest
class ActivityRosterSummaryIntegrationTest {

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	ActivityRosterSummary summary;

	@BeforeEach
	void reset() {
		data.reset();
		jdbc.sql("delete from activity_roster_summary").update();
	}

	private void rows(int n, String validUntil) {
		jdbc.sql("""
				insert into activity_roster_summary (creator_id, last_live_at, active_days_28d, live_minutes_28d, revenue_28d_usd, followers_28d,
				                                     valid_until)
				select 'c-' || g, null, 0, 0, 0, 0, cast(:validUntil as timestamptz) from generate_series(1, :n) g
				on conflict (creator_id) do update set valid_until = excluded.valid_until""")
			.param("validUntil", validUntil)
			.param("n", n)
			.update();
	}

	@Test
	void theStalenessCheckAnswersAsTheRowsSayAndRewritesOnlyTheRowsWhoseWindowHasPassed() {
		Instant now = Instant.parse("2026-11-30T09:00:00Z");
		assertThat(summary.refreshStale(now)).as("no rows at all").isZero();

		rows(3, "2026-11-30T10:00:00Z");
		assertThat(summary.refreshStale(now)).as("every window still open").isZero();

		jdbc.sql("update activity_roster_summary set valid_until = cast(:at as timestamptz) where creator_id = 'c-2'")
			.param("at", Timestamp.from(now))
			.update();
		assertThat(summary.refreshStale(now)).as("a window ending exactly now has passed").isEqualTo(1);
		assertThat(jdbc.sql("select creator_id from activity_roster_summary where valid_until <= cast(:at as timestamptz)")
			.param("at", Timestamp.from(now))
			.query(String.class)
			.list()).as("rewritten with a later window").isEmpty();
		assertThat(jdbc.sql("select count(*) from activity_roster_summary").query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void theStalenessCheckReadsTheIndexWithAGenericPlan() throws Exception {
		rows(5000, "2026-12-31T00:00:00Z");
		jdbc.sql("analyze activity_roster_summary").update();
		String sql = ActivityRosterSummary.STALE_CHECK.replace(":now", "$1");
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("set plan_cache_mode = force_generic_plan");
			statement.execute("prepare stale_check (timestamptz) as " + sql);
			StringBuilder plan = new StringBuilder();
			try (ResultSet rs = statement.executeQuery(
					"explain (analyze, buffers, costs off, timing off, summary off) execute stale_check ('2026-11-30T09:00:00Z')")) {
				while (rs.next()) {
					plan.append(rs.getString(1)).append('\n');
				}
			}
			try (ResultSet rs = statement.executeQuery("execute stale_check ('2026-11-30T09:00:00Z')")) {
				rs.next();
				assertThat(rs.getBoolean(1)).isFalse();
			}
			statement.execute("deallocate stale_check");
			statement.execute("reset plan_cache_mode");
			assertThat(plan.toString()).as(plan.toString()).doesNotContain("Seq Scan").contains("activity_roster_summary_valid_until");
			int buffers = plan.toString()
				.lines()
				.filter(l -> l.strip().startsWith("Buffers: shared"))
				.findFirst()
				.map(l -> l.replaceAll(".*hit=(\\d+).*", "$1"))
				.map(Integer::parseInt)
				.orElse(0);
			assertThat(buffers).as("buffers read by the check over 5,000 rows").isLessThan(20);
		}
	}
}
