package com.greenroom.tiers;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.greenroom.activity.Activity;
import com.greenroom.activity.CreatorDay;
import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorStatus;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes and keeps creators' tiers. A recompute of a region takes its non-offboarded registered
 * creators, reads each one's trailing 28 creator days (in the creator's zone, ending with their day at
 * {@code now}) from the activity module, applies {@link TierRules}, and records a history period
 * wherever a tier changed. Recomputes of one region are serialised by an advisory lock.
 */
@Service
public class Tiers {

	private static final long LOCK_SPACE = 0x7469657273L; // "tiers"

	private final JdbcClient jdbc;

	private final Creators creators;

	private final Activity activity;

	private final Regions regions;

	private final AuditLog audit;

	private final Clock clock;

	Tiers(JdbcClient jdbc, Creators creators, Activity activity, Regions regions, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.creators = creators;
		this.activity = activity;
		this.regions = regions;
		this.audit = audit;
		this.clock = clock;
	}

	// ---- computing -----------------------------------------------------------------------------------

	/**
	 * Recomputes one region's tiers as of {@code now}; returns the number of creators per tier. Set-based:
	 * one statement computes every member's 28-day figures (through the activity module's public
	 * {@code activity_roster_figures}, inlined by PostgreSQL), applies {@link TierRules} with window
	 * functions and upserts {@code creator_tier}; two more close and open history periods where a tier
	 * changed. {@link TierRules} stays the definition (its unit test and the integration test's definition
	 * check this SQL against it).
	 */
	@Transactional
	public Map<Tier, Integer> recompute(String regionCode, Instant now) {
		jdbc.sql("select pg_advisory_xact_lock(:space, hashtext(:region))").param("space", (int) LOCK_SPACE).param("region", regionCode)
			.query().singleRow();
		TierThresholds thresholds = thresholds(regionCode);
		Timestamp at = Timestamp.from(now);
		// NEW: registered under 28 days before now; DORMANT: no active day; else ranked by revenue (ties by
		// creator id in code-point order, as TierRules sorts them): ranks up to ceil(n x top%) TOP, up to
		// ceil(n x (top% + mid%)) MID, the rest EMERGING
		int members = jdbc.sql("""
				with member as (
				  select c.creator_id, c.registered_at, coalesce(f.active_days_28d, 0) as active_days,
				         coalesce(f.revenue_28d_usd, 0) as revenue
				  from creator c
				  left join lateral activity_roster_figures(c.creator_id, :at) f on true
				  where c.region_code = :region and c.registered_at >= timestamptz 'epoch' and c.registered_at < :at
				    and c.status not in ('OFFBOARDED', 'PENDING')),
				ranked as (
				  select m.*, row_number() over (order by revenue desc, creator_id collate "C") as rank, count(*) over () as n
				  from member m where m.registered_at <= :newSince and m.active_days > 0),
				assigned as (
				  select creator_id, 'NEW' as tier, revenue, active_days, cast(null as int) as rank from member
				  where registered_at > :newSince
				  union all
				  select creator_id, 'DORMANT', revenue, active_days, null from member
				  where registered_at <= :newSince and active_days = 0
				  union all
				  select creator_id, case when rank <= (n * :top + 99) / 100 then 'TOP' when rank <= (n * :topMid + 99) / 100 then 'MID'
				                          else 'EMERGING' end, revenue, active_days, cast(rank as int) from ranked)
				insert into creator_tier (creator_id, region_code, tier, since, revenue_usd, active_days, revenue_rank, computed_at)
				select creator_id, :region, tier, :at, revenue, active_days, rank, :at from assigned
				on conflict (creator_id) do update set region_code = excluded.region_code, tier = excluded.tier,
				  since = case when creator_tier.tier = excluded.tier then creator_tier.since else excluded.since end,
				  revenue_usd = excluded.revenue_usd, active_days = excluded.active_days, revenue_rank = excluded.revenue_rank,
				  computed_at = excluded.computed_at""")
			.param("at", at)
			.param("newSince", Timestamp.from(now.minus(Duration.ofDays(TierRules.WINDOW_DAYS))))
			.param("region", regionCode)
			.param("top", Math.min(thresholds.topPercent(), 100))
			.param("topMid", Math.min(thresholds.topPercent() + thresholds.midPercent(), 100))
			.update();
		// Fresh statistics first: after a region's first run (or a bulk load) the planner would otherwise take
		// both tables for nearly empty and join them by nested loops over sequential scans, quadratic in the
		// region's creators (measured: 20 s for 2,500 creators, minutes for 25,000). ANALYZE samples at most
		// 30,000 rows, sees this transaction's own rows, and takes no lock that blocks readers or writers, only
		// another ANALYZE (the other region worker's) until this transaction commits. Not for a region without
		// members: nothing changed, and the history statements below match no row.
		if (members > 0) {
			jdbc.sql("analyze creator_tier, creator_tier_history").update();
		}
		// history: close the open period where the tier changed, then open one for every member without one
		jdbc.sql("""
				update creator_tier_history h set valid_to = :at
				from creator_tier t
				where t.region_code = :region and t.computed_at = :at and h.creator_id = t.creator_id and h.valid_to is null and h.tier <> t.tier""")
			.param("at", at)
			.param("region", regionCode)
			.update();
		// "no open period yet" is the open-period unique index's conflict, not an anti-join: on a region's first run the
		// ANALYZE above finds the history empty, and PostgreSQL then probed it for each member with a sequential scan that
		// also read the rows this statement had inserted so far, quadratic (3.3 s for 25,000 creators, 0.29 s this way)
		jdbc.sql("""
				insert into creator_tier_history (creator_id, region_code, tier, valid_from)
				select t.creator_id, t.region_code, t.tier, :at from creator_tier t
				where t.region_code = :region and t.computed_at = :at
				on conflict (creator_id) where valid_to is null do nothing""")
			.param("at", at)
			.param("region", regionCode)
			.update();
		Map<Tier, Integer> counts = new EnumMap<>(Tier.class);
		jdbc.sql("select tier, count(*) as n from creator_tier where region_code = :region and computed_at = :at group by tier")
			.param("region", regionCode)
			.param("at", at)
			.query(rs -> {
				counts.put(Tier.valueOf(rs.getString("tier")), rs.getInt("n"));
			});
		audit.record("tiers", regionCode, "recomputed", regionCode, null,
				Map.of("asOf", now.toString(), "counts", counts, "topPercent", thresholds.topPercent(), "midPercent", thresholds.midPercent()));
		return counts;
	}

	/** On demand (admins and regional leads): recomputes the given region, or every region the viewer leads. */
	public Map<String, Map<Tier, Integer>> recompute(Viewer viewer, String regionCode) {
		if (!viewer.isAdmin() && !viewer.has(Role.REGIONAL_LEAD)) {
			throw new AccessDeniedException("Only admins and regional leads recompute tiers");
		}
		List<String> targets = regionCode == null || regionCode.isBlank()
				? regions.all().stream().map(r -> r.code()).filter(code -> mayManage(viewer, code)).toList() : List.of(regionCode.strip());
		for (String code : targets) {
			if (!regions.exists(code)) {
				throw new InvalidInputException("region", "is not a known region: " + code);
			}
			if (!mayManage(viewer, code)) {
				throw new AccessDeniedException("Only admins and regional leads of " + code + " recompute its tiers");
			}
		}
		Map<String, Map<Tier, Integer>> result = new java.util.LinkedHashMap<>();
		Instant now = clock.instant();
		for (String code : targets) {
			result.put(code, recompute(code, now));
		}
		return result;
	}

	/** The creator days a computation at {@code now} covers: the 28 ending with the creator's own date at that instant. */
	public CreatorTier.Window windowOf(String creatorId, Instant now) {
		ZoneId zone = activity.zoneOf(creatorId);
		LocalDate today = LocalDate.ofInstant(now, zone);
		return new CreatorTier.Window(today.minusDays(TierRules.WINDOW_DAYS - 1L), today);
	}

	// ---- reading -------------------------------------------------------------------------------------

	/** The creator's current tier (404 outside the viewer's regions or before the first computation). */
	public CreatorTier of(Viewer viewer, String creatorId) {
		creators.get(viewer, creatorId);
		return find(creatorId).orElseThrow(() -> new NotFoundException("Tier of creator", creatorId));
	}

	public Optional<CreatorTier> find(String creatorId) {
		return jdbc.sql("select * from creator_tier where creator_id = :id").param("id", creatorId).query(Tiers::map).optional();
	}

	/** The creator's tier periods, oldest first. */
	public List<CreatorTier.Period> history(Viewer viewer, String creatorId) {
		creators.get(viewer, creatorId);
		return jdbc.sql("select tier, valid_from, valid_to from creator_tier_history where creator_id = :id order by valid_from, id")
			.param("id", creatorId)
			.query((rs, n) -> new CreatorTier.Period(Tier.valueOf(rs.getString("tier")), rs.getTimestamp("valid_from").toInstant(),
					rs.getTimestamp("valid_to") == null ? null : rs.getTimestamp("valid_to").toInstant()))
			.list();
	}

	/**
	 * Current tiers of the viewer's creators, optionally of one region, one tier and one manager; highest
	 * revenue first. Each row carries the creator for display.
	 */
	public List<Row> list(Viewer viewer, String regionCode, String tier, Long managerId) {
		Checks checks = new Checks();
		String tierName = tier == null || tier.isBlank() ? null : tier.strip().toUpperCase(Locale.ROOT);
		checks.require(tierName == null || java.util.Arrays.stream(Tier.values()).anyMatch(t -> t.name().equals(tierName)), "tier",
				"must be one of " + java.util.Arrays.toString(Tier.values()));
		checks.require(regionCode == null || regionCode.isBlank() || regions.exists(regionCode), "region", "is not a known region: " + regionCode);
		checks.throwIfAny();
		List<CreatorTier> rows = jdbc.sql("""
				select * from creator_tier where (cast(:tier as text) is null or tier = :tier)
				and (cast(:region as text) is null or region_code = :region)
				and (cast(:regions as text[]) is null or region_code = any(cast(:regions as text[])))
				order by revenue_usd desc, creator_id limit 2000""")
			.param("tier", tierName)
			.param("region", regionCode == null || regionCode.isBlank() ? null : regionCode.strip())
			.param("regions", viewer.regionFilter())
			.query(Tiers::map)
			.list();
		Map<String, Creator> visible = creators.visible(viewer, rows.stream().map(CreatorTier::creatorId).toList());
		return rows.stream()
			.filter(r -> visible.containsKey(r.creatorId()))
			.filter(r -> managerId == null || managerId.equals(visible.get(r.creatorId()).managerId()))
			.map(r -> new Row(r, visible.get(r.creatorId()).handle(), visible.get(r.creatorId()).managerId(),
					visible.get(r.creatorId()).managerName()))
			.toList();
	}

	/** When tiers of the viewer's regions were last computed; empty when never. */
	public Optional<Instant> lastComputed(Viewer viewer) {
		return jdbc.sql("""
				select max(computed_at) from creator_tier
				where cast(:regions as text[]) is null or region_code = any(cast(:regions as text[]))""")
			.param("regions", viewer.regionFilter())
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	/** A current tier with the creator's handle and manager. */
	public record Row(CreatorTier tier, String handle, Long managerId, String managerName) {
	}

	// ---- thresholds ----------------------------------------------------------------------------------

	public TierThresholds thresholds(String regionCode) {
		return jdbc.sql("select region_code, top_percent, mid_percent from tier_threshold where region_code = :region")
			.param("region", regionCode)
			.query((rs, n) -> new TierThresholds(rs.getString("region_code"), rs.getInt("top_percent"), rs.getInt("mid_percent"), false))
			.optional()
			.orElse(new TierThresholds(regionCode, TierThresholds.DEFAULT_TOP, TierThresholds.DEFAULT_MID, true));
	}

	/** Sets a region's thresholds (admins, the region's leads); they apply from the next recompute. */
	@Transactional
	public TierThresholds setThresholds(Viewer viewer, String regionCode, Integer topPercent, Integer midPercent) {
		if (!regions.exists(regionCode) || !viewer.canSee(regionCode)) {
			throw new NotFoundException("Region", regionCode);
		}
		if (!mayManage(viewer, regionCode)) {
			throw new AccessDeniedException("Only admins and regional leads of " + regionCode + " set its tier thresholds");
		}
		Checks checks = new Checks();
		checks.require(topPercent != null && topPercent >= 1 && topPercent <= 100, "topPercent", "must be 1 to 100");
		checks.require(midPercent != null && midPercent >= 0 && midPercent <= 100, "midPercent", "must be 0 to 100");
		checks.require(topPercent == null || midPercent == null || topPercent + midPercent <= 100, "midPercent",
				"topPercent + midPercent must be at most 100 (the rest are emerging)");
		checks.throwIfAny();
		TierThresholds before = thresholds(regionCode);
		jdbc.sql("""
				insert into tier_threshold (region_code, top_percent, mid_percent, updated_at) values (:region, :top, :mid, :now)
				on conflict (region_code) do update set top_percent = excluded.top_percent, mid_percent = excluded.mid_percent,
				  updated_at = excluded.updated_at""")
			.param("region", regionCode)
			.param("top", topPercent)
			.param("mid", midPercent)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		TierThresholds after = thresholds(regionCode);
		audit.record("tier_threshold", regionCode, "updated", regionCode, before, after);
		return after;
	}

	static boolean mayManage(Viewer viewer, String regionCode) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) && viewer.regions().contains(regionCode);
	}

	private static CreatorTier map(ResultSet rs, int n) throws SQLException {
		int rank = rs.getInt("revenue_rank");
		Integer revenueRank = rs.wasNull() ? null : rank;
		return new CreatorTier(rs.getString("creator_id"), rs.getString("region_code"), Tier.valueOf(rs.getString("tier")),
				rs.getTimestamp("since").toInstant(), rs.getBigDecimal("revenue_usd"), rs.getInt("active_days"), revenueRank,
				rs.getTimestamp("computed_at").toInstant());
	}
}
