package com.greenroom.insights;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
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
 * Answers retention questions from the segment cube. A cube row holds creators of one time zone, so a
 * row's creators become eligible for day N together, the moment their day N ends in that zone.
 */
@Service
public class Retention {

	/** Segment filters on the cube (alias q). */
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
		Map<LocalDate, Totals> cohorts = new TreeMap<>();
		// per cohort day and n: size, eligible (day n ended in the row's zone) and retained among the eligible
		filtered(jdbc.sql("""
				select q.cohort_day, d.n, sum(q.size) as size,
				       coalesce(sum(q.size) filter (where e.ended), 0) as eligible,
				       coalesce(sum(case when cast(:unbounded as boolean) then q.survived[d.n + 1] else q.active[d.n + 1] end)
				                filter (where e.ended), 0) as retained
				from retention_cube q cross join unnest(cast(:days as int[])) as d(n)
				cross join lateral (select ((q.cohort_day + d.n + 1)::timestamp at time zone q.time_zone) <= :now as ended) e
				where q.cohort_day between :from and :to
				""" + FILTERS + " group by q.cohort_day, d.n order by q.cohort_day, d.n"), viewer, query)
			.param("unbounded", query.mode() == Mode.UNBOUNDED)
			.param("days", query.days().toArray(Integer[]::new))
			.param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to))
			.param("now", Timestamp.from(now))
			.query((ResultSet rs) -> {
				LocalDate day = rs.getDate(1).toLocalDate();
				Totals totals = cohorts.computeIfAbsent(cohortOf(query.period(), day), c -> new Totals(query.days()));
				int i = query.days().indexOf(rs.getInt(2));
				long size = rs.getLong(3);
				long eligible = rs.getLong(4);
				if (i == 0) {
					totals.size += size;
				}
				totals.add(i, eligible, rs.getLong(5), eligible == size);
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
