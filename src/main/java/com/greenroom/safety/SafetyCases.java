package com.greenroom.safety;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.Cursor;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import com.greenroom.tickets.Priority;
import com.greenroom.tickets.Ticket;
import com.greenroom.tickets.TicketDraft;
import com.greenroom.tickets.Tickets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Policy-risk cases: reading them (admins, trust & safety and regional leads, scoped to their regions in SQL:
 * another region's case does not exist for them), triage (status, assignee), notes, enforcement actions with a
 * reason, and manual flags on a creator or a live room. Creator managers may flag and see that a creator has
 * an open case, nothing more. Every change is audited in its transaction.
 */
@Service
public class SafetyCases {

	/** How many of a case's reports its detail lists (the newest). */
	public static final int DETAIL_REPORTS = 200;

	private static final String SEVERITY_RANK = "(case s.severity when 'CRITICAL' then 0 when 'HIGH' then 1 when 'MEDIUM' then 2 else 3 end)";

	private static final String SELECT = """
			select s.id, s.creator_id, c.handle, c.region_code, s.category_code, k.name as category_name, s.status, s.severity,
			       s.report_count, s.opened_at, s.last_report_at, s.stream_id, s.assignee_user_id, s.first_action_at, s.closed_at, s.ticket_id,
			       s.updated_at, """ + SEVERITY_RANK + """
			 as severity_rank
			from safety_case s
			join safety_category k on k.code = s.category_code
			left join creator c on c.creator_id = s.creator_id
			where (cast(:regions as text[]) is null or c.region_code = any(cast(:regions as text[])))""";

	private final JdbcClient jdbc;

	private final Creators creators;

	private final Users users;

	private final Regions regions;

	private final PolicyTaxonomy taxonomy;

	private final CaseGrouping grouping;

	private final AuditLog audit;

	/** Looked up when a case escalates: creating Tickets here would pull its timer handlers into this bean's creation. */
	private final ObjectProvider<Tickets> tickets;

	private final Clock clock;

	SafetyCases(JdbcClient jdbc, Creators creators, Users users, Regions regions, PolicyTaxonomy taxonomy, CaseGrouping grouping,
			AuditLog audit, ObjectProvider<Tickets> tickets, Clock clock) {
		this.tickets = tickets;
		this.jdbc = jdbc;
		this.creators = creators;
		this.users = users;
		this.regions = regions;
		this.taxonomy = taxonomy;
		this.grouping = grouping;
		this.audit = audit;
		this.clock = clock;
	}

	// ---- who may do what -----------------------------------------------------------------------------

	/** Case details: admins, trust & safety and regional leads. */
	public boolean mayView(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.SAFETY) || viewer.has(Role.REGIONAL_LEAD);
	}

	/** Enforcement actions: admins and trust & safety. */
	public boolean mayEnforce(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.SAFETY);
	}

	/** Manual flags: anyone who watches creators (not analysts). */
	public boolean mayFlag(Viewer viewer) {
		return mayView(viewer) || viewer.has(Role.CREATOR_MANAGER);
	}

	private void requireView(Viewer viewer) {
		if (!mayView(viewer)) {
			throw new AccessDeniedException("Only admins, trust & safety and regional leads see policy-risk cases");
		}
	}

	// ---- reading -------------------------------------------------------------------------------------

	/** Filters of the case list; null means any. {@code status} is a status or {@code open} (new and triaging). */
	public record CaseQuery(String creatorId, String category, String status, String region, String assignee) {
	}

	/** One page of cases, most severe first, then oldest first. */
	public PageOf<SafetyCase> list(Viewer viewer, CaseQuery query, String cursor, int limit) {
		requireView(viewer);
		Filter filter = filter(viewer, query);
		Optional<Cursor> after = Cursor.parse(cursor);
		Object[] key = after.map(SafetyCases::parseKey).orElse(null);
		List<SafetyCase> rows = jdbc.sql(SELECT + filter.sql() + """
				 and (cast(:afterAt as timestamptz) is null or (%s, s.opened_at, s.id) > (:afterRank, cast(:afterAt as timestamptz), :afterId))
				order by severity_rank, s.opened_at, s.id limit :limit""".formatted(SEVERITY_RANK))
			.params(filter.params())
			.param("afterRank", key == null ? 0 : key[0])
			.param("afterAt", key == null ? null : key[1])
			.param("afterId", after.map(Cursor::id).orElse(0L))
			.param("limit", limit + 1)
			.query(this::row)
			.list();
		return PageOf.fromOverfetch(named(rows), limit,
				c -> new Cursor(c.severity().ordinal() + "|" + c.openedAt().toString(), c.id()));
	}

	/** The oldest open cases matching the filters (the backlog's head), oldest first. */
	List<SafetyCase> oldestOpen(Viewer viewer, String region, String category, int limit) {
		requireView(viewer);
		Filter filter = filter(viewer, new CaseQuery(null, category, "open", region, null));
		return named(jdbc.sql(SELECT + filter.sql() + " order by s.opened_at, s.id limit :limit")
			.params(filter.params())
			.param("limit", limit)
			.query(this::row)
			.list());
	}

	/** How many cases match, for the console's counters. */
	public long count(Viewer viewer, CaseQuery query) {
		requireView(viewer);
		Filter filter = filter(viewer, query);
		return jdbc.sql("select count(*) from (" + SELECT + filter.sql() + ") x").params(filter.params()).query(Long.class).single();
	}

	public SafetyCaseDetail get(Viewer viewer, long id) {
		requireView(viewer);
		SafetyCase found = find(viewer, id);
		String guidance = taxonomy.find(found.category()).map(PolicyCategory::guidance).orElse("");
		List<SafetyCaseDetail.Report> reports = jdbc.sql("""
				select id, event_id, report_category, stream_id, reporter, note, occurred_at, flagged_by from safety_report
				where case_id = :id order by occurred_at desc, id desc limit :limit""")
			.param("id", id)
			.param("limit", DETAIL_REPORTS)
			.query((rs, n) -> new SafetyCaseDetail.Report(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8)))
			.list();
		List<SafetyCaseDetail.Note> notes = jdbc
			.sql("select id, body, author, created_at from safety_case_note where case_id = :id order by created_at, id")
			.param("id", id)
			.query((rs, n) -> new SafetyCaseDetail.Note(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
			.list();
		return SafetyCaseDetail.of(found, guidance, reports, notes, actionsOf(id));
	}

	private List<SafetyCaseDetail.Action> actionsOf(long caseId) {
		return jdbc.sql("select id, kind, reason, actor, actor_name, created_at from safety_action where case_id = :id order by created_at, id")
			.param("id", caseId)
			.query((rs, n) -> new SafetyCaseDetail.Action(rs.getLong(1), EnforcementAction.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	private SafetyCase find(Viewer viewer, long id) {
		return jdbc.sql(SELECT + " and s.id = :id")
			.param("regions", viewer.regionFilter())
			.param("id", id)
			.query(this::row)
			.optional()
			.map(c -> named(List.of(c)).get(0))
			.orElseThrow(() -> new NotFoundException("Safety case", id));
	}

	/** A creator's cases, newest first, unscoped: for modules that checked the creator's scope already (the timeline). */
	public List<SafetyCase> forCreator(String creatorId) {
		return named(jdbc.sql(SELECT + " and s.creator_id = :creator order by s.opened_at desc, s.id desc")
			.param("regions", (Object) null)
			.param("creator", creatorId)
			.query(this::row)
			.list());
	}

	/** The actions taken on a case, oldest first, unscoped: for the timeline. */
	List<SafetyCaseDetail.Action> actionsFor(long caseId) {
		return actionsOf(caseId);
	}

	/**
	 * Of these creators, those with an open case and the highest severity among their open cases, unscoped
	 * (callers show it only for creators the viewer sees): the live rooms' risk badge.
	 */
	public Map<String, Severity> openRisks(Collection<String> creatorIds) {
		Map<String, Severity> risks = new HashMap<>();
		if (creatorIds.isEmpty()) {
			return risks;
		}
		jdbc.sql("""
				select creator_id, min(%s) from safety_case s
				where s.creator_id = any(cast(:ids as text[])) and s.status in ('NEW', 'TRIAGING') group by creator_id"""
			.formatted(SEVERITY_RANK))
			.param("ids", creatorIds.toArray(String[]::new))
			.query(rs -> {
				risks.put(rs.getString(1), Severity.values()[3 - rs.getInt(2)]);
			});
		return risks;
	}

	/** How many open cases a creator the viewer may see has (404 otherwise): what a creator manager is told. */
	public int openCount(Viewer viewer, String creatorId) {
		Creator creator = creators.get(viewer, creatorId);
		return jdbc.sql("select count(*) from safety_case where creator_id = :c and status in ('NEW', 'TRIAGING')")
			.param("c", creator.creatorId())
			.query(Integer.class)
			.single();
	}

	/** People a case of the region may be assigned to: enabled trust & safety users working there. */
	public List<UserSummary> assignableIn(String regionCode) {
		return users.all()
			.stream()
			.filter(u -> u.enabled() && u.roles().contains(Role.SAFETY) && (u.isAdmin() || regionCode != null && u.regions().contains(regionCode)))
			.toList();
	}

	// ---- changing ------------------------------------------------------------------------------------

	/**
	 * Triage as a JSON merge patch: {@code status} NEW or TRIAGING (reopening a closed case; ACTIONED and CLEARED
	 * come only from an enforcement action with a reason), {@code assigneeId} a trust & safety user of the
	 * case's region, or null to unassign. Assigning a new case starts its triage.
	 */
	@Transactional
	public SafetyCaseDetail update(Viewer viewer, long id, Map<String, Object> changes) {
		requireView(viewer);
		SafetyCase before = find(viewer, id);
		Checks checks = new Checks();
		for (String field : changes.keySet()) {
			checks.require(Set.of("status", "assigneeId").contains(field), field, "cannot be changed here; change status or assigneeId");
		}
		CaseStatus status = before.status();
		if (changes.containsKey("status")) {
			Object value = changes.get("status");
			CaseStatus requested = parseStatus(value == null ? null : value.toString(), "status", checks);
			if (requested == CaseStatus.ACTIONED || requested == CaseStatus.CLEARED) {
				checks.require(false, "status",
						"becomes " + requested + " only through an enforcement action with a reason (POST /api/v1/safety/cases/" + id + "/actions)");
			}
			else if (requested != null) {
				status = requested;
			}
		}
		Long assignee = before.assigneeId();
		if (changes.containsKey("assigneeId")) {
			assignee = parseAssignee(changes.get("assigneeId"), before.regionCode(), checks);
			if (assignee != null && before.status() == CaseStatus.NEW && !changes.containsKey("status")) {
				status = CaseStatus.TRIAGING;
			}
		}
		checks.throwIfAny();
		boolean reopened = !before.status().open() && status.open();
		jdbc.sql("""
				update safety_case set status = :status, assignee_user_id = :assignee, updated_at = :now,
				    closed_at = case when :reopened then null else closed_at end
				where id = :id""")
			.param("status", status.name())
			.param("assignee", assignee)
			.param("now", Timestamp.from(clock.instant()))
			.param("reopened", reopened)
			.param("id", id)
			.update();
		SafetyCase after = find(viewer, id);
		audit.record("safety_case", id, reopened ? "reopened" : "triaged", before.regionCode(), before, after);
		return get(viewer, id);
	}

	@Transactional
	public SafetyCaseDetail note(Viewer viewer, long id, String body) {
		requireView(viewer);
		SafetyCase found = find(viewer, id);
		Checks checks = new Checks();
		checks.text(body, "body", 10_000);
		checks.throwIfAny();
		long noteId = jdbc.sql("insert into safety_case_note (case_id, body, author, created_at) values (:id, :body, :author, :now) returning id")
			.param("id", id)
			.param("body", body.strip())
			.param("author", viewer.displayName())
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		jdbc.sql("update safety_case set updated_at = :now where id = :id").param("now", Timestamp.from(clock.instant())).param("id", id).update();
		audit.record("safety_case", id, "noted", found.regionCode(), null, Map.of("noteId", noteId, "body", body.strip()));
		return get(viewer, id);
	}

	/** An enforcement action (or clearing) with its reason: the case becomes ACTIONED (or CLEARED). */
	@Transactional
	public SafetyCaseDetail act(Viewer viewer, long id, String kind, String reason) {
		if (!mayEnforce(viewer)) {
			requireView(viewer);
			find(viewer, id);
			throw new AccessDeniedException("Only admins and trust & safety take enforcement actions");
		}
		SafetyCase before = find(viewer, id);
		Checks checks = new Checks();
		EnforcementAction action = parseAction(kind, checks);
		checks.text(reason, "reason", 2000);
		checks.throwIfAny();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into safety_action (case_id, kind, reason, actor, actor_name, created_at)
				values (:id, :kind, :reason, :actor, :name, :now)""")
			.param("id", id)
			.param("kind", action.name())
			.param("reason", reason.strip())
			.param("actor", viewer.username())
			.param("name", viewer.displayName())
			.param("now", now)
			.update();
		jdbc.sql("""
				update safety_case set status = :status, first_action_at = coalesce(first_action_at, :now), closed_at = :now, updated_at = :now
				where id = :id""")
			.param("status", action.resultingStatus().name())
			.param("now", now)
			.param("id", id)
			.update();
		SafetyCase after = find(viewer, id);
		audit.record("safety_case", id, "action " + action.name(), before.regionCode(), before,
				Map.of("action", action.name(), "reason", reason.strip(), "status", after.status().name()));
		return get(viewer, id);
	}

	/**
	 * Escalates a case to a P1 ticket in the creator's region (admins, trust & safety, regional leads), once: a
	 * case already escalated answers its ticket again. The ticket links back to the case.
	 */
	@Transactional
	public SafetyCaseDetail escalate(Viewer viewer, long id) {
		requireView(viewer);
		SafetyCase found = find(viewer, id);
		if (found.ticketId() != null) {
			return get(viewer, id);
		}
		if (found.regionCode() == null) {
			throw new InvalidInputException("creatorId", "the creator is not registered yet (no region), so no ticket can be opened");
		}
		String who = found.creatorHandle() == null ? found.creatorId() : found.creatorHandle();
		Ticket ticket = tickets.getObject().open(new TicketDraft("Policy risk: " + found.categoryName() + " – " + who,
				found.reportCount() + (found.reportCount() == 1 ? " report" : " reports") + ", " + found.severity().label().toLowerCase(Locale.ROOT)
						+ " severity, opened " + found.openedAt() + ". Case: " + SafetyConsole.caseLink(id),
				found.creatorId(), null, "policy:" + found.category(), Priority.P1, "SAFETY_CASE"));
		jdbc.sql("update safety_case set ticket_id = :ticket, updated_at = :now where id = :id")
			.param("ticket", ticket.id())
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
		audit.record("safety_case", id, "escalated", found.regionCode(), null, Map.of("ticketId", ticket.id(), "priority", "P1"));
		return get(viewer, id);
	}

	/** What a manual flag did: the case it joined or opened. */
	public record Flagged(long caseId, boolean opened) {
	}

	/**
	 * A person flags a creator (or one of their live rooms, {@code streamId}) for a policy risk, saying why: it
	 * groups like a report (joins the creator's open case of the category, else opens one).
	 */
	@Transactional
	public Flagged flag(Viewer viewer, String creatorId, String category, String streamId, String note) {
		if (!mayFlag(viewer)) {
			throw new AccessDeniedException("Only admins, trust & safety, regional leads and creator managers flag policy risks");
		}
		Creator creator = creators.get(viewer, creatorId == null ? "" : creatorId.strip());
		Checks checks = new Checks();
		String categoryCode = null;
		try {
			categoryCode = taxonomy.require(category, "category").code();
		}
		catch (InvalidInputException ex) {
			ex.errors().forEach(e -> checks.require(false, e.field(), e.reason()));
		}
		String stream = Checks.blankToNull(streamId);
		checks.require(stream == null || Checks.isSafeId(stream), "streamId", Checks.SAFE_ID_RULE);
		checks.text(note, "note", 2000);
		checks.throwIfAny();
		CaseGrouping.Grouped grouped = grouping.attach(new CaseGrouping.IncomingReport(null, creator.creatorId(), null, categoryCode, stream,
				viewer.displayName(), note.strip(), clock.instant(), viewer.username()));
		if (!grouped.opened()) {
			audit.record("safety_case", grouped.caseId(), "flagged", creator.regionCode(), null, Map.of("note", note.strip()));
		}
		return new Flagged(grouped.caseId(), grouped.opened());
	}

	// ---- parsing -------------------------------------------------------------------------------------

	private record Filter(String sql, Map<String, Object> params) {
	}

	private Filter filter(Viewer viewer, CaseQuery query) {
		Checks checks = new Checks();
		StringBuilder sql = new StringBuilder();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("regions", viewer.regionFilter());
		String creatorId = Checks.blankToNull(query.creatorId());
		if (creatorId != null) {
			checks.require(Checks.isSafeId(creatorId), "creator", Checks.SAFE_ID_RULE);
			sql.append(" and s.creator_id = :creator");
			params.put("creator", creatorId);
		}
		String category = Checks.blankToNull(query.category());
		if (category != null) {
			checks.require(taxonomy.find(category).isPresent(), "category",
					"is not a policy category: " + category + "; use one of " + taxonomy.codes());
			sql.append(" and s.category_code = :category");
			params.put("category", category);
		}
		String status = Checks.blankToNull(query.status());
		if (status != null) {
			if (status.equalsIgnoreCase("open")) {
				sql.append(" and s.status in ('NEW', 'TRIAGING')");
			}
			else {
				CaseStatus parsed = parseStatus(status, "status", checks);
				if (parsed != null) {
					sql.append(" and s.status = :status");
					params.put("status", parsed.name());
				}
			}
		}
		String region = Checks.blankToNull(query.region());
		if (region != null) {
			checks.require(regions.exists(region), "region", "is not a known region: " + region);
			sql.append(" and c.region_code = :region");
			params.put("region", region);
		}
		String assignee = Checks.blankToNull(query.assignee());
		if (assignee != null) {
			if (assignee.equals("me")) {
				sql.append(" and s.assignee_user_id = :assignee");
				params.put("assignee", viewer.userId());
			}
			else if (assignee.equals("none")) {
				sql.append(" and s.assignee_user_id is null");
			}
			else if (assignee.matches("^[0-9]{1,18}$")) {
				sql.append(" and s.assignee_user_id = :assignee");
				params.put("assignee", Long.parseLong(assignee));
			}
			else {
				checks.require(false, "assignee", "must be me, none or a user id");
			}
		}
		checks.throwIfAny();
		return new Filter(sql.toString(), params);
	}

	private static CaseStatus parseStatus(String value, String field, Checks checks) {
		if (value == null || value.isBlank()) {
			checks.require(false, field, "must be NEW, TRIAGING, ACTIONED or CLEARED");
			return null;
		}
		try {
			return CaseStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			checks.require(false, field, "must be NEW, TRIAGING, ACTIONED or CLEARED" + (field.equals("status") ? " (or open)" : ""));
			return null;
		}
	}

	private static EnforcementAction parseAction(String value, Checks checks) {
		try {
			if (value != null && !value.isBlank()) {
				return EnforcementAction.valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		checks.require(false, "kind", "must be WARNING, STREAM_ENDED, FEATURE_LIMIT, SUSPENSION or CLEARED");
		return null;
	}

	private Long parseAssignee(Object value, String regionCode, Checks checks) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
			checks.require(false, "assigneeId", "must be a user id or null");
			return null;
		}
		long id = number.longValue();
		Optional<UserSummary> user = users.find(id);
		if (user.isEmpty()) {
			checks.require(false, "assigneeId", "is not a known user: " + id);
			return null;
		}
		UserSummary u = user.get();
		checks.require(u.enabled(), "assigneeId", u.username() + " is disabled");
		checks.require(u.roles().contains(Role.SAFETY), "assigneeId", u.username() + " is not in trust & safety");
		checks.require(u.isAdmin() || regionCode != null && u.regions().contains(regionCode), "assigneeId",
				regionCode == null ? "the creator has no region yet; only an admin can take this case"
						: u.username() + " does not work in the case's region " + regionCode);
		return id;
	}

	private static Object[] parseKey(Cursor cursor) {
		String[] parts = cursor.key().split("\\|", 2);
		try {
			int severity = Integer.parseInt(parts[0]);
			return new Object[] { 3 - severity, Timestamp.from(Cursor.instant(parts.length > 1 ? parts[1] : null)) };
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException("cursor", "is not a cursor issued by this server; start again without it");
		}
	}

	// ---- mapping -------------------------------------------------------------------------------------

	private SafetyCase row(ResultSet rs, int n) throws SQLException {
		long assignee = rs.getLong("assignee_user_id");
		Long assigneeId = rs.wasNull() ? null : assignee;
		return new SafetyCase(rs.getLong("id"), rs.getString("creator_id"), rs.getString("handle"), rs.getString("region_code"),
				rs.getString("category_code"), rs.getString("category_name"), CaseStatus.valueOf(rs.getString("status")),
				Severity.valueOf(rs.getString("severity")), rs.getInt("report_count"), instant(rs, "opened_at"), instant(rs, "last_report_at"),
				rs.getString("stream_id"), assigneeId, null, instant(rs, "first_action_at"), instant(rs, "closed_at"),
				rs.getObject("ticket_id") == null ? null : rs.getLong("ticket_id"), instant(rs, "updated_at"));
	}

	/** Fills in assignee names: only the assignees of these rows, never the whole user table. */
	private List<SafetyCase> named(List<SafetyCase> rows) {
		Map<Long, String> names = new HashMap<>();
		rows.stream()
			.map(SafetyCase::assigneeId)
			.filter(java.util.Objects::nonNull)
			.distinct()
			.forEach(id -> users.find(id).ifPresent(u -> names.put(id, u.displayName())));
		List<SafetyCase> named = new ArrayList<>(rows.size());
		for (SafetyCase c : rows) {
			named.add(c.assigneeId() == null ? c
					: new SafetyCase(c.id(), c.creatorId(), c.creatorHandle(), c.regionCode(), c.category(), c.categoryName(), c.status(),
							c.severity(), c.reportCount(), c.openedAt(), c.lastReportAt(), c.streamId(), c.assigneeId(),
							names.getOrDefault(c.assigneeId(), "user " + c.assigneeId()), c.firstActionAt(), c.closedAt(), c.ticketId(),
							c.updatedAt()));
		}
		return named;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}
}
