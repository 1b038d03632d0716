package com.greenroom.safety;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The moderation backlog: open cases (new and triaging) counted by policy category, region and age bucket
 * (age = now − the case's earliest report), the rows with the oldest case first; the oldest open cases; and
 * the time from a case's earliest report to its first enforcement action, median and 90th percentile
 * (nearest rank), per ISO week (Monday, UTC) of that first action. Scoped to the viewer's regions in SQL;
 * the weekly review reads it too.
 */
@Service
public class SafetyBacklog {

	/** The age buckets, youngest first: a case of exactly 1 hour is in the second. */
	public enum AgeBucket implements com.greenroom.system.ConsoleLabels.Labelled {

		UNDER_1H("< 1 h", Duration.ZERO), H1_TO_4H("1–4 h", Duration.ofHours(1)), H4_TO_24H("4–24 h", Duration.ofHours(4)),
		D1_TO_3D("1–3 days", Duration.ofDays(1)), OVER_3D("> 3 days", Duration.ofDays(3));

		private final String label;

		private final Duration from;

		AgeBucket(String label, Duration from) {
			this.label = label;
			this.from = from;
		}

		@Override
		public String label() {
			return label;
		}

		/** The youngest age in the bucket. */
		public Duration from() {
			return from;
		}
	}

	/** Weeks of time-to-first-action shown, the current one included. */
	public static final int WEEKS = 8;

	private static final int OLDEST = 20;

	private final JdbcClient jdbc;

	private final SafetyCases cases;

	private final PolicyTaxonomy taxonomy;

	private final Regions regions;

	private final Clock clock;

	SafetyBacklog(JdbcClient jdbc, SafetyCases cases, PolicyTaxonomy taxonomy, Regions regions, Clock clock) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.taxonomy = taxonomy;
		this.regions = regions;
		this.clock = clock;
	}

	/** One line of the backlog: open cases of a category in a region, per age bucket. */
	public record Row(String category, String categoryName, String regionCode, Map<AgeBucket, Long> counts, long total,
			Instant oldestOpenedAt) {
	}

	/** Time from earliest report to first action of the cases first actioned in the week starting {@code weekStarting}. */
	public record FirstActionWeek(LocalDate weekStarting, long actioned, Double medianMinutes, Double p90Minutes) {
	}

	public record Backlog(Instant asOf, String region, String category, List<AgeBucket> buckets, List<Row> rows,
			Map<AgeBucket, Long> totals, long open, List<SafetyCase> oldest, List<FirstActionWeek> timeToFirstAction) {
	}

	public Backlog of(Viewer viewer, String region, String category) {
		if (!cases.mayView(viewer)) {
			throw new AccessDeniedException("Only admins, trust & safety and regional leads see the moderation backlog");
		}
		String regionCode = Checks.blankToNull(region);
		String categoryCode = Checks.blankToNull(category);
		Checks checks = new Checks();
		checks.require(regionCode == null || regions.exists(regionCode), "region", "is not a known region: " + regionCode);
		checks.require(categoryCode == null || taxonomy.find(categoryCode).isPresent(), "category",
				"is not a policy category: " + categoryCode + "; use one of " + taxonomy.codes());
		checks.throwIfAny();
		Instant now = clock.instant();
		AgeBucket[] buckets = AgeBucket.values();
		StringBuilder counts = new StringBuilder();
		for (int i = 0; i < buckets.length; i++) {
			counts.append(", count(*) filter (where s.opened_at <= cast(:now as timestamptz) - cast(:from").append(i).append(" as interval)");
			if (i + 1 < buckets.length) {
				counts.append(" and s.opened_at > cast(:now as timestamptz) - cast(:from").append(i + 1).append(" as interval)");
			}
			counts.append(") as b").append(i);
		}
		var query = jdbc.sql("""
				select s.category_code, k.name, c.region_code, count(*) as total, min(s.opened_at) as oldest %s
				from safety_case s
				join safety_category k on k.code = s.category_code
				left join creator c on c.creator_id = s.creator_id
				where s.status in ('NEW', 'TRIAGING')
				  and (cast(:regions as text[]) is null or c.region_code = any(cast(:regions as text[])))
				  and (cast(:region as text) is null or c.region_code = cast(:region as text))
				  and (cast(:category as text) is null or s.category_code = cast(:category as text))
				group by s.category_code, k.name, c.region_code
				order by min(s.opened_at), s.category_code, c.region_code""".formatted(counts))
			.param("now", Timestamp.from(now))
			.param("regions", viewer.regionFilter())
			.param("region", regionCode)
			.param("category", categoryCode);
		for (int i = 0; i < buckets.length; i++) {
			// the youngest bucket starts at age 0 but also holds reports stamped ahead of the clock
			query = query.param("from" + i, i == 0 ? "-100 years" : buckets[i].from().toSeconds() + " seconds");
		}
		List<Row> rows = query.query((rs, n) -> {
			Map<AgeBucket, Long> byBucket = new LinkedHashMap<>();
			for (int i = 0; i < buckets.length; i++) {
				byBucket.put(buckets[i], rs.getLong("b" + i));
			}
			return new Row(rs.getString(1), rs.getString(2), rs.getString(3), byBucket, rs.getLong("total"),
					rs.getTimestamp("oldest").toInstant());
		}).list();
		Map<AgeBucket, Long> totals = new LinkedHashMap<>();
		for (AgeBucket bucket : buckets) {
			totals.put(bucket, rows.stream().mapToLong(r -> r.counts().get(bucket)).sum());
		}
		long open = rows.stream().mapToLong(Row::total).sum();
		List<SafetyCase> oldest = cases.oldestOpen(viewer, regionCode, categoryCode, OLDEST);
		return new Backlog(now, regionCode, categoryCode, List.of(buckets), rows, totals, open, oldest,
				timeToFirstAction(viewer, regionCode, categoryCode, now));
	}

	private List<FirstActionWeek> timeToFirstAction(Viewer viewer, String region, String category, Instant now) {
		LocalDate thisWeek = LocalDate.ofInstant(now, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		LocalDate first = thisWeek.minusWeeks(WEEKS - 1L);
		Map<LocalDate, FirstActionWeek> found = new LinkedHashMap<>();
		jdbc.sql("""
				select cast(date_trunc('week', s.first_action_at at time zone 'UTC') as date) as week, count(*) as actioned,
				       percentile_disc(0.5) within group (order by greatest(0, extract(epoch from s.first_action_at - s.opened_at))) as p50,
				       percentile_disc(0.9) within group (order by greatest(0, extract(epoch from s.first_action_at - s.opened_at))) as p90
				from safety_case s
				left join creator c on c.creator_id = s.creator_id
				where s.first_action_at >= :from and s.first_action_at <= :now
				  and (cast(:regions as text[]) is null or c.region_code = any(cast(:regions as text[])))
				  and (cast(:region as text) is null or c.region_code = cast(:region as text))
				  and (cast(:category as text) is null or s.category_code = cast(:category as text))
				group by 1 order by 1""")
			.param("from", Timestamp.from(first.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.param("now", Timestamp.from(now))
			.param("regions", viewer.regionFilter())
			.param("region", region)
			.param("category", category)
			.query(rs -> {
				LocalDate week = rs.getDate("week").toLocalDate();
				found.put(week, new FirstActionWeek(week, rs.getLong("actioned"), minutes(rs.getDouble("p50")), minutes(rs.getDouble("p90"))));
			});
		List<FirstActionWeek> weeks = new ArrayList<>();
		for (LocalDate week = first; !week.isAfter(thisWeek); week = week.plusWeeks(1)) {
			weeks.add(found.getOrDefault(week, new FirstActionWeek(week, 0, null, null)));
		}
		return weeks;
	}

	private static Double minutes(double seconds) {
		return Math.round(seconds / 6.0) / 10.0;
	}
}
