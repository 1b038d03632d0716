package com.greenroom.tickets;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Role;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The escalation map: read by everyone, replaced by admins (audited; open tickets are recomputed). */
@Service
public class EscalationMap {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final AuditLog audit;

	private final Users users;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	EscalationMap(JdbcClient jdbc, JsonMapper json, AuditLog audit, Users users, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.json = json;
		this.audit = audit;
		this.users = users;
		this.clock = clock;
		this.events = events;
	}

	/** Every priority's policy, P1 first. */
	public List<EscalationPolicy> all() {
		return jdbc.sql("select * from escalation_policy order by priority").query((rs, n) -> policy(rs)).list();
	}

	public EscalationPolicy of(Priority priority) {
		return all().stream().filter(p -> p.priority() == priority).findFirst().orElseThrow();
	}

	/** The version of each priority's policy: it grows with every edit. */
	Map<Priority, Integer> versions() {
		Map<Priority, Integer> versions = new EnumMap<>(Priority.class);
		jdbc.sql("select priority, version from escalation_policy")
			.query((rs, n) -> versions.put(Priority.valueOf(rs.getString("priority")), rs.getInt("version")))
			.list();
		return versions;
	}

	/**
	 * Replaces the map (admins only): one entry per priority, every field checked, nothing changed on a
	 * refusal. Open tickets of each changed priority are recomputed from their history and their timers
	 * re-armed for the new targets.
	 */
	@Transactional
	public List<EscalationPolicy> replace(Viewer viewer, List<EscalationPolicy> policies) {
		if (!viewer.isAdmin()) {
			throw new AccessDeniedException("Only admins change the escalation map");
		}
		Checks checks = new Checks();
		if (policies == null || policies.isEmpty()) {
			checks.require(false, "priority", "list one entry per priority (P1, P2, P3)");
			checks.throwIfAny();
		}
		Set<Priority> seen = new HashSet<>();
		for (int i = 0; i < policies.size(); i++) {
			check(policies.get(i), "[" + i + "].", seen, checks);
		}
		for (Priority priority : Priority.values()) {
			checks.require(seen.contains(priority), "priority", "the map needs an entry for " + priority);
		}
		checks.throwIfAny();
		List<EscalationPolicy> before = all();
		List<Priority> changed = new ArrayList<>();
		for (EscalationPolicy policy : policies) {
			EscalationPolicy old = before.stream().filter(p -> p.priority() == policy.priority()).findFirst().orElseThrow();
			EscalationPolicy normal = normal(policy);
			if (normal.equals(old)) {
				continue;
			}
			changed.add(policy.priority());
			jdbc.sql("""
					update escalation_policy set meaning = :meaning, owner_role = :role, calendar = :calendar,
					  first_response_minutes = :frt, resolution_minutes = :res, warn_at_percent = :warn,
					  levels = cast(:levels as jsonb), version = version + 1, updated_at = :now
					where priority = :priority""")
				.param("meaning", normal.meaning())
				.param("role", normal.ownerRole())
				.param("calendar", normal.calendar().name())
				.param("frt", normal.firstResponseMinutes())
				.param("res", normal.resolutionMinutes())
				.param("warn", normal.warnAtPercent())
				.param("levels", json.writeValueAsString(normal.levels()))
				.param("now", Timestamp.from(clock.instant()))
				.param("priority", normal.priority().name())
				.update();
		}
		List<EscalationPolicy> after = all();
		if (!changed.isEmpty()) {
			audit.record("escalation_map", "escalation-map", "updated", null, before, after);
			events.publishEvent(new EscalationMapChanged(changed));
		}
		return after;
	}

	private void check(EscalationPolicy policy, String at, Set<Priority> seen, Checks checks) {
		if (policy == null) {
			checks.require(false, at + "priority", "is required");
			return;
		}
		checks.require(policy.priority() != null, at + "priority", "is required: P1, P2 or P3");
		checks.require(policy.priority() == null || seen.add(policy.priority()), at + "priority", "is listed twice");
		checks.optionalText(policy.meaning(), at + "meaning", 500);
		checks.require(role(policy.ownerRole()) != null, at + "ownerRole", "is not a role that owns work; use one of " + roles());
		checks.require(policy.calendar() != null, at + "calendar", "is required: BUSINESS or ALWAYS");
		checks.require(policy.firstResponseMinutes() != null && policy.firstResponseMinutes() > 0, at + "firstResponseMinutes",
				"must be a positive number of minutes");
		checks.require(policy.resolutionMinutes() != null && policy.resolutionMinutes() > 0, at + "resolutionMinutes",
				"must be a positive number of minutes");
		checks.require(policy.firstResponseMinutes() == null || policy.firstResponseMinutes() <= 525_600, at + "firstResponseMinutes",
				"must be at most 525600 (a year)");
		checks.require(policy.resolutionMinutes() == null || policy.resolutionMinutes() <= 525_600, at + "resolutionMinutes",
				"must be at most 525600 (a year)");
		checks.require(policy.warnAtPercent() != null && policy.warnAtPercent() >= 1 && policy.warnAtPercent() <= 99,
				at + "warnAtPercent", "must be a percentage from 1 to 99");
		List<EscalationLevel> levels = policy.levels() == null ? List.of() : policy.levels();
		checks.require(levels.size() <= 10, at + "levels", "at most 10 levels");
		Integer previous = null;
		for (int j = 0; j < levels.size(); j++) {
			EscalationLevel level = levels.get(j);
			String field = at + "levels[" + j + "].";
			if (level == null) {
				checks.require(false, field + "afterBreachMinutes", "is required");
				continue;
			}
			checks.require(level.afterBreachMinutes() != null && level.afterBreachMinutes() >= 0 && level.afterBreachMinutes() <= 525_600,
					field + "afterBreachMinutes", "must be 0 to 525600 minutes after the breach");
			checks.require(previous == null || level.afterBreachMinutes() == null || level.afterBreachMinutes() > previous,
					field + "afterBreachMinutes", "must come after the level before it");
			previous = level.afterBreachMinutes();
			boolean hasRole = level.notifyRole() != null && !level.notifyRole().isBlank();
			checks.require(hasRole ^ level.notifyUserId() != null, field + "notifyRole", "name either a role (notifyRole) or a user (notifyUserId)");
			if (hasRole) {
				checks.require(role(level.notifyRole()) != null, field + "notifyRole", "is not a role that owns work; use one of " + roles());
			}
			if (level.notifyUserId() != null) {
				checks.require(users.find(level.notifyUserId()).filter(u -> u.enabled()).isPresent(), field + "notifyUserId",
						"is not a known, enabled user: " + level.notifyUserId());
			}
		}
	}

	private static EscalationPolicy normal(EscalationPolicy policy) {
		List<EscalationLevel> levels = (policy.levels() == null ? List.<EscalationLevel>of() : policy.levels()).stream()
			.map(l -> new EscalationLevel(l.afterBreachMinutes(), l.notifyRole() == null || l.notifyRole().isBlank() ? null
					: role(l.notifyRole()).name(), l.notifyUserId(), l.reassigns()))
			.toList();
		return new EscalationPolicy(policy.priority(), policy.meaning() == null ? "" : policy.meaning().strip(), role(policy.ownerRole()).name(),
				policy.calendar(), policy.firstResponseMinutes(), policy.resolutionMinutes(), policy.warnAtPercent(), levels);
	}

	/** A role that owns work (any but INTEGRATION), or null. */
	static Role role(String value) {
		return Role.parse(value == null ? "" : value.strip()).filter(r -> r != Role.INTEGRATION).orElse(null);
	}

	private static List<String> roles() {
		return java.util.Arrays.stream(Role.values()).filter(r -> r != Role.INTEGRATION).map(Role::name).toList();
	}

	private EscalationPolicy policy(java.sql.ResultSet rs) throws java.sql.SQLException {
		List<EscalationLevel> levels = json.readValue(rs.getString("levels"), new TypeReference<List<EscalationLevel>>() {
		});
		levels = levels.stream().map(l -> new EscalationLevel(l.afterBreachMinutes(), l.notifyRole(), l.notifyUserId(), l.reassigns())).toList();
		return new EscalationPolicy(Priority.valueOf(rs.getString("priority")), rs.getString("meaning"), rs.getString("owner_role"),
				SlaCalendar.valueOf(rs.getString("calendar")), rs.getInt("first_response_minutes"), rs.getInt("resolution_minutes"),
				rs.getInt("warn_at_percent"), levels);
	}
}
