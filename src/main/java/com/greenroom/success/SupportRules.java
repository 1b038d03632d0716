package com.greenroom.success;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import com.greenroom.comms.Templates;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.milestones.Milestones;
import com.greenroom.playbooks.Playbooks;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.tickets.Priority;
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
			id, milestone_code, kind, rule_key, region_code, title, action, owner, due_offset, due_unit, ticket_priority, ticket_category,
			template_key, playbook_key, stall_after, stall_unit, active, updated_at""";

	private final JdbcClient jdbc;

	private final Milestones milestones;

	private final Regions regions;

	private final AuditLog audit;

	private final Clock clock;

	private final Templates templates;

	private final Playbooks playbooks;

	private final StallTimers stallTimers;

	SupportRules(JdbcClient jdbc, Milestones milestones, Regions regions, AuditLog audit, Clock clock, Templates templates, Playbooks playbooks,
			StallTimers stallTimers) {
		this.templates = templates;
		this.playbooks = playbooks;
		this.stallTimers = stallTimers;
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

	/** Every active STALL rule of any scope. */
	List<SupportRule> stallRules() {
		return jdbc.sql("select " + COLUMNS + " from success_rule where kind = 'STALL' and active order by id").query(SupportRules::map).list();
	}

	/** The STALL rules in force for a creator of {@code region}, across milestones. */
	List<SupportRule> stallRulesInForce(String region) {
		return stallRules().stream()
			.map(SupportRule::milestoneCode)
			.distinct()
			.flatMap(code -> effective(code, RuleKind.STALL, region).stream())
			.toList();
	}

	/** The regions whose own rule of this milestone and key (active or not) replaces the global one. */
	List<String> regionsOverriding(String milestoneCode, String key) {
		return jdbc.sql("select region_code from success_rule where milestone_code = :code and rule_key = :key and region_code is not null")
			.param("code", milestoneCode)
			.param("key", key)
			.query(String.class)
			.list();
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
		Fields fields = check(kind, new RuleDraft(null, null, null, draft.title(), draft.owner(), draft.dueOffset(), draft.dueUnit(),
				draft.stallAfter(), draft.stallUnit(), null, draft.action(), draft.ticketPriority(), draft.ticketCategory(), draft.templateKey(),
				draft.playbookKey()), checks);
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
				insert into success_rule (milestone_code, kind, rule_key, region_code, title, action, owner, due_offset, due_unit, ticket_priority,
				                          ticket_category, template_key, playbook_key, stall_after, stall_unit, active, created_at, updated_at)
				values (:code, :kind, :key, :region, :title, :action, :owner, :dueOffset, :dueUnit, :priority, :category, :template, :playbook,
				        :stallAfter, :stallUnit, :active, :now, :now)
				returning id""")
			.param("code", milestoneCode)
			.param("kind", kind.name())
			.param("key", key)
			.param("region", region)
			.params(fields.params())
			.param("active", draft.active() == null || draft.active())
			.param("now", now)
			.query(Long.class)
			.single();
		SupportRule created = find(id).orElseThrow();
		audit.record("success_rule", id, "created", region, null, created);
		stallTimers.arm(created, this);
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
		RuleAction action = parse(RuleAction.class, or(changes.action(), before.action().name()), "action", checks);
		boolean sameAction = action == before.action();
		Fields fields = check(before.kind(), new RuleDraft(null, null, null, or(changes.title(), before.title()),
				sameAction ? or(changes.owner(), before.owner()) : changes.owner(),
				changes.dueOffset() != null || !sameAction ? changes.dueOffset() : before.dueOffset(),
				sameAction ? or(changes.dueUnit(), before.dueUnit() == null ? null : before.dueUnit().name()) : changes.dueUnit(),
				changes.stallAfter() == null ? before.stallAfter() : changes.stallAfter(),
				or(changes.stallUnit(), before.stallUnit() == null ? null : before.stallUnit().name()), null, action.name(),
				sameAction ? or(changes.ticketPriority(), before.ticketPriority() == null ? null : before.ticketPriority().name())
						: changes.ticketPriority(),
				sameAction ? or(changes.ticketCategory(), before.ticketCategory()) : changes.ticketCategory(),
				sameAction ? or(changes.templateKey(), before.templateKey()) : changes.templateKey(),
				or(changes.playbookKey(), before.playbookKey())), checks);
		checks.throwIfAny();
		jdbc.sql("""
				update success_rule set title = :title, action = :action, owner = :owner, due_offset = :dueOffset, due_unit = :dueUnit,
				       ticket_priority = :priority, ticket_category = :category, template_key = :template, playbook_key = :playbook,
				       stall_after = :stallAfter, stall_unit = :stallUnit, active = :active, updated_at = :now where id = :id""")
			.params(fields.params())
			.param("active", changes.active() == null ? before.active() : changes.active())
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
		SupportRule after = find(id).orElseThrow();
		audit.record("success_rule", id, "updated", before.region(), before, after);
		if (after.active() && (!before.active() || !Objects.equals(before.stallAfter(), after.stallAfter())
				|| before.stallUnit() != after.stallUnit())) {
			stallTimers.arm(after, this);
		}
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

	/** A rule's checked fields, as the insert and update bind them. */
	private record Fields(String title, RuleAction action, String owner, Integer dueOffset, OffsetUnit dueUnit, Priority priority,
			String category, String templateKey, String playbookKey, Integer stallAfter, OffsetUnit stallUnit) {

		Map<String, Object> params() {
			Map<String, Object> params = new HashMap<>();
			params.put("title", title);
			params.put("action", action.name());
			params.put("owner", owner);
			params.put("dueOffset", dueOffset);
			params.put("dueUnit", dueUnit == null ? null : dueUnit.name());
			params.put("priority", priority == null ? null : priority.name());
			params.put("category", category);
			params.put("template", templateKey);
			params.put("playbook", playbookKey);
			params.put("stallAfter", stallAfter);
			params.put("stallUnit", stallUnit == null ? null : stallUnit.name());
			return params;
		}
	}

	/**
	 * Checks a rule's fields for its kind and action (the draft's kind, key, region and active are not read
	 * here): a TASK needs its owner and due offset, a TICKET its priority, a MESSAGE a template that exists;
	 * a field of another action is refused rather than silently kept.
	 */
	private Fields check(RuleKind kind, RuleDraft draft, Checks checks) {
		checks.text(draft.title(), "title", 200);
		RuleAction action = parse(RuleAction.class, or(Checks.blankToNull(draft.action()), RuleAction.TASK.name()), "action", checks);
		String owner = null;
		Integer dueOffset = null;
		OffsetUnit due = null;
		if (action == RuleAction.TASK) {
			owner = draft.owner() == null ? "" : draft.owner().strip().toUpperCase(Locale.ROOT);
			checks.require(OWNERS.contains(owner), "owner", "must be one of " + OWNERS);
			checks.require(draft.dueOffset() != null && draft.dueOffset() >= 0 && draft.dueOffset() <= 365, "dueOffset", "must be 0 to 365");
			dueOffset = draft.dueOffset() == null ? 0 : draft.dueOffset();
			due = parse(OffsetUnit.class, draft.dueUnit() == null ? "BUSINESS_DAYS" : draft.dueUnit(), "dueUnit", checks);
		}
		Priority priority = null;
		String category = Checks.blankToNull(draft.ticketCategory());
		String priorityName = Checks.blankToNull(draft.ticketPriority());
		if (action == RuleAction.TICKET) {
			priority = parse(Priority.class, priorityName, "ticketPriority", checks);
			checks.optionalText(category, "ticketCategory", 100);
		}
		else {
			checks.require(priorityName == null, "ticketPriority", "applies to TICKET rules only");
			checks.require(category == null, "ticketCategory", "applies to TICKET rules only");
		}
		String templateKey = Checks.blankToNull(draft.templateKey());
		if (action == RuleAction.MESSAGE) {
			checks.require(templateKey != null, "templateKey", "is required for a MESSAGE rule: the key of a communication template");
			checks.require(templateKey == null || templates.find(templateKey.strip()).isPresent(), "templateKey",
					"is not a known communication template: " + templateKey);
		}
		else {
			checks.require(templateKey == null, "templateKey", "applies to MESSAGE rules only");
		}
		String playbookKey = Checks.blankToNull(draft.playbookKey());
		checks.require(playbookKey == null || playbooks.exists(playbookKey.strip()), "playbookKey", "is not a known playbook: " + playbookKey);
		OffsetUnit stall = null;
		if (kind == RuleKind.STALL) {
			checks.require(draft.stallAfter() != null && draft.stallAfter() >= 1 && draft.stallAfter() <= 365, "stallAfter",
					"is required for a STALL rule: 1 to 365 days after registration");
			stall = parse(OffsetUnit.class, draft.stallUnit() == null ? "DAYS" : draft.stallUnit(), "stallUnit", checks);
		}
		else if (kind == RuleKind.ON_REACHED) {
			checks.require(draft.stallAfter() == null, "stallAfter", "applies to STALL rules only");
		}
		return new Fields(draft.title() == null ? null : draft.title().strip(), action, owner, dueOffset, due, priority, category,
				templateKey == null ? null : templateKey.strip(), playbookKey == null ? null : playbookKey.strip(),
				kind == RuleKind.STALL ? draft.stallAfter() : null, stall);
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
		String dueUnit = rs.getString("due_unit");
		String stallUnit = rs.getString("stall_unit");
		String priority = rs.getString("ticket_priority");
		return new SupportRule(rs.getLong("id"), rs.getString("milestone_code"), RuleKind.valueOf(rs.getString("kind")),
				rs.getString("rule_key"), rs.getString("region_code"), rs.getString("title"), RuleAction.valueOf(rs.getString("action")),
				rs.getString("owner"), rs.getObject("due_offset", Integer.class), dueUnit == null ? null : OffsetUnit.valueOf(dueUnit),
				priority == null ? null : Priority.valueOf(priority), rs.getString("ticket_category"), rs.getString("template_key"),
				rs.getString("playbook_key"), rs.getObject("stall_after", Integer.class), stallUnit == null ? null : OffsetUnit.valueOf(stallUnit),
				rs.getBoolean("active"), rs.getTimestamp("updated_at").toInstant());
	}
}
