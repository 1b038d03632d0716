package com.greenroom.creators;

import static com.greenroom.support.EventFeed.gift;
import static com.greenroom.support.EventFeed.registered;
import static com.greenroom.support.EventFeed.started;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * The roster sorted by a 28-day figure reads a per-creator summary (V262); these pin that the sorted pages
 * still equal the definition (activity_roster_figures, the creator's own local today) as days roll forward
 * in different time zones, and after a rebuild.
 */
@IntegrationTest
class RosterFigureSortIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	TestClock clock;

	@Autowired
	EventFeed feed;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void reset() {
		data.reset();
	}

	/**
	 * At 09:00 UTC on 30 November it is 22:00 on the 30th in Auckland (UTC+13) and 01:00 on the 30th in Los
	 * Angeles (UTC-8): both windows run from 3 to 30 November. Each earned on its own local 3 November.
	 */
	private void seed() {
		Instant registration = Instant.parse("2026-10-01T00:00:00Z");
		feed.send(registered("r1", "akl", "NZ", "Pacific/Auckland", registration), registered("r2", "lax", "US", "America/Los_Angeles", registration),
				registered("r3", "utc", "GB", "UTC", registration),
				started("s1", "akl", "a1", Instant.parse("2026-11-02T23:00:00Z")),
				gift("g1", "akl", "a1", "v1", "100.00", Instant.parse("2026-11-02T23:00:00Z")), // Auckland 3 Nov 12:00
				started("s2", "lax", "l1", Instant.parse("2026-11-03T20:00:00Z")),
				gift("g2", "lax", "l1", "v1", "50.00", Instant.parse("2026-11-03T20:00:00Z")), // Los Angeles 3 Nov 12:00
				started("s3", "utc", "u1", Instant.parse("2026-11-29T12:00:00Z")),
				gift("g3", "utc", "u1", "v1", "75.00", Instant.parse("2026-11-29T12:00:00Z")));
	}

	private List<String> byRevenue(String query) {
		List<String> seen = new ArrayList<>();
		String cursor = "";
		do {
			JsonNode page = api.get("/api/v1/creators?sort=-revenue28d&columns=handle,revenue28d&limit=2" + query
					+ (cursor.isEmpty() ? "" : "&cursor=" + cursor), TestData.ADMIN_TOKEN)
				.json();
			page.get("items").forEach(c -> seen.add(c.get("handle").asString() + " " + c.get("figures").get("revenue28d").asString()));
			cursor = page.has("nextCursor") && !page.get("nextCursor").isNull() ? page.get("nextCursor").asString() : "";
		}
		while (!cursor.isEmpty());
		return seen;
	}

	/** The definition itself, for every creator, as of the test clock. */
	private Map<String, String> definition() {
		Map<String, String> figures = new java.util.TreeMap<>();
		jdbc.sql("select c.creator_id, f.revenue_28d_usd from creator c cross join lateral activity_roster_figures(c.creator_id, :now) f")
			.param("now", java.sql.Timestamp.from(clock.instant()))
			.query(rs -> {
				figures.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros().toPlainString());
			});
		return figures;
	}

	@Test
	void sortingByRevenueFollowsEachCreatorsOwnMidnightAsDaysRollForward() {
		clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		seed();
		assertThat(byRevenue("")).containsExactly("akl 100", "utc 75", "lax 50");

		// 11:30 UTC: Auckland's 1 December has begun (its 3 November left the window); Los Angeles is still on the 30th
		clock.set(Instant.parse("2026-11-30T11:30:00Z"));
		assertThat(definition()).containsEntry("akl", "0").containsEntry("lax", "50");
		assertThat(byRevenue("")).containsExactly("utc 75", "lax 50", "akl 0");

		// 08:30 UTC on 1 December: midnight has passed in Los Angeles too
		clock.set(Instant.parse("2026-12-01T08:30:00Z"));
		// the tie in platform id order, descending as the sort
		assertThat(byRevenue("")).containsExactly("utc 75", "lax 0", "akl 0");
		assertThat(byRevenue("&region=" + jdbc.sql("select region_code from creator where creator_id = 'utc'").query(String.class).single()))
			.as("a region filter pages through its own creators only")
			.containsExactly("utc 75");
	}

	@Test
	void theSortedPageEqualsTheDefinitionAndARebuildWritesTheSameSummary() {
		clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		seed();
		List<Map<String, Object>> before = jdbc.sql("select * from activity_roster_summary order by creator_id").query().listOfRows();
		assertThat(before).hasSize(3);

		feed.rebuild();

		assertThat(jdbc.sql("select * from activity_roster_summary order by creator_id").query().listOfRows()).isEqualTo(before);
		Map<String, String> definition = definition();
		List<String> expected = definition.entrySet()
			.stream()
			.sorted(Map.Entry.<String, String>comparingByValue(java.util.Comparator.comparing(java.math.BigDecimal::new)).reversed())
			.map(e -> e.getKey() + " " + e.getValue())
			.toList();
		assertThat(byRevenue("")).isEqualTo(expected);
	}

	/**
	 * Pages of more than the default 50 (planned for 501 rows, read to the page's size) and of fewer: the same creators and
	 * figures, in the same order, whatever the page size, by a figure (the summary's row carried into the page's figures,
	 * 58 creators with revenue then 4 without) and by handle.
	 */
	@Test
	void pagesLargerAndSmallerThanTheDefaultListTheSameCreatorsAndFigures() {
		clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		List<String> events = new ArrayList<>();
		for (int i = 0; i < 62; i++) {
			String id = "big" + (100 + i);
			events.add(registered("r" + id, id, "GB", "UTC", Instant.parse("2026-10-01T00:00:00Z")));
			if (i < 58) {
				events.add(started("s" + id, id, "st" + id, Instant.parse("2026-11-29T12:00:00Z")));
				events.add(gift("g" + id, id, "st" + id, "v1", (10 + i % 29) + ".50", Instant.parse("2026-11-29T12:00:00Z")));
			}
		}
		feed.send(events.toArray(String[]::new));
		Map<String, String> definition = definition();
		List<String> expected = definition.entrySet()
			.stream()
			.sorted(Map.Entry.<String, String>comparingByValue(java.util.Comparator.comparing(java.math.BigDecimal::new))
				.thenComparing(Map.Entry.comparingByKey())
				.reversed())
			.map(e -> e.getKey() + " " + e.getValue())
			.toList();
		assertThat(expected).hasSize(62);
		for (int limit : new int[] { 7, 50, 51, 60, 500 }) {
			List<String> byFigure = new ArrayList<>();
			List<String> byHandle = new ArrayList<>();
			List<Integer> sizes = new ArrayList<>();
			for (String sort : new String[] { "-revenue28d", "handle" }) {
				String cursor = "";
				do {
					JsonNode page = api.get("/api/v1/creators?sort=" + sort + "&columns=creatorId,revenue28d,tier&limit=" + limit
							+ (cursor.isEmpty() ? "" : "&cursor=" + cursor), TestData.ADMIN_TOKEN)
						.json();
					sizes.add(page.get("items").size());
					page.get("items")
						.forEach(c -> (sort.equals("handle") ? byHandle : byFigure)
							.add(c.get("creatorId").asString() + " " + c.get("figures").get("revenue28d").asString()));
					cursor = page.has("nextCursor") && !page.get("nextCursor").isNull() ? page.get("nextCursor").asString() : "";
				}
				while (!cursor.isEmpty());
			}
			assertThat(byFigure).as("by revenue, pages of %d", limit).isEqualTo(expected);
			assertThat(byHandle).as("by handle, pages of %d", limit).isEqualTo(expected.stream().sorted().toList());
			assertThat(sizes).as("every page full but the last of each sort, pages of %d", limit)
				.allMatch(n -> n <= limit)
				.contains(Math.min(limit, 62));
		}
	}

	/**
	 * Every figure and tier sort, both directions, paged two at a time with cursors, lists the creators exactly in
	 * the definition's order: the function's value (counts and dollars: none counts as 0; times and tiers: none
	 * last), ties by platform id (creator_id) in the sort's direction, across creators with values, zeros, ties and no
	 * activity at all.
	 */
	@Test
	void everyFigureAndTierSortPagedWithCursorsEqualsTheDefinitionsOrder() {
		clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		seed();
		Instant registration = Instant.parse("2026-10-01T00:00:00Z");
		feed.send(registered("r4", "tie1", "GB", "UTC", registration), registered("r5", "tie2", "GB", "UTC", registration),
				registered("r6", "quiet", "GB", "UTC", registration), registered("r7", "fan", "GB", "UTC", registration),
				registered("r8", "none", "GB", "UTC", registration),
				started("s4", "tie1", "t1", Instant.parse("2026-11-29T13:00:00Z")),
				gift("g4", "tie1", "t1", "v1", "75.00", Instant.parse("2026-11-29T13:00:00Z")),
				started("s5", "tie2", "t2", Instant.parse("2026-11-29T12:00:00Z")),
				gift("g5", "tie2", "t2", "v1", "75.00", Instant.parse("2026-11-29T12:00:00Z")),
				started("s6", "quiet", "q1", Instant.parse("2026-11-28T12:00:00Z")),
				EventFeed.follow("f1", "fan", "v2", Instant.parse("2026-11-29T12:00:00Z")));
		jdbc.sql("""
				insert into creator_tier (creator_id, region_code, tier, since, revenue_usd, active_days, computed_at)
				select creator_id, region_code, (array['TOP', 'MID', 'MID', 'DORMANT'])[1 + (id % 4)::int], now(), 0, 0, now()
				from creator where creator_id not in ('none', 'fan')""").update();
		Map<String, String> figures = Map.of("lastLive", "extract(epoch from f.last_live_at)", "activeDays28d", "coalesce(f.active_days_28d, 0)",
				"liveMinutes28d", "coalesce(f.live_minutes_28d, 0)", "revenue28d", "coalesce(f.revenue_28d_usd, 0)", "followers28d",
				"coalesce(f.followers_28d, 0)", "tier", "t.tier_rank");
		figures.forEach((key, expression) -> {
			for (String direction : List.of("", "-")) {
				List<String> expected = jdbc.sql("select c.creator_id from creator c left join lateral activity_roster_figures(c.creator_id, :now) f"
						+ " on true left join lateral tier_roster_figures(c.creator_id, :now) t on true order by " + expression
						+ (direction.isEmpty() ? " asc" : " desc") + " nulls last, c.creator_id" + (direction.isEmpty() ? " asc" : " desc"))
					.param("now", java.sql.Timestamp.from(clock.instant()))
					.query(String.class)
					.list();
				List<String> seen = new ArrayList<>();
				String cursor = "";
				do {
					JsonNode page = api.get("/api/v1/creators?sort=" + direction + key + "&columns=creatorId&limit=2"
							+ (cursor.isEmpty() ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)),
							TestData.ADMIN_TOKEN)
						.json();
					page.get("items").forEach(c -> seen.add(c.get("creatorId").asString()));
					cursor = page.has("nextCursor") && !page.get("nextCursor").isNull() ? page.get("nextCursor").asString() : "";
				}
				while (!cursor.isEmpty() && seen.size() <= expected.size());
				assertThat(seen).as("sort=" + direction + key).containsExactlyElementsOf(expected);
			}
		});
	}

	/**
	 * Shown figures come from a creator's summary row only while the row is valid; once its window has passed (here
	 * on a page sorted by handle, which does not roll the summary forward first) the page shows the definition. The
	 * rows are marked with a figure no event produced, to tell which source a page read.
	 */
	@Test
	void shownFiguresComeFromAValidSummaryRowAndFromTheDefinitionOnceItsWindowHasPassed() {
		clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		seed();
		Map<String, String> definition = definition();
		List<Map<String, Object>> written = jdbc.sql("select * from activity_roster_summary order by creator_id").query().listOfRows();
		assertThat(byHandle()).containsExactly("akl " + definition.get("akl"), "lax " + definition.get("lax"), "utc " + definition.get("utc"))
			.containsExactly("akl 100", "lax 50", "utc 75");

		// a valid row is read as it is (its contract: it equals the definition until valid_until)
		jdbc.sql("update activity_roster_summary set revenue_28d_usd = 12345 where creator_id = 'utc'").update();
		assertThat(byHandle()).contains("utc 12345");

		// 11:30 UTC: Auckland's day has turned, its row's window passed and not rolled forward yet: the definition (0)
		clock.set(Instant.parse("2026-11-30T11:30:00Z"));
		jdbc.sql("update activity_roster_summary set revenue_28d_usd = 999 where creator_id = 'akl'").update();
		assertThat(jdbc.sql("select valid_until <= cast(:now as timestamptz) from activity_roster_summary where creator_id = 'akl'")
			.param("now", java.sql.Timestamp.from(clock.instant()))
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(byHandle()).containsExactly("akl 0", "lax 50", "utc 12345");

		// a creator without a row: the definition
		jdbc.sql("update activity_roster_summary set revenue_28d_usd = 75 where creator_id = 'utc'").update();
		jdbc.sql("delete from activity_roster_summary where creator_id = 'lax'").update();
		assertThat(byHandle()).containsExactly("akl 0", "lax 50", "utc 75");
		assertThat(written).hasSize(3);
	}

	private List<String> byHandle() {
		List<String> seen = new ArrayList<>();
		api.get("/api/v1/creators?columns=handle,revenue28d", TestData.ADMIN_TOKEN)
			.json()
			.get("items")
			.forEach(c -> seen.add(c.get("handle").asString() + " " + c.get("figures").get("revenue28d").asString()));
		return seen;
	}

	@Test
	void aLeadSortingByRevenueSeesOnlyHerRegion() {
		clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		seed();
		String region = jdbc.sql("select region_code from creator where creator_id = 'lax'").query(String.class).single();
		String lead = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), region));

		JsonNode page = api.get("/api/v1/creators?sort=-revenue28d&columns=handle,revenue28d", lead).json();

		List<String> handles = new ArrayList<>();
		page.get("items").forEach(c -> handles.add(c.get("handle").asString()));
		List<String> inRegion = jdbc.sql("select handle from creator where region_code = :r").param("r", region).query(String.class).list();
		assertThat(handles).contains("lax").containsExactlyInAnyOrderElementsOf(inRegion);
	}

	/**
	 * Creators tied on a figure page in platform id order in the sort's direction (not the order they joined the
	 * roster), across page boundaries and cursors, for every figure and the tier, both directions; a lead paging the same sorts sees her
	 * region's creators only, in the same order. Registered in an order unlike their ids, so a tie order by roster id
	 * would fail.
	 */
	@Test
	void tiesPageInPlatformIdOrderAndALeadSeesOnlyHerRegion() {
		clock.set(Instant.parse("2026-11-30T09:00:00Z"));
		Instant registration = Instant.parse("2026-10-01T00:00:00Z");
		Instant live = Instant.parse("2026-11-29T12:00:00Z");
		List<String> events = new ArrayList<>();
		String[][] creators = { { "z9", "GB" }, { "b2", "GB" }, { "x3", "US" }, { "m5", "GB" }, { "a1", "GB" }, { "c4", "US" }, { "q7", "GB" },
				{ "top", "GB" }, { "low", "GB" }, { "idle", "GB" } };
		for (String[] creator : creators) {
			String id = creator[0];
			events.add(registered("r-" + id, id, creator[1], "UTC", registration));
			if (!id.equals("idle")) {
				events.add(started("s-" + id, id, "st-" + id, live));
				String usd = id.equals("top") ? "90.00" : id.equals("low") ? "5.00" : "20.00";
				events.add(gift("g-" + id, id, "st-" + id, "v1", usd, live));
			}
		}
		feed.send(events.toArray(String[]::new));
		jdbc.sql("""
				insert into creator_tier (creator_id, region_code, tier, since, revenue_usd, active_days, computed_at)
				select creator_id, region_code, case creator_id when 'top' then 'TOP' when 'idle' then 'DORMANT' else 'MID' end, now(), 0, 0, now()
				from creator""").update();
		String gb = jdbc.sql("select region_code from creator where creator_id = 'a1'").query(String.class).single();
		assertThat(jdbc.sql("select region_code from creator where creator_id = 'x3'").query(String.class).single()).isNotEqualTo(gb);
		String lead = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), gb));

		List<String> tied = List.of("a1", "b2", "c4", "m5", "q7", "x3", "z9");
		Map<String, List<List<String>>> expected = new java.util.LinkedHashMap<>();
		// groups of equal values, each in ascending platform id order; a descending sort lists each group backwards
		expected.put("-revenue28d", List.of(List.of("top"), tied, List.of("low"), List.of("idle")));
		expected.put("revenue28d", List.of(List.of("idle"), List.of("low"), tied, List.of("top")));
		expected.put("activeDays28d", List.of(List.of("idle"), List.of("a1", "b2", "c4", "low", "m5", "q7", "top", "x3", "z9")));
		expected.put("tier", List.of(List.of("top"), List.of("a1", "b2", "c4", "low", "m5", "q7", "x3", "z9"), List.of("idle")));
		expected.put("-tier", List.of(List.of("idle"), List.of("a1", "b2", "c4", "low", "m5", "q7", "x3", "z9"), List.of("top")));
		expected.put("-lastLive", List.of(List.of("a1", "b2", "c4", "low", "m5", "q7", "top", "x3", "z9"), List.of("idle")));
		expected.put("lastLive", List.of(List.of("a1", "b2", "c4", "low", "m5", "q7", "top", "x3", "z9"), List.of("idle")));
		expected.put("-activeDays28d", List.of(List.of("a1", "b2", "c4", "low", "m5", "q7", "top", "x3", "z9"), List.of("idle")));
		expected.forEach((sort, groups) -> {
			List<String> all = groups.stream()
				.flatMap(group -> {
					List<String> inOrder = new ArrayList<>(group);
					if (sort.startsWith("-")) {
						java.util.Collections.reverse(inOrder);
					}
					return inOrder.stream();
				})
				.toList();
			assertThat(pagedIds(sort, TestData.ADMIN_TOKEN)).as("admin, sort=" + sort).containsExactlyElementsOf(all);
			List<String> inGb = all.stream().filter(id -> !id.equals("x3") && !id.equals("c4")).toList();
			assertThat(pagedIds(sort, lead)).as("lead, sort=" + sort).containsExactlyElementsOf(inGb);
		});
	}

	/** Every creator a token sees sorted this way, two a page, following the cursors. */
	private List<String> pagedIds(String sort, String token) {
		List<String> seen = new ArrayList<>();
		String cursor = "";
		do {
			JsonNode page = api.get("/api/v1/creators?sort=" + sort + "&columns=creatorId&limit=2"
					+ (cursor.isEmpty() ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)), token)
				.json();
			page.get("items").forEach(c -> seen.add(c.get("creatorId").asString()));
			cursor = page.has("nextCursor") && !page.get("nextCursor").isNull() ? page.get("nextCursor").asString() : "";
		}
		while (!cursor.isEmpty() && seen.size() <= 20);
		return seen;
	}
}
