package com.greenroom.insights;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The outcomes the playbook loop and experiments compare, counted per group in one set-based query over the
 * projection tables (retention_creator, creator_milestone, coaching_session, activity_creator_day), never raw
 * events:
 * <ul>
 * <li>creator day-7 retention: active on creator day 7 exactly; a creator whose day 7 has not ended in its
 * zone is out of the denominator;</li>
 * <li>milestone conversion by day 14: the milestone reached (reachedAt, in the creator's zone) on or before
 * creator day 14, counting a milestone reached before registration; a creator whose day 14 has not ended
 * is out;</li>
 * <li>coached in the first week: a coaching session in creator days 0–6.</li>
 * </ul>
 */
@Service
public class CreatorOutcomes {

	/**
	 * Per-creator facts (alias x), then grouped. %1$s: the group key, %2$s: its label, %3$s: sort keys,
	 * %4$s: extra joins, %5$s: the creator filter.
	 */
	private static final String OUTCOMES = """
			select %1$s as group_key, min(%2$s) as label, count(*) as creators,
			       count(*) filter (where x.day7_ended) as day7_eligible,
			       count(*) filter (where x.day7_ended and 7 = any(x.active_offsets)) as day7_retained,
			       count(*) filter (where x.day14_ended) as milestone_eligible,
			       count(*) filter (where x.day14_ended and x.reached) as milestone_reached
			from (
			    select r.creator_id, r.active_offsets, cr.region_code, o.template_id, t.name as template_name,
			           t.region_code as template_region, v.version, g.grp,
			           ((r.cohort_day + 8)::timestamp at time zone r.time_zone) <= :now as day7_ended,
			           ((r.cohort_day + 15)::timestamp at time zone r.time_zone) <= :now as day14_ended,
			           exists (select 1 from creator_milestone m where m.creator_id = r.creator_id and m.code = :milestone
			                   and (m.reached_at at time zone r.time_zone)::date <= r.cohort_day + 14) as reached,
			           exists (select 1 from coaching_session s where s.creator_id = r.creator_id
			                   and s.occurred_at >= (r.cohort_day::timestamp at time zone r.time_zone)
			                   and s.occurred_at < ((r.cohort_day + 7)::timestamp at time zone r.time_zone)) as coached
			    from retention_creator r
			    %4$s
			    left join creator cr on cr.creator_id = r.creator_id
			    left join onboarding_checklist o on o.creator_id = r.creator_id
			    left join onboarding_template t on t.id = o.template_id
			    left join onboarding_template_version v on v.id = o.version_id
			    where %5$s
			) x
			group by 1 order by %3$s""";

	/** How the playbook loop groups creators: whitelisted SQL for key, label and order. */
	public enum Grouping {

		/** By onboarding template and version: "Creator onboarding v2". */
		VERSION("coalesce(x.template_id || '-v' || x.version, 'none')",
				"coalesce(x.template_name || ' v' || x.version, 'No onboarding checklist')",
				"min(coalesce(x.template_id, 9223372036854775807)), min(x.version)"),

		/** By template: the global template or a region's variant. */
		VARIANT("coalesce(x.template_id::text, 'none')",
				"coalesce(x.template_name || case when x.template_region is null then ' (global)' else ' (' || x.template_region || ' variant)' end, 'No onboarding checklist')",
				"min(coalesce(x.template_id, 9223372036854775807))"),

		/** Coached in creator days 0–6, or not. */
		COACHING("case when x.coached then 'coached' else 'not-coached' end",
				"case when x.coached then 'Coached in week 1' else 'Not coached in week 1' end", "1 desc");

		final String key;

		final String label;

		final String order;

		Grouping(String key, String label, String order) {
			this.key = key;
			this.label = label;
			this.order = order;
		}
	}

	/** One group's counts for both outcomes. */
	public record Counts(String key, String label, long creators, long day7Eligible, long day7Retained,
			long milestoneEligible, long milestoneReached) {
	}

	/** Revenue per creator (USD) of a group over a window: creators, mean and sample variance. */
	public record Revenue(String key, long creators, double mean, double variance) {
	}

	private final JdbcClient jdbc;

	CreatorOutcomes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The outcomes of creators registered (cohort day, creator's zone) from {@code from} to {@code to}, in the
	 * viewer's regions ({@code regions} null: all), optionally one region, grouped as asked.
	 */
	List<Counts> byGrouping(Grouping grouping, String[] regions, String region, LocalDate from, LocalDate to,
			String milestone, Instant now) {
		String sql = OUTCOMES.formatted(grouping.key, grouping.label, grouping.order,
				"cross join (select null::text as grp) g", """
						r.cohort_day between :from and :to
						and (cast(:regions as text[]) is null or cr.region_code = any(cast(:regions as text[])))
						and (cast(:region as text) is null or cr.region_code = cast(:region as text))""");
		return jdbc.sql(sql)
			.param("now", Timestamp.from(now))
			.param("milestone", milestone)
			.param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to))
			.param("regions", regions)
			.param("region", region)
			.query(CreatorOutcomes::counts)
			.list();
	}

	/**
	 * The outcomes of the given creators per group ({@code groups}: creator id to group key), for experiments.
	 * Creators whose registration has not been seen count in no group.
	 */
	public Map<String, Counts> byGroup(Map<String, String> groups, String milestone, Instant now) {
		String sql = OUTCOMES.formatted("x.grp", "x.grp", "1",
				"join unnest(cast(:ids as text[]), cast(:groups as text[])) as g(creator_id, grp) on g.creator_id = r.creator_id",
				"true");
		Map<String, Counts> answer = new LinkedHashMap<>();
		jdbc.sql(sql)
			.param("now", Timestamp.from(now))
			.param("milestone", milestone)
			.param("ids", groups.keySet().toArray(String[]::new))
			.param("groups", groups.values().toArray(String[]::new))
			.query(CreatorOutcomes::counts)
			.list()
			.forEach(counts -> answer.put(counts.key(), counts));
		return answer;
	}

	/**
	 * Revenue per creator (gifts and subscriptions, USD) on creator days {@code from} to {@code to} per group;
	 * a creator without revenue counts as 0.
	 */
	public Map<String, Revenue> revenue(Map<String, String> groups, LocalDate from, LocalDate to) {
		Map<String, Revenue> answer = new LinkedHashMap<>();
		jdbc.sql("""
				select g.grp, count(*), coalesce(avg(x.revenue), 0), coalesce(var_samp(x.revenue), 0)
				from unnest(cast(:ids as text[]), cast(:groups as text[])) as g(creator_id, grp)
				cross join lateral (select coalesce(sum(d.gift_revenue_usd + d.subscription_revenue_usd), 0) as revenue
				                    from activity_creator_day d
				                    where d.creator_id = g.creator_id and d.day between :from and :to) x
				group by g.grp order by g.grp""")
			.param("ids", groups.keySet().toArray(String[]::new))
			.param("groups", groups.values().toArray(String[]::new))
			.param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to))
			.query((rs, row) -> new Revenue(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4)))
			.list()
			.forEach(revenue -> answer.put(revenue.key(), revenue));
		return answer;
	}

	/** The creators of a region registered (cohort day, creator's zone) from {@code from} to {@code to}. */
	public List<String> registeredIn(String region, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				select r.creator_id from retention_creator r join creator cr on cr.creator_id = r.creator_id
				where cr.region_code = :region and r.cohort_day between :from and :to order by r.creator_id""")
			.param("region", region)
			.param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to))
			.query(String.class)
			.list();
	}

	private static Counts counts(ResultSet rs, int row) throws java.sql.SQLException {
		return new Counts(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
				rs.getLong(7));
	}
}
