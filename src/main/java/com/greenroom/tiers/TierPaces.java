package com.greenroom.tiers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.greenroom.creators.Creators;
import com.greenroom.identity.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Tier pace of creators, read set-based from the SQL function {@code tier_pace_figures(creator_id, as_of)}
 * (migration V210) over activity's per-creator-day rollups, plus the next tier's medians of active days
 * and live minutes (one grouped query per call). See {@link TierPace} for the definitions.
 */
@Service
public class TierPaces {

	static final int PERIOD_DAYS = TierRules.WINDOW_DAYS;

	private static final DateTimeFormatter BY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private final JdbcClient jdbc;

	private final Creators creators;

	private final Clock clock;

	TierPaces(JdbcClient jdbc, Creators creators, Clock clock) {
		this.jdbc = jdbc;
		this.creators = creators;
		this.clock = clock;
	}

	/** One creator's pace now (404 outside the viewer's regions). */
	public TierPace of(Viewer viewer, String creatorId) {
		creators.get(viewer, creatorId);
		return of(List.of(creatorId), clock.instant()).get(creatorId);
	}

	/** The pace of each given creator at {@code asOf}; the caller scopes the ids to a viewer. */
	public Map<String, TierPace> of(Collection<String> creatorIds, Instant asOf) {
		if (creatorIds.isEmpty()) {
			return Map.of();
		}
		List<Row> rows = jdbc.sql("""
				select i.id as creator_id, c.region_code, p.*
				from unnest(cast(:ids as text[])) as i(id)
				left join creator c on c.creator_id = i.id
				cross join lateral tier_pace_figures(i.id, :asOf) p""")
			.param("ids", creatorIds.toArray(String[]::new))
			.param("asOf", Timestamp.from(asOf))
			.query(TierPaces::row)
			.list();
		Map<String, Guide> guides = guides(rows, asOf);
		Map<String, TierPace> paces = new LinkedHashMap<>();
		for (Row row : rows) {
			paces.put(row.creatorId, pace(row, guides.get(row.regionCode + "/" + row.nextTier), asOf));
		}
		return paces;
	}

	/** Medians of the next tiers' members (MID and TOP only: EMERGING's threshold is the rule's one active day). */
	private Map<String, Guide> guides(List<Row> rows, Instant asOf) {
		List<String> keys = rows.stream()
			.filter(r -> r.regionCode != null && (r.nextTier == Tier.MID || r.nextTier == Tier.TOP))
			.map(r -> r.regionCode + "/" + r.nextTier)
			.distinct()
			.toList();
		Map<String, Guide> guides = new HashMap<>();
		if (keys.isEmpty()) {
			return guides;
		}
		jdbc.sql("""
				select t.region_code || '/' || t.tier as key,
				       percentile_disc(0.5) within group (order by f.active_days_28d) as active_days,
				       percentile_disc(0.5) within group (order by f.live_minutes_28d) as live_minutes
				from creator_tier t
				cross join lateral activity_roster_figures(t.creator_id, :asOf) f
				where t.region_code || '/' || t.tier = any(cast(:keys as text[]))
				  and t.region_code = any(cast(:regions as text[])) and t.tier = any(cast(:tiers as text[]))
				group by t.region_code, t.tier""")
			.param("keys", keys.toArray(String[]::new))
			.param("regions", keys.stream().map(k -> k.substring(0, k.lastIndexOf('/'))).distinct().toArray(String[]::new))
			.param("tiers", keys.stream().map(k -> k.substring(k.lastIndexOf('/') + 1)).distinct().toArray(String[]::new))
			.param("asOf", Timestamp.from(asOf))
			.query((rs, n) -> guides.put(rs.getString("key"), new Guide(rs.getBigDecimal("active_days"), rs.getBigDecimal("live_minutes"))))
			.list();
		return guides;
	}

	private record Guide(BigDecimal activeDays, BigDecimal liveMinutes) {
	}

	private record Row(String creatorId, String regionCode, LocalDate periodStart, LocalDate periodEnd, LocalDate today, int elapsed,
			int daysLeft, BigDecimal revenue, long activeDays, long liveMinutes, BigDecimal projectedRevenue, BigDecimal projectedActiveDays,
			BigDecimal projectedLiveMinutes, Tier currentTier, Tier paceTier, Tier nextTier, BigDecimal nextRevenue, Integer nextActiveDays,
			boolean withinReach) {
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		int nextActive = rs.getInt("next_active_days");
		Integer nextActiveDays = rs.wasNull() ? null : nextActive;
		return new Row(rs.getString("creator_id"), rs.getString("region_code"), rs.getObject("period_start", LocalDate.class),
				rs.getObject("period_end", LocalDate.class), rs.getObject("creator_today", LocalDate.class), rs.getInt("elapsed_days"),
				rs.getInt("days_left"), rs.getBigDecimal("revenue_usd"), rs.getLong("active_days"), rs.getLong("live_minutes"),
				rs.getBigDecimal("projected_revenue_usd"), rs.getBigDecimal("projected_active_days"), rs.getBigDecimal("projected_live_minutes"),
				tier(rs.getString("current_tier")), tier(rs.getString("pace_tier")), tier(rs.getString("next_tier")),
				rs.getBigDecimal("next_revenue_usd"), nextActiveDays, rs.getBoolean("within_reach"));
	}

	private static Tier tier(String name) {
		return name == null ? null : Tier.valueOf(name);
	}

	private static TierPace pace(Row r, Guide guide, Instant asOf) {
		BigDecimal revenueThreshold = r.nextRevenue;
		BigDecimal activeThreshold = r.nextTier == Tier.EMERGING ? BigDecimal.ONE : guide == null ? null : guide.activeDays;
		BigDecimal minutesThreshold = guide == null ? null : guide.liveMinutes;
		BigDecimal revenue = usd(r.revenue);
		List<TierPace.Measure> measures = List.of(
				new TierPace.Measure(TierPace.REVENUE, revenue, usd(r.projectedRevenue), usd(revenueThreshold),
						revenueThreshold == null ? null : usd(revenueThreshold.subtract(r.revenue)),
						r.nextTier != null && r.nextTier != Tier.EMERGING),
				new TierPace.Measure(TierPace.ACTIVE_DAYS, BigDecimal.valueOf(r.activeDays), r.projectedActiveDays, activeThreshold,
						activeThreshold == null ? null : activeThreshold.subtract(BigDecimal.valueOf(r.activeDays)), r.nextTier == Tier.EMERGING),
				new TierPace.Measure(TierPace.LIVE_MINUTES, BigDecimal.valueOf(r.liveMinutes), r.projectedLiveMinutes, minutesThreshold,
						minutesThreshold == null ? null : minutesThreshold.subtract(BigDecimal.valueOf(r.liveMinutes)), false));
		return new TierPace(r.creatorId, r.regionCode, r.periodStart, r.periodEnd, r.today, r.elapsed, PERIOD_DAYS, r.daysLeft, r.currentTier,
				r.paceTier, r.nextTier, r.withinReach, measures, summary(r, measures), asOf);
	}

	/** Money to the cent, without a negative zero. */
	private static BigDecimal usd(BigDecimal value) {
		return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
	}

	/** "2 more active days and $140.00 more revenue by Sun 27 Dec", or why there is nothing to reach. */
	static String summary(Row r, List<TierPace.Measure> measures) {
		String by = BY.format(r.periodEnd);
		if (r.currentTier == null) {
			return "No tier yet: tiers have not been computed for this creator.";
		}
		if (r.nextTier == null) {
			return r.currentTier == Tier.TOP ? "Top tier: there is no tier above. At this pace: " + label(r.paceTier) + " on " + by + "."
					: "New: ranked once 28 days registered. At this pace: " + label(r.paceTier) + " on " + by + ".";
		}
		List<String> parts = new ArrayList<>();
		for (TierPace.Measure m : measures) {
			if (m.toNextTier() == null || m.toNextTier().signum() <= 0) {
				continue;
			}
			switch (m.measure()) {
				case TierPace.ACTIVE_DAYS -> {
					long days = m.toNextTier().setScale(0, RoundingMode.CEILING).longValueExact();
					parts.add(0, days + " more active " + (days == 1 ? "day" : "days"));
				}
				case TierPace.REVENUE -> parts.add("$" + m.toNextTier().toPlainString() + " more revenue");
				default -> {
					long minutes = m.toNextTier().setScale(0, RoundingMode.CEILING).longValueExact();
					parts.add(minutes + " more live " + (minutes == 1 ? "minute" : "minutes"));
				}
			}
		}
		String next = label(r.nextTier);
		if (parts.isEmpty()) {
			return "Already at the " + next + " threshold: keep it up to " + by + ".";
		}
		String needs = parts.size() == 1 ? parts.get(0)
				: String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
		return needs + " by " + by + " for " + next + ".";
	}

	static String label(Tier tier) {
		return tier == null ? "no tier" : tier.name().charAt(0) + tier.name().substring(1).toLowerCase(Locale.ROOT);
	}
}
