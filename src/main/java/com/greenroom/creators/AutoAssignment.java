package com.greenroom.creators;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Optional auto-assignment per region: a creator who joins the roster registered and without a manager
 * (platform registration or added by hand) gets one of the region's enabled creator managers, in turn
 * (round-robin) or the one with the fewest managed active creators (least-loaded). Off by default.
 */
@Service
public class AutoAssignment {

	/** The audit actor of assignments this rule makes. */
	static final String ACTOR = "auto-assignment";

	/** How a region assigns its new unmanaged creators. */
	public enum Mode {
		OFF, ROUND_ROBIN, LEAST_LOADED
	}

	/** A region's setting. */
	public record Setting(String regionCode, Mode mode) {
	}

	private final JdbcClient jdbc;

	private final Users users;

	private final Regions regions;

	private final ManagerChanges changes;

	private final AuditLog audit;

	private final Clock clock;

	AutoAssignment(JdbcClient jdbc, Users users, Regions regions, ManagerChanges changes, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.regions = regions;
		this.changes = changes;
		this.audit = audit;
		this.clock = clock;
	}

	/** The settings of the regions the viewer sees. */
	public List<Setting> settings(Viewer viewer) {
		Map<String, Mode> modes = new HashMap<>();
		jdbc.sql("select region_code, mode from region_auto_assignment")
			.query(rs -> {
				modes.put(rs.getString("region_code"), Mode.valueOf(rs.getString("mode")));
			});
		return regions.visibleTo(viewer).stream().map(r -> new Setting(r.code(), modes.getOrDefault(r.code(), Mode.OFF))).toList();
	}

	public Setting setting(Viewer viewer, String regionCode) {
		return settings(viewer).stream().filter(s -> s.regionCode().equals(regionCode)).findFirst()
			.orElseThrow(() -> new NotFoundException("Region", regionCode));
	}

	/** Whether the viewer may change the region's setting: admins, and the region's leads. */
	public static boolean canChange(Viewer viewer, String regionCode) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) && viewer.canSee(regionCode);
	}

	@Transactional
	public Setting set(Viewer viewer, String regionCode, String mode) {
		Setting before = setting(viewer, regionCode);
		if (!canChange(viewer, regionCode)) {
			throw new AccessDeniedException("Only admins and the region's leads set auto-assignment");
		}
		Mode parsed = parse(mode);
		jdbc.sql("""
				insert into region_auto_assignment (region_code, mode, updated_at) values (:region, :mode, :now)
				on conflict (region_code) do update set mode = excluded.mode, updated_at = excluded.updated_at""")
			.param("region", regionCode)
			.param("mode", parsed.name())
			.param("now", Timestamp.from(clock.instant()))
			.update();
		Setting after = new Setting(regionCode, parsed);
		if (before.mode() != parsed) {
			audit.record("region_auto_assignment", regionCode, "auto-assignment set to " + parsed, regionCode, before, after);
		}
		return after;
	}

	private static Mode parse(String mode) {
		if (mode != null) {
			for (Mode m : Mode.values()) {
				if (m.name().equals(mode.strip().toUpperCase(Locale.ROOT).replace('-', '_'))) {
					return m;
				}
			}
		}
		throw new InvalidInputException("mode", "must be one of OFF, ROUND_ROBIN, LEAST_LOADED");
	}

	/**
	 * Gives a registered, unmanaged creator a manager when its region asks for it; otherwise returns it
	 * unchanged. Runs in the caller's transaction; the region's row is locked so concurrent registrations
	 * take turns one after another.
	 */
	Creator assignIfUnmanaged(Creator creator) {
		if (creator.managerId() != null || creator.regionCode() == null || creator.status() != CreatorStatus.ACTIVE) {
			return creator;
		}
		record Turn(Mode mode, Long last) {
		}
		Optional<Turn> turn = jdbc.sql("select mode, last_manager_id from region_auto_assignment where region_code = :region for update")
			.param("region", creator.regionCode())
			.query((rs, n) -> {
				long last = rs.getLong("last_manager_id");
				return new Turn(Mode.valueOf(rs.getString("mode")), rs.wasNull() ? null : last);
			})
			.optional();
		if (turn.isEmpty() || turn.get().mode() == Mode.OFF) {
			return creator;
		}
		List<UserSummary> candidates = users.managersIn(creator.regionCode()).stream()
			.filter(u -> u.enabled() && u.roles().contains(Role.CREATOR_MANAGER))
			.sorted(Comparator.comparingLong(UserSummary::id))
			.toList();
		if (candidates.isEmpty()) {
			return creator;
		}
		UserSummary chosen = turn.get().mode() == Mode.ROUND_ROBIN ? nextAfter(candidates, turn.get().last()) : leastLoaded(candidates);
		jdbc.sql("update region_auto_assignment set last_manager_id = :manager where region_code = :region")
			.param("manager", chosen.id())
			.param("region", creator.regionCode())
			.update();
		return changes.set(creator, chosen.id(), "manager auto-assigned (" + turn.get().mode().name().toLowerCase(Locale.ROOT).replace('_', '-')
				+ ")", ACTOR);
	}

	private static UserSummary nextAfter(List<UserSummary> candidates, Long last) {
		return candidates.stream().filter(u -> last == null || u.id() > last).findFirst().orElse(candidates.get(0));
	}

	private UserSummary leastLoaded(List<UserSummary> candidates) {
		Map<Long, Long> load = new HashMap<>();
		jdbc.sql("""
				select manager_id, count(*) as n from creator
				where manager_id = any(cast(:ids as bigint[])) and status = 'ACTIVE' group by manager_id""")
			.param("ids", candidates.stream().map(UserSummary::id).toArray(Long[]::new))
			.query(rs -> {
				load.put(rs.getLong("manager_id"), rs.getLong("n"));
			});
		return candidates.stream().min(Comparator.comparingLong((UserSummary u) -> load.getOrDefault(u.id(), 0L)).thenComparingLong(UserSummary::id))
			.orElseThrow();
	}
}
