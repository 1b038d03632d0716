package com.greenroom.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How long a roster page takes at the server when sorted by a performance figure, at volume: N creators
 * (default 10,000; -Droster.creators=) with 28 creator days of rollups and a stream each. Prints medians
 * of timed API calls; asserts nothing about time. Run on its own:
 * {@code mvn -B -o test -Dtest=RosterSortBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Results: docs/benchmarks.md.
 */
@IntegrationTest
class RosterSortBenchmark {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Test
	void rosterPagesSortedByPerformanceFigures() {
		data.reset();
		int creators = Integer.getInteger("roster.creators", 10_000);
		Instant now = clock.instant();
		String[] regions = { "LATAM", "SEA", "EU", "NA" };
		jdbc.sql(
				"""
						insert into creator (creator_id, handle, country, region_code, time_zone, status, registered_at, created_at, updated_at)
						select 'b-' || i, 'bench' || i, 'BR', (cast(:regions as text[]))[1 + i % 4], 'UTC', 'ACTIVE', cast(:now as timestamptz) - (i % 90) * interval '1 day', :now, :now
						from generate_series(1, :n) as i""")
			.param("regions", regions).param("now", java.sql.Timestamp.from(now)).param("n", creators).update();
		jdbc.sql(
				"""
						insert into activity_creator (creator_id, time_zone, zone_source) select 'b-' || i, 'UTC', 'ROSTER' from generate_series(1, :n) as i""")
			.param("n", creators).update();
		jdbc.sql("""
				insert into activity_creator_day (creator_id, day, active, streams, live_seconds, unique_viewers, peak_concurrent_viewers, gifts,
				                                  gift_revenue_usd, subscriptions, subscription_revenue_usd, follows, reports)
				select 'b-' || i, cast(:now as date) - d, (i + d) % 3 = 0, 1, 600 + (i * d) % 3600, 10, 5, 1, ((i * 7 + d * 13) % 1000) / 10.0, 0, 0,
				       (i + d) % 5, 0
				from generate_series(1, :n) as i, generate_series(0, 34) as d""")
			.param("now", java.sql.Timestamp.from(now)).param("n", creators).update();
		jdbc.sql(
				"""
						insert into activity_stream (stream_id, creator_id, started_at, ended_at, last_event_at, current_viewers, peak_viewers, reports,
						                             gift_revenue_usd)
						select 's-' || i, 'b-' || i, cast(:now as timestamptz) - (i % 500) * interval '1 hour', :now, :now, 0, 5, 0, 0 from generate_series(1, :n) as i""")
			.param("now", java.sql.Timestamp.from(now)).param("n", creators).update();
		jdbc.sql("analyze").update();
		String lead = data.tokenOf(data.user("lead", List.of("REGIONAL_LEAD"), "LATAM"));
		String all = "columns=handle,lastLive,activeDays28d,liveMinutes28d,revenue28d,followers28d,milestones,tier";
		System.out.printf("ROSTER-BENCH %d creators (%d in LATAM)%n", creators, creators / 4);
		time("admin, default order (handle)", TestData.ADMIN_TOKEN, "/api/v1/creators?limit=50");
		time("admin, -revenue28d, all figure columns", TestData.ADMIN_TOKEN, "/api/v1/creators?limit=50&sort=-revenue28d&" + all);
		time("admin, -lastLive", TestData.ADMIN_TOKEN, "/api/v1/creators?limit=50&sort=-lastLive");
		time("admin, tier", TestData.ADMIN_TOKEN, "/api/v1/creators?limit=50&sort=tier");
		time("lead (LATAM), -revenue28d, all figure columns", lead, "/api/v1/creators?limit=50&sort=-revenue28d&" + all);
		time("lead (LATAM), notLiveDays=7, -revenue28d", lead, "/api/v1/creators?limit=50&notLiveDays=7&sort=-revenue28d&columns=revenue28d");
		String cursor = api.get("/api/v1/creators?limit=500&sort=-revenue28d", TestData.ADMIN_TOKEN).json().get("nextCursor").asString();
		time("admin, -revenue28d, second page of 500 (keyset)", TestData.ADMIN_TOKEN, "/api/v1/creators?limit=500&sort=-revenue28d&cursor=" + cursor);
		if (Boolean.getBoolean("roster.explain")) {
			jdbc.sql(
					"""
							explain analyze select c.id, x.revenue_28d_usd from creator c left join lateral activity_roster_figures(c.creator_id, now()) x on true
							order by x.revenue_28d_usd desc nulls last, c.id limit 51""")
				.query(String.class).list().forEach(l -> System.out.println("ROSTER-BENCH " + l));
		}
		time("admin, CSV of everything, -revenue28d, all figure columns", TestData.ADMIN_TOKEN, "/api/v1/creators.csv?sort=-revenue28d&" + all);
	}

	private void time(String what, String token, String path) {
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			long start = System.nanoTime();
			Api.Response response = api.get(path, token);
			millis.add((System.nanoTime() - start) / 1e6);
			if (response.status() != 200) {
				throw new IllegalStateException(path + " -> " + response);
			}
		}
		List<Double> warm = new ArrayList<>(millis.subList(2, millis.size()));
		Collections.sort(warm);
		System.out.printf("ROSTER-BENCH %-60s median %6.0f ms, min %6.0f ms (5 warm calls)%n", what, warm.get(warm.size() / 2), warm.get(0));
	}
}
