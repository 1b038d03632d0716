package com.greenroom.insights;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.greenroom.identity.Viewer;
import com.greenroom.insights.RetentionQuery.Mode;
import com.greenroom.insights.RetentionQuery.Period;
import com.greenroom.insights.RetentionReport.Cell;
import com.greenroom.insights.RetentionReport.Cohort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Answers retention questions from the rollups. Cells whose day N ended everywhere on earth (before
 * yesterday, UTC) come from the segment cube; the few cells around today are counted per creator, each
 * creator eligible once its own day N has ended in its time zone.
 */
@Service
public class Retention {

	/** Segment filters shared by the cube and the per-creator query (alias q for either). */
	private static final String FILTERS = """
			  and (cast(:regions as text[]) is null or q.region_code = any(cast(:regions as text[])))
			  and (cast(:region as text) is null or q.region_code = cast(:region as text))
			  and (cast(:manager as bigint) is null or q.manager_id = cast(:manager as bigint))
			  and (cast(:country as text) is null or q.country = cast(:country as text))
			  and (cast(:tier as text) is null or q.tier = cast(:tier as text))
			  and (cast(:template as bigint) is null or q.template_id = cast(:template as bigint))
			  and (cast(:version as int) is null or q.template_version = cast(:version as int))
			""";

	private final JdbcClient jdbc;

	Retention(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public RetentionReport report(Viewer viewer, RetentionQuery query, Instant now) {
		LocalDate from = periodStart(query.period(), query.from());
		LocalDate to = periodEnd(query.period(), query.to());
		Integer[] days = query.days().toArray(Integer[]::new);
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		LocalDate lo = today.minusDays(2);
		LocalDate hi = today.plusDays(1);

		// (cohort day, n) -> {size, retained} from the cube
		Map<LocalDate, Map<Integer, long[]>> cube = new TreeMap<>();
		filtered(jdbc.sql("""
				select q.cohort_day, d.n, sum(q.size) as size,
				       sum(coalesce(case when cast(:unbounded as boolean) then q.survived[d.n + 1] else q.active[d.n + 1] end, 0)) as retained
				from retention_cube q cross join unnest(cast(:days as int[])) as d(n)
				where q.cohort_day between :from and :to
				""" + FILTERS + " group by q.cohort_day, d.n"), viewer, query)
			.param("unbounded", query.mode() == Mode.UNBOUNDED)
			.param("days", days)
			.param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to))
			.query((rs, row) -> cube.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new HashMap<>())
				.put(rs.getInt(2), new long[] { rs.getLong(3), rs.getLong(4) }))
			.list();

		// (cohort day, n) -> {all, eligible, retained} counted per creator, for cells ending around today
		Map<LocalDate, Map<Integer, long[]>> boundary = new HashMap<>();
		LocalDate boundaryFrom = max(from, lo.minusDays(query.days().get(query.days().size() - 1)));
		LocalDate boundaryTo = min(to, hi);
		if (!boundaryFrom.isAfter(boundaryTo)) {
			filtered(jdbc.sql("""
					with q as (
					    select r.cohort_day, r.time_zone, r.active_offsets, r.last_offset,
					           c.region_code, c.country, c.manager_id, o.template_id, v.version as template_version,
					           (select h.tier from creator_tier_history h where h.creator_id = r.creator_id
					            order by h.valid_from, h.id limit 1) as tier
					    from retention_creator r
					    left join creator c on c.creator_id = r.creator_id
					    left join onboarding_checklist o on o.creator_id = r.creator_id
					    left join onboarding_template_version v on v.id = o.version_id
					    where r.cohort_day between :bfrom and :bto
					)
					select q.cohort_day, d.n, count(*) as everyone,
					       count(*) filter (where ended) as eligible,
					       count(*) filter (where ended and case when cast(:unbounded as boolean) then q.last_offset >= d.n
					                                            else d.n = any(q.active_offsets) end) as retained
					from q cross join unnest(cast(:days as int[])) as d(n)
					cross join lateral (select ((q.cohort_day + d.n + 1)::timestamp at time zone q.time_zone) <= :now as ended) e
					where q.cohort_day + d.n between :lo and :hi
					""" + FILTERS + " group by q.cohort_day, d.n"), viewer, query)
				.param("unbounded", query.mode() == Mode.UNBOUNDED)
				.param("days", days)
				.param("bfrom", Date.valueOf(boundaryFrom))
				.param("bto", Date.valueOf(boundaryTo))
				.param("lo", Date.valueOf(lo))
				.param("hi", Date.valueOf(hi))
				.param("now", Timestamp.from(now))
				.query((rs, row) -> boundary.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new HashMap<>())
					.put(rs.getInt(2), new long[] { rs.getLong(3), rs.getLong(4), rs.getLong(5) }))
				.list();
		}

		Map<LocalDate, Totals> cohorts = new TreeMap<>();
		cube.forEach((day, cells) -> {
			Totals totals = cohorts.computeIfAbsent(cohortOf(query.period(), day), c -> new Totals(query.days()));
			totals.size += cells.values().iterator().next()[0];
			for (int i = 0; i < days.length; i++) {
				int n = days[i];
				long[] fromCube = cells.getOrDefault(n, new long[] { 0, 0 });
				LocalDate end = day.plusDays(n);
				if (end.isBefore(lo)) {
					totals.add(i, fromCube[0], fromCube[1], true);
				}
				else if (end.isAfter(hi)) {
					totals.add(i, 0, 0, fromCube[0] == 0);
				}
				else {
					long[] counted = boundary.getOrDefault(day, Map.of()).getOrDefault(n, new long[] { 0, 0, 0 });
					totals.add(i, counted[1], counted[2], counted[0] > 0 ? counted[1] == counted[0] : fromCube[0] == 0);
				}
			}
		});
		List<Cohort> answer = new ArrayList<>();
		cohorts.forEach((cohort, totals) -> answer.add(totals.cohort(cohort)));
		return new RetentionReport(query.period().name().toLowerCase(java.util.Locale.ROOT),
				query.mode() == Mode.N_DAY ? "n-day" : "unbounded", query.days(), answer);
	}

	private static JdbcClient.StatementSpec filtered(JdbcClient.StatementSpec sql, Viewer viewer, RetentionQuery query) {
		return sql.param("regions", viewer.regionFilter())
			.param("region", query.region())
			.param("manager", query.manager())
			.param("country", query.country())
			.param("tier", query.tier())
			.param("template", query.template())
			.param("version", query.version());
	}

	static LocalDate cohortOf(Period period, LocalDate day) {
		return periodStart(period, day);
	}

	static LocalDate periodStart(Period period, LocalDate day) {
		return switch (period) {
			case DAY -> day;
			case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> day.withDayOfMonth(1);
		};
	}

	static LocalDate periodEnd(Period period, LocalDate day) {
		return switch (period) {
			case DAY -> day;
			case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
			case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
		};
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

	private static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}

	/** Sums of one cohort over its days. */
	private static final class Totals {

		final List<Integer> days;

		long size;

		final long[] retained;

		final long[] eligible;

		final boolean[] complete;

		Totals(List<Integer> days) {
			this.days = days;
			this.retained = new long[days.size()];
			this.eligible = new long[days.size()];
			this.complete = new boolean[days.size()];
			java.util.Arrays.fill(complete, true);
		}

		void add(int i, long eligibleCreators, long retainedCreators, boolean whole) {
			eligible[i] += eligibleCreators;
			retained[i] += retainedCreators;
			complete[i] &= whole;
		}

		Cohort cohort(LocalDate name) {
			List<Cell> cells = new ArrayList<>();
			for (int i = 0; i < days.size(); i++) {
				Double share = eligible[i] == 0 ? null : (double) retained[i] / eligible[i];
				cells.add(new Cell(days.get(i), (int) retained[i], (int) eligible[i], share, complete[i]));
			}
			return new Cohort(name, (int) size, cells);
		}
	}
}
