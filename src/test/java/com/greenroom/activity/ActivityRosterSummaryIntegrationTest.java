package com.greenroom.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
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

	@Autowired
	Api api;

	@Autowired
	EventFeed feed;

	@Autowired
	TestClock clock;

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

	/**
	 * The summary's region (V325) follows the creator: each batch writes the region it reads from the creator row, and
	 * {@link ActivityRosterSummary#refreshRegions} sets it again on the rows whose creator's region changed since. Scoping never
	 * waits for it: the page's filter reads the creator row, so a creator moved out of a region leaves its lead's sorted pages
	 * at once, and joins her new lead's once her row carries the new region. Pages of two, through cursors.
	 */
	@Test
	void aCreatorsRegionFollowsHerIntoEachLeadsSortedPages() {
		clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		Instant registration = Instant.parse("2026-10-01T00:00:00Z");
		Instant at = Instant.parse("2026-11-29T10:00:00Z");
		feed.send(EventFeed.registered("r1", "utc", "GB", "UTC", registration),
				EventFeed.registered("r2", "lax", "US", "America/Los_Angeles", registration), EventFeed.started("s1", "utc", "u1", at),
				EventFeed.gift("g1", "utc", "u1", "v1", "75.00", at), EventFeed.started("s2", "lax", "l1", at),
				EventFeed.gift("g2", "lax", "l1", "v1", "50.00", at));
		String gb = regionOf("utc");
		String us = regionOf("lax");
		assertThat(gb).isNotEqualTo(us);
		String gbLead = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), gb));
		String usLead = data.tokenOf(data.user("uma", List.of("REGIONAL_LEAD"), us));

		// activity before the creator is on the roster: no region
		feed.send(EventFeed.started("s9", "late", "z1", at), EventFeed.gift("g9", "late", "z1", "v1", "500.00", at));
		summary.refreshRegions();
		assertThat(summaryRegion("late")).isEmpty();
		assertThat(byRevenue("", gbLead)).containsExactly("utc 75");

		feed.send(EventFeed.registered("r9", "late", "GB", "Europe/London", at));
		summary.refreshRegions();
		assertThat(regionOf("late")).isEqualTo(gb);
		assertThat(summaryRegion("late")).as("registered in GB").isEqualTo(gb);
		assertThat(byRevenue("", TestData.ADMIN_TOKEN)).containsExactly("late 500", "utc 75", "lax 50");
		assertThat(byRevenue("", gbLead)).containsExactly("late 500", "utc 75");
		assertThat(byRevenue("", usLead)).containsExactly("lax 50");

		assertThat(api.patch("/api/v1/creators/late", TestData.ADMIN_TOKEN, "{\"region\":\"" + us + "\"}").status()).isEqualTo(200);
		assertThat(byRevenue("", gbLead)).as("her old lead's pages drop her at once").containsExactly("utc 75");
		assertThat(summary.refreshRegions()).as("rows moved").isEqualTo(1);
		assertThat(summary.refreshRegions()).as("nothing left to move").isZero();
		assertThat(summaryRegion("late")).isEqualTo(us);
		assertThat(byRevenue("", usLead)).containsExactly("late 500", "lax 50");
		assertThat(byRevenue("&region=" + us, TestData.ADMIN_TOKEN)).containsExactly("late 500", "lax 50");

		// one manager's creators are read by the manager's index, not a region range: the same order
		long mo = data.manager("mo", us).id();
		assertThat(api.post("/api/v1/creators/manager-assignments", TestData.ADMIN_TOKEN,
				"{\"creatorIds\":[\"late\",\"lax\"],\"managerId\":" + mo + "}")
			.status()).isEqualTo(200);
		assertThat(byRevenue("&manager=" + mo, usLead)).containsExactly("late 500", "lax 50");
		assertThat(byRevenue("&manager=" + mo, TestData.ADMIN_TOKEN)).containsExactly("late 500", "lax 50");
	}

	private List<String> byRevenue(String query, String token) {
		List<String> seen = new ArrayList<>();
		String cursor = "";
		do {
			JsonNode page = api.get("/api/v1/creators?sort=-revenue28d&columns=handle,revenue28d&limit=2" + query
					+ (cursor.isEmpty() ? "" : "&cursor=" + cursor), token)
				.json();
			page.get("items").forEach(c -> seen.add(c.get("handle").asString() + " " + c.get("figures").get("revenue28d").asString()));
			cursor = page.has("nextCursor") && !page.get("nextCursor").isNull() ? page.get("nextCursor").asString() : "";
		}
		while (!cursor.isEmpty());
		return seen;
	}

	private String regionOf(String creatorId) {
		return jdbc.sql("select region_code from creator where creator_id = :id").param("id", creatorId).query(String.class).single();
	}

	private String summaryRegion(String creatorId) {
		return jdbc.sql("select region_code from activity_roster_summary where creator_id = :id")
			.param("id", creatorId)
			.query(String.class)
			.single();
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
