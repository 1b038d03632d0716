package com.greenroom.success;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.milestones.Milestones;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support action and stall rules per milestone. Admins keep the global rules; regional leads keep their
 * regions' rules, which replace a global rule of the same key there (an inactive regional rule switches
 * the global one off in that region). Everyone sees the global rules and their regions' ones.
 */
@Service
public class SupportRules {

	/** Who may own a rule's task: the creator's manager, or a role claiming it in the creator's region. */
	static final List<String> OWNERS = List.of(SupportRule.CREATORS_MANAGER, Role.CREATOR_MANAGER.name(), Role.REGIONAL_LEAD.name(),
			Role.SAFETY.name(), Role.ANALYST.name());

	private static final String COLUMNS = """
			id, milestone_code, kind, rule_key, region_code, title, owner, due_offset, due_unit, stall_after, stall_unit, active, updated_at""";

	private final JdbcClient jdbc;

	private final Milestones milestones;

	private final Regions regions;

	private final AuditLog audit;

	private final Clock clock;

	SupportRules(JdbcClient jdbc, Milestones milestones, Regions regions, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.milestones = milestones;
		this.regions = regions;
		this.audit = audit;
		this.clock = clock;
	}

	/** A milestone's rules the viewer may see (global, and their regions'); 404 for an unknown milestone. */
	public List<SupportRule> of(Viewer viewer, String milestoneCode) {
		requireMilestone(milestoneCode);
		return jdbc.sql("select " + COLUMNS + """
				 from success_rule where milestone_code = :code
				 and (region_code is null or cast(:regions as text[]) is null or region_code = any(cast(:regions as text[])))
				order by kind, rule_key, region_code nulls first, id""")
			.param("code", milestoneCode)
			.param("regions", viewer.regionFilter())
			.query(SupportRules::map)
			.list();
	}

	/** Every rule the viewer may see, grouped by milestone in path order. */
	public Map<String, List<SupportRule>> all(Viewer viewer) {
		Map<String, List<SupportRule>> byMilestone = new LinkedHashMap<>();
		milestones.definitions().forEach(m -> byMilestone.put(m.code(), of(viewer, m.code())));
		return byMilestone;
	}

	public Optional<SupportRule> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from success_rule where id = :id").param("id", id).query(SupportRules::map).optional();
	}

	/**
	 * The rules in force for a creator of {@code region}: per key, the region's own rule if there is one,
	 * else the global rule; inactive winners drop out.
	 */
	public List<SupportRule> effective(String milestoneCode, RuleKind kind, String region) {
		Map<String, SupportRule> byKey = new LinkedHashMap<>();
		jdbc.sql("select " + COLUMNS + """
				 from success_rule where milestone_code = :code and kind = :kind and (region_code is null or region_code = :region)
				order by rule_key, region_code nulls first""")
			.param("code", milestoneCode)
			.param("kind", kind.name())
			.param("region", region)
			.query(SupportRules::map)
			.list()
			.forEach(rule -> byKey.put(rule.key(), rule));
		return byKey.values().stream().filter(SupportRule::active).toList();
	}

	/** Every active STALL rule of any scope, for the stall job to evaluate. */
	List<SupportRule> stallRules() {
		return jdbc.sql("select " + COLUMNS + " from success_rule where kind = 'STALL' and active order by id").query(SupportRules::map).list();
	}

	@Transactional
	public SupportRule create(Viewer viewer, String milestoneCode, RuleDraft draft) {
		requireMilestone(milestoneCode);
		String region = Checks.blankToNull(draft.region());
		requireRight(viewer, region);
		Checks checks = new Checks();
		RuleKind kind = parse(RuleKind.class, draft.kind(), "kind", checks);
		String key = draft.key() == null || draft.key().isBlank() ? slug(draft.title()) : draft.key().strip();
		checks.require(key.matches("^[a-z][a-z0-9-]{1,39}$"), "key", "must be 2 to 40 lower-case letters, digits or dashes, starting with a letter");
		checks.require(region == null || regions.exists(region), "region", "is not a known region: " + region);
		Fields fields = check(kind, draft.title(), draft.owner(), draft.dueOffset(), draft.dueUnit(), draft.stallAfter(), draft.stallUnit(),
				checks);
		checks.throwIfAny();
		Optional<SupportRule> sameKey = jdbc.sql("select " + COLUMNS + " from success_rule where milestone_code = :code and rule_key = :key")
			.param("code", milestoneCode)
			.param("key", key)
			.query(SupportRules::map)
			.list()
			.stream()
			.findFirst();
		if (sameKey.isPresent() && sameKey.get().kind() != kind) {
			throw new InvalidInputException("key", "is the key of a " + sameKey.get().kind() + " rule of " + milestoneCode
					+ "; a regional rule replaces a global one of the same kind");
		}
		boolean taken = jdbc.sql("select count(*) from success_rule where milestone_code = :code and rule_key = :key "
				+ "and coalesce(region_code, '') = coalesce(cast(:region as text), '')")
			.param("code", milestoneCode)
			.param("key", key)
			.param("region", region)
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw new ConflictException("key", "Milestone " + milestoneCode + " already has a rule " + key + " in "
					+ (region == null ? "the global scope" : region));
		}
		Timestamp now = Timestamp.from(clock.instant());
		long id = jdbc.sql("""
				insert into success_rule (milestone_code, kind, rule_key, region_code, title, owner, due_offset, due_unit, stall_after,
				                          stall_unit, active, created_at, updated_at)
				values (:code, :kind, :key, :region, :title, :owner, :dueOffset, :dueUnit, :stallAfter, :stallUnit, :active, :now, :now)
				returning id""")
			.param("code", milestoneCode)
			.param("kind", kind.name())
			.param("key", key)
			.param("region", region)
			.param("title", fields.title())
			.param("owner", fields.owner())
			.param("dueOffset", fields.dueOffset())
			.param("dueUnit", fields.dueUnit().name())
			.param("stallAfter", fields.stallAfter())
			.param("stallUnit", fields.stallUnit() == null ? null : fields.stallUnit().name())
			.param("active", draft.active() == null || draft.active())
			.param("now", now)
			.query(Long.class)
			.single();
		SupportRule created = find(id).orElseThrow();
		audit.record("success_rule", id, "created", region, null, created);
		return created;
	}

	/** Changes a rule's title, owner, offsets or active flag; kind, key and scope stay. */
	@Transactional
	public SupportRule update(Viewer viewer, String milestoneCode, long id, RuleDraft changes) {
		SupportRule before = find(id).filter(r -> r.milestoneCode().equals(milestoneCode))
			.filter(r -> r.region() == null || viewer.canSee(r.region()))
			.orElseThrow(() -> new NotFoundException("Rule of milestone " + milestoneCode, id));
		requireRight(viewer, before.region());
		Checks checks = new Checks();
		checks.require(changes.kind() == null || changes.kind().equalsIgnoreCase(before.kind().name()), "kind", "cannot change; add a new rule");
		checks.require(changes.key() == null || changes.key().equals(before.key()), "key", "cannot change; add a new rule");
		checks.require(changes.region() == null || changes.region().equals(before.region()), "region", "cannot change; add a new rule");
		Fields fields = check(before.kind(), or(changes.title(), before.title()), or(changes.owner(), before.owner()),
				changes.dueOffset() == null ? before.dueOffset() : changes.dueOffset(), or(changes.dueUnit(), before.dueUnit().name()),
				changes.stallAfter() == null ? before.stallAfter() : changes.stallAfter(),
				or(changes.stallUnit(), before.stallUnit() == null ? null : before.stallUnit().name()), checks);
		checks.throwIfAny();
		jdbc.sql("""
				update success_rule set title = :title, owner = :owner, due_offset = :dueOffset, due_unit = :dueUnit, stall_after = :stallAfter,
				       stall_unit = :stallUnit, active = :active, updated_at = :now where id = :id""")
			.param("title", fields.title())
			.param("owner", fields.owner())
			.param("dueOffset", fields.dueOffset())
			.param("dueUnit", fields.dueUnit().name())
			.param("stallAfter", fields.stallAfter())
			.param("stallUnit", fields.stallUnit() == null ? null : fields.stallUnit().name())
			.param("active", changes.active() == null ? before.active() : changes.active())
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
		SupportRule after = find(id).orElseThrow();
		audit.record("success_rule", id, "updated", before.region(), before, after);
		return after;
	}

	/** Admins change global rules; admins and the region's leads change a region's rules. */
	public boolean mayChange(Viewer viewer, String region) {
		return viewer.isAdmin() || region != null && viewer.has(Role.REGIONAL_LEAD) && viewer.regions().contains(region);
	}

	private void requireRight(Viewer viewer, String region) {
		if (!mayChange(viewer, region)) {
			throw new AccessDeniedException(region == null ? "Only admins change global rules"
					: "Only admins and regional leads of " + region + " change its rules");
		}
	}

	private void requireMilestone(String code) {
		if (milestones.definitions().stream().noneMatch(m -> m.code().equals(code))) {
			throw new NotFoundException("Milestone", code);
		}
	}

	private record Fields(String title, String owner, int dueOffset, OffsetUnit dueUnit, Integer stallAfter, OffsetUnit stallUnit) {
	}

	private static Fields check(RuleKind kind, String title, String owner, Integer dueOffset, String dueUnit, Integer stallAfter,
			String stallUnit, Checks checks) {
		checks.text(title, "title", 200);
		String ownerName = owner == null ? "" : owner.strip().toUpperCase(Locale.ROOT);
		checks.require(OWNERS.contains(ownerName), "owner", "must be one of " + OWNERS);
		checks.require(dueOffset != null && dueOffset >= 0 && dueOffset <= 365, "dueOffset", "must be 0 to 365");
		OffsetUnit due = parse(OffsetUnit.class, dueUnit == null ? "BUSINESS_DAYS" : dueUnit, "dueUnit", checks);
		OffsetUnit stall = null;
		if (kind == RuleKind.STALL) {
			checks.require(stallAfter != null && stallAfter >= 1 && stallAfter <= 365, "stallAfter",
					"is required for a STALL rule: 1 to 365 days after registration");
			stall = parse(OffsetUnit.class, stallUnit == null ? "DAYS" : stallUnit, "stallUnit", checks);
		}
		else if (kind == RuleKind.ON_REACHED) {
			checks.require(stallAfter == null, "stallAfter", "applies to STALL rules only");
		}
		return new Fields(title == null ? null : title.strip(), ownerName, dueOffset == null ? 0 : dueOffset, due,
				kind == RuleKind.STALL ? stallAfter : null, stall);
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, Checks checks) {
		Optional<E> parsed = Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value == null ? "" : value.strip()))
			.findFirst();
		checks.require(parsed.isPresent(), field, "must be one of " + Arrays.toString(type.getEnumConstants()));
		return parsed.orElse(null);
	}

	private static String or(String value, String fallback) {
		return value == null ? fallback : value;
	}

	static String slug(String title) {
		if (title == null) {
			return "";
		}
		String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return slug.length() > 40 ? slug.substring(0, 40).replaceAll("-+$", "") : slug;
	}

	private static SupportRule map(ResultSet rs, int n) throws SQLException {
		int stallAfter = rs.getInt("stall_after");
		Integer stall = rs.wasNull() ? null : stallAfter;
		String stallUnit = rs.getString("stall_unit");
		return new SupportRule(rs.getLong("id"), rs.getString("milestone_code"), RuleKind.valueOf(rs.getString("kind")),
				rs.getString("rule_key"), rs.getString("region_code"), rs.getString("title"), rs.getString("owner"), rs.getInt("due_offset"),
				OffsetUnit.valueOf(rs.getString("due_unit")), stall, stallUnit == null ? null : OffsetUnit.valueOf(stallUnit),
				rs.getBoolean("active"), rs.getTimestamp("updated_at").toInstant());
	}
}
