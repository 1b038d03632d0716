package com.greenroom.tasks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.Cursor;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks: created by modules ({@link #create(TaskDraft)}) or people, scoped to the viewer's regions in
 * SQL (another region's task does not exist for them), and changed only by those with the right: the
 * owner, a regional lead of the task's region or an admin; anyone with the owner role in the region may
 * claim an unclaimed task. Every change is audited.
 */
@Service
public class Tasks {

	public static final String MANUAL = "MANUAL";

	private static final int MAX_BULK = 500;

	private static final String COLUMNS = """
			id, title, source_type, source_id, source_url, creator_id, region_code, owner_user_id, owner_role, due_at, status,
			skip_reason, completion_note, completed_by, completed_at, created_by, created_at, updated_at""";

	private static final String SCOPED_FILTER = """
			(cast(:regions as text[]) is null or region_code = any(cast(:regions as text[])))
			and (cast(:region as text) is null or region_code = :region)
			and (cast(:owner as bigint) is null or owner_user_id = :owner)
			and (not :unclaimed or owner_user_id is null)
			and (cast(:claimableRoles as text[]) is null or (owner_user_id is null and owner_role = any(cast(:claimableRoles as text[]))))
			and (cast(:status as text) is null or status = :status)
			and (cast(:creatorId as text) is null or creator_id = :creatorId)
			and (cast(:dueFrom as timestamptz) is null or due_at >= :dueFrom)
			and (cast(:dueTo as timestamptz) is null or due_at < :dueTo)""";

	private final JdbcClient jdbc;

	private final Users users;

	private final Regions regions;

	private final Creators creators;

	private final AuditLog audit;

	private final Clock clock;

	Tasks(JdbcClient jdbc, Users users, Regions regions, Creators creators, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.regions = regions;
		this.creators = creators;
		this.audit = audit;
		this.clock = clock;
	}

	// ---- creating ------------------------------------------------------------------------------------

	/** Creates a task on behalf of a module (joins the caller's transaction); the draft is validated. */
	@Transactional
	public Task create(TaskDraft draft) {
		Checks checks = new Checks();
		checks.text(draft.title(), "title", 200);
		checks.require(draft.sourceType() != null && draft.sourceType().matches("^[A-Z][A-Z0-9_]{1,39}$"), "sourceType",
				"must be 2 to 40 upper-case letters, digits or underscores");
		checks.optionalText(draft.sourceId(), "sourceId", 200);
		checkUrl(draft.sourceUrl(), checks);
		checks.require(regions.exists(draft.regionCode()), "region", "is not a known region: " + draft.regionCode());
		checks.require(draft.dueAt() != null, "dueAt", "is required (an RFC 3339 timestamp)");
		checks.require(draft.ownerId() != null || draft.ownerRole() != null, "ownerId", "name an owner (ownerId) or an owner role (ownerRole)");
		Role role = draft.ownerRole() == null ? null : parseRole(draft.ownerRole(), "ownerRole", checks);
		checks.throwIfAny();
		if (draft.ownerId() != null) {
			checkOwner(draft.ownerId(), draft.regionCode(), "ownerId");
		}
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into task (title, source_type, source_id, source_url, creator_id, region_code, owner_user_id, owner_role, due_at,
				                  created_by, created_at, updated_at)
				values (:title, :sourceType, :sourceId, :sourceUrl, :creatorId, :region, :owner, :role, :due, :by, :now, :now) returning id""")
			.param("title", draft.title().strip())
			.param("sourceType", draft.sourceType())
			.param("sourceId", draft.sourceId())
			.param("sourceUrl", Checks.blankToNull(draft.sourceUrl()))
			.param("creatorId", draft.creatorId())
			.param("region", draft.regionCode())
			.param("owner", draft.ownerId())
			.param("role", role == null ? null : role.name())
			.param("due", Timestamp.from(draft.dueAt()))
			.param("by", currentActor())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		Task created = find(id).orElseThrow();
		audit.record("task", id, "created", created.regionCode(), null, created);
		return created;
	}

	/** A to-do a person adds by hand; owner defaults to them, region to the creator's. */
	@Transactional
	public Task createManual(Viewer viewer, ManualTask manual) {
		if (!viewer.isAdmin() && !viewer.has(Role.REGIONAL_LEAD) && !viewer.has(Role.CREATOR_MANAGER)) {
			throw new AccessDeniedException("Only admins, regional leads and creator managers add tasks");
		}
		String region = Checks.blankToNull(manual.region());
		if (manual.creatorId() != null && !manual.creatorId().isBlank()) {
			Creator creator = creators.get(viewer, manual.creatorId());
			if (region != null && !region.equals(creator.regionCode())) {
				throw new InvalidInputException("region", "differs from the creator's region " + creator.regionCode());
			}
			region = creator.regionCode();
		}
		if (region == null) {
			throw new InvalidInputException("region", "is required when no creatorId is given");
		}
		if (!viewer.canSee(region)) {
			throw new InvalidInputException("region", "is not one of your regions: " + region);
		}
		Long owner = manual.ownerId() == null && manual.ownerRole() == null ? Long.valueOf(viewer.userId()) : manual.ownerId();
		return create(new TaskDraft(manual.title(), MANUAL, null, manual.sourceUrl(), Checks.blankToNull(manual.creatorId()), region, owner,
				manual.ownerRole(), manual.dueAt()));
	}

	// ---- reading -------------------------------------------------------------------------------------

	/** The task if the viewer may see its region; otherwise 404. */
	public Task get(Viewer viewer, long id) {
		return find(id).filter(t -> viewer.canSee(t.regionCode())).orElseThrow(() -> new NotFoundException("Task", id));
	}

	/** Unscoped lookup for modules (onboarding reads its step tasks back). */
	public Optional<Task> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from task where id = :id").param("id", id).query(mapper(names())).optional();
	}

	/** Unscoped lookup of many tasks by id, for modules. */
	public Map<Long, Task> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("select " + COLUMNS + " from task where id = any(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query(mapper(names()))
			.list()
			.stream()
			.collect(Collectors.toMap(Task::id, t -> t));
	}

	/** A creator's done and skipped tasks, most recently resolved first (unscoped: the timeline checked the scope). */
	List<Task> resolvedFor(String creatorId) {
		return jdbc.sql("select " + COLUMNS + " from task where creator_id = :creator and status <> 'OPEN' and completed_at is not null"
				+ " order by completed_at desc, id desc limit 500")
			.param("creator", creatorId)
			.query(mapper(names()))
			.list();
	}

	/** One page of tasks, ordered by due time; {@code due} sections are computed in {@code zone} at {@code now}. */
	public PageOf<Task> search(Viewer viewer, TaskQuery query, ZoneId zone, Instant now, String cursor, int limit) {
		Map<String, Object> params = filterParams(viewer, query, new DueWindow(now, zone));
		Optional<Cursor> after = Cursor.parse(cursor);
		params.put("afterKey", after.map(c -> parseCursorKey(c.key())).orElse(null));
		params.put("afterId", after.map(Cursor::id).orElse(0L));
		params.put("limit", limit + 1);
		List<Task> rows = jdbc.sql("select " + COLUMNS + " from task where " + SCOPED_FILTER + """
				 and (cast(:afterKey as timestamptz) is null or (due_at, id) > (cast(:afterKey as timestamptz), :afterId))
				order by due_at, id limit :limit""")
			.params(params)
			.query(mapper(names(), now))
			.list();
		return PageOf.fromOverfetch(rows, limit, t -> new Cursor(t.dueAt().toString(), t.id()));
	}

	/**
	 * The viewer's day: their open tasks by section, and unclaimed tasks they could claim (their roles,
	 * their regions) that are overdue or due within the window.
	 */
	public Today today(Viewer viewer, ZoneId zone, Instant now) {
		DueWindow window = new DueWindow(now, zone);
		Map<String, Object> params = emptyParams(viewer);
		params.put("owner", viewer.userId());
		params.put("status", TaskStatus.OPEN.name());
		params.put("dueTo", Timestamp.from(window.endOfUpcoming()));
		List<Task> mine = jdbc.sql("select " + COLUMNS + " from task where " + SCOPED_FILTER + " order by due_at, id limit 1000")
			.params(params)
			.query(mapper(names(), now))
			.list();
		Map<String, Object> claimable = emptyParams(viewer);
		claimable.put("claimableRoles", viewer.roles().stream().map(Role::name).toArray(String[]::new));
		claimable.put("status", TaskStatus.OPEN.name());
		claimable.put("dueTo", Timestamp.from(window.endOfUpcoming()));
		List<Task> unclaimed = jdbc.sql("select " + COLUMNS + " from task where " + SCOPED_FILTER + " order by due_at, id limit 200")
			.params(claimable)
			.query(mapper(names(), now))
			.list();
		Map<DueWindow.Section, List<Task>> sections = new LinkedHashMap<>();
		for (DueWindow.Section section : List.of(DueWindow.Section.OVERDUE, DueWindow.Section.TODAY, DueWindow.Section.UPCOMING)) {
			sections.put(section, mine.stream().filter(t -> window.sectionOf(t.dueAt()) == section).toList());
		}
		return new Today(window, sections.get(DueWindow.Section.OVERDUE), sections.get(DueWindow.Section.TODAY),
				sections.get(DueWindow.Section.UPCOMING), unclaimed);
	}

	/** A region's open tasks grouped by owner (unclaimed tasks grouped by role), with counts. Leads and admins only. */
	public List<OwnerLoad> board(Viewer viewer, String regionCode, ZoneId zone, Instant now) {
		if (!viewer.isAdmin() && !(viewer.has(Role.REGIONAL_LEAD) && viewer.regions().contains(regionCode))) {
			throw new AccessDeniedException("Only the region's leads and admins see its board");
		}
		DueWindow window = new DueWindow(now, zone);
		Map<String, Object> params = emptyParams(viewer);
		params.put("region", regionCode);
		params.put("status", TaskStatus.OPEN.name());
		List<Task> open = jdbc.sql("select " + COLUMNS + " from task where " + SCOPED_FILTER + " order by due_at, id limit 5000")
			.params(params)
			.query(mapper(names(), now))
			.list();
		Map<String, List<Task>> byOwner = new LinkedHashMap<>();
		for (Task task : open) {
			String key = task.ownerId() != null ? "user:" + task.ownerId() : "role:" + task.ownerRole();
			byOwner.computeIfAbsent(key, k -> new ArrayList<>()).add(task);
		}
		List<OwnerLoad> loads = new ArrayList<>();
		byOwner.forEach((key, tasks) -> {
			Task first = tasks.get(0);
			String label = first.ownerId() != null ? first.ownerName()
					: "Unclaimed · " + Role.parse(first.ownerRole()).map(Role::label).orElse(first.ownerRole());
			long overdue = tasks.stream().filter(t -> window.sectionOf(t.dueAt()) == DueWindow.Section.OVERDUE).count();
			long today = tasks.stream().filter(t -> window.sectionOf(t.dueAt()) == DueWindow.Section.TODAY).count();
			loads.add(new OwnerLoad(first.ownerId(), first.ownerId() == null ? first.ownerRole() : null, label, tasks.size(), overdue, today,
					tasks));
		});
		loads.sort((a, b) -> a.ownerId() == null && b.ownerId() != null ? 1 : a.ownerId() != null && b.ownerId() == null ? -1
				: Long.compare(b.overdue(), a.overdue()) != 0 ? Long.compare(b.overdue(), a.overdue()) : a.label().compareTo(b.label()));
		return loads;
	}

	/** Counts for the home page: the viewer's open tasks overdue and due today. */
	public long[] countsForHome(Viewer viewer, ZoneId zone, Instant now) {
		Today today = today(viewer, zone, now);
		return new long[] { today.overdue().size(), today.dueToday().size() };
	}

	/**
	 * The viewer's time zone for "today": an explicit {@code tz} wins, else the user's own zone, else
	 * their first region's (by code), else UTC.
	 */
	public ZoneId zoneOf(Viewer viewer, String explicit) {
		if (explicit != null && !explicit.isBlank()) {
			if (!Checks.isTimeZone(explicit)) {
				throw new InvalidInputException("tz", "must be an IANA time zone such as Asia/Singapore");
			}
			return ZoneId.of(explicit);
		}
		return users.timeZoneOf(viewer);
	}

	// ---- changing ------------------------------------------------------------------------------------

	@Transactional
	public Task claim(Viewer viewer, long id) {
		Task before = lockVisible(viewer, id);
		requireOpen(before, "claimed", "status");
		if (Objects.equals(before.ownerId(), viewer.userId())) {
			return before;
		}
		if (before.ownerId() != null) {
			throw new ConflictException("owner", "Task " + id + " is already claimed by " + before.ownerName());
		}
		boolean hasRole = Role.parse(before.ownerRole()).map(viewer::has).orElse(false);
		if (!hasRole && !leadsOrAdmin(viewer, before.regionCode())) {
			throw new AccessDeniedException("Only someone with the role " + before.ownerRole() + " in " + before.regionCode() + " may claim it");
		}
		return change(before, "claimed", "owner_user_id = :user", Map.of("user", viewer.userId()));
	}

	@Transactional
	public Task complete(Viewer viewer, long id, String note) {
		new Checks().optionalText(note, "note", 2000).throwIfAny();
		Task before = lockVisible(viewer, id);
		requireOpen(before, "completed", "status");
		requireRight(viewer, before);
		Map<String, Object> params = new HashMap<>();
		params.put("user", viewer.userId());
		params.put("note", Checks.blankToNull(note));
		params.put("at", Timestamp.from(clock.instant()));
		return change(before, "completed", """
				status = 'DONE', completion_note = :note, completed_by = :user, completed_at = :at,
				owner_user_id = coalesce(owner_user_id, :user)""", params);
	}

	@Transactional
	public Task skip(Viewer viewer, long id, String reason) {
		new Checks().text(reason, "reason", 2000).throwIfAny();
		Task before = lockVisible(viewer, id);
		requireOpen(before, "skipped", "status");
		requireRight(viewer, before);
		Map<String, Object> params = new HashMap<>();
		params.put("user", viewer.userId());
		params.put("reason", reason.strip());
		params.put("at", Timestamp.from(clock.instant()));
		return change(before, "skipped", """
				status = 'SKIPPED', skip_reason = :reason, completed_by = :user, completed_at = :at,
				owner_user_id = coalesce(owner_user_id, :user)""", params);
	}

	/** Hands a task to a user of its region, or back to a role's pool ({@code ownerRole}). */
	@Transactional
	public Task reassign(Viewer viewer, long id, Long ownerId, String ownerRole) {
		Checks checks = new Checks();
		checks.require(ownerId != null ^ (ownerRole != null && !ownerRole.isBlank()), "ownerId",
				"name either a new owner (ownerId) or a role to put the task back to (ownerRole)");
		Role role = ownerRole == null || ownerRole.isBlank() ? null : parseRole(ownerRole, "ownerRole", checks);
		checks.throwIfAny();
		Task before = lockVisible(viewer, id);
		requireOpen(before, "reassigned", "status");
		requireRight(viewer, before);
		if (ownerId != null) {
			checkOwner(ownerId, before.regionCode(), "ownerId");
			Map<String, Object> params = new HashMap<>();
			params.put("user", ownerId);
			return change(before, "reassigned", "owner_user_id = :user", params);
		}
		return change(before, "reassigned", "owner_user_id = null, owner_role = :role", Map.of("role", role.name()));
	}

	/** Applies one action to many tasks: all of them, or (on the first refusal) none. */
	@Transactional
	public List<Task> bulk(Viewer viewer, BulkAction action) {
		if (action.ids() == null || action.ids().isEmpty()) {
			throw new InvalidInputException("ids", "select at least one task");
		}
		if (action.ids().size() > MAX_BULK) {
			throw new InvalidInputException("ids", "at most " + MAX_BULK + " tasks at a time");
		}
		String verb = action.action() == null ? "" : action.action().strip().toLowerCase(Locale.ROOT);
		Checks checks = new Checks();
		checks.require(List.of("claim", "complete", "skip", "reassign").contains(verb), "action", "must be claim, complete, skip or reassign");
		if (verb.equals("skip")) {
			checks.text(action.reason(), "reason", 2000);
		}
		checks.throwIfAny();
		List<Task> changed = new ArrayList<>();
		List<Long> ids = action.ids().stream().distinct().toList();
		for (int i = 0; i < ids.size(); i++) {
			long id = ids.get(i);
			try {
				changed.add(switch (verb) {
					case "claim" -> claim(viewer, id);
					case "complete" -> complete(viewer, id, action.note());
					case "skip" -> skip(viewer, id, action.reason());
					default -> reassign(viewer, id, action.ownerId(), action.ownerRole());
				});
			}
			catch (ConflictException ex) {
				throw new ConflictException("ids[" + i + "]", ex.getMessage() + "; nothing was changed");
			}
			catch (AccessDeniedException ex) {
				throw new AccessDeniedException("Task " + id + ": " + ex.getMessage() + "; nothing was changed", ex);
			}
		}
		return changed;
	}

	// ---- rules ---------------------------------------------------------------------------------------

	/** Whether the viewer may complete, skip or reassign the task. */
	public boolean mayChange(Viewer viewer, Task task) {
		if (leadsOrAdmin(viewer, task.regionCode()) || Objects.equals(task.ownerId(), viewer.userId())) {
			return true;
		}
		return task.ownerId() == null && viewer.canSee(task.regionCode()) && Role.parse(task.ownerRole()).map(viewer::has).orElse(false);
	}

	private static boolean leadsOrAdmin(Viewer viewer, String regionCode) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) && viewer.regions().contains(regionCode);
	}

	private void requireRight(Viewer viewer, Task task) {
		if (!mayChange(viewer, task)) {
			throw new AccessDeniedException("Only the task's owner, a regional lead of " + task.regionCode() + " or an admin may change it");
		}
	}

	private static void requireOpen(Task task, String verb, String field) {
		if (!task.open()) {
			throw new ConflictException(field, "Task " + task.id() + " is " + task.status() + " and cannot be " + verb);
		}
	}

	private Task lockVisible(Viewer viewer, long id) {
		jdbc.sql("select id from task where id = :id for update").param("id", id).query(Long.class).optional();
		return get(viewer, id);
	}

	private Task change(Task before, String action, String set, Map<String, Object> params) {
		Map<String, Object> all = new HashMap<>(params);
		all.put("id", before.id());
		all.put("now", Timestamp.from(clock.instant()));
		jdbc.sql("update task set " + set + ", updated_at = :now where id = :id").params(all).update();
		Task after = find(before.id()).orElseThrow();
		audit.record("task", before.id(), action, before.regionCode(), before, after);
		return after;
	}

	/** Whether a user could own a task in the region (enabled, a person, working there). */
	public boolean canOwn(long userId, String regionCode) {
		try {
			checkOwner(userId, regionCode, "ownerId");
			return true;
		}
		catch (InvalidInputException ex) {
			return false;
		}
	}

	private void checkOwner(long ownerId, String regionCode, String field) {
		UserSummary owner = users.find(ownerId).orElseThrow(() -> new InvalidInputException(field, "is not a known user: " + ownerId));
		if (!owner.enabled()) {
			throw new InvalidInputException(field, owner.username() + " is disabled");
		}
		if (!owner.isAdmin() && !owner.regions().contains(regionCode)) {
			throw new InvalidInputException(field, owner.username() + " does not work in region " + regionCode);
		}
		if (owner.roles().equals(List.of(Role.INTEGRATION))) {
			throw new InvalidInputException(field, owner.username() + " is an integration, not a person");
		}
	}

	/** A role that can own work: any but INTEGRATION. */
	static Role parseRole(String value, String field, Checks checks) {
		Optional<Role> role = Role.parse(value == null ? "" : value.strip()).filter(r -> r != Role.INTEGRATION);
		checks.require(role.isPresent(), field, "is not a role that owns work; use one of "
				+ Arrays.stream(Role.values()).filter(r -> r != Role.INTEGRATION).map(Role::name).toList());
		return role.orElse(null);
	}

	private static void checkUrl(String url, Checks checks) {
		if (url != null && !url.isBlank()) {
			checks.require(url.length() <= 500 && (url.startsWith("/") && !url.startsWith("//") || url.startsWith("https://")
					|| url.startsWith("http://")), "sourceUrl", "must be a path in Greenroom (/...) or an http(s) URL");
		}
	}

	private Map<String, Object> filterParams(Viewer viewer, TaskQuery query, DueWindow window) {
		Map<String, Object> params = emptyParams(viewer);
		Checks checks = new Checks();
		String owner = Checks.blankToNull(query.owner());
		if (owner != null) {
			if (owner.equals("me")) {
				params.put("owner", viewer.userId());
			}
			else if (owner.equals("unclaimed")) {
				params.put("unclaimed", true);
			}
			else if (owner.matches("^\\d{1,18}$")) {
				params.put("owner", Long.valueOf(owner));
			}
			else {
				checks.require(false, "owner", "must be me, unclaimed or a user id");
			}
		}
		String status = Checks.blankToNull(query.status());
		if (status != null) {
			checks.require(Arrays.stream(TaskStatus.values()).anyMatch(s -> s.name().equalsIgnoreCase(status)), "status",
					"must be OPEN, DONE or SKIPPED");
			params.put("status", status.toUpperCase(Locale.ROOT));
		}
		String due = Checks.blankToNull(query.due());
		if (due != null) {
			DueWindow.Section section = switch (due.toLowerCase(Locale.ROOT)) {
				case "overdue" -> DueWindow.Section.OVERDUE;
				case "today" -> DueWindow.Section.TODAY;
				case "upcoming" -> DueWindow.Section.UPCOMING;
				default -> null;
			};
			checks.require(section != null, "due", "must be overdue, today or upcoming");
			checks.require(status == null || status.equalsIgnoreCase("OPEN"), "due", "applies to open tasks only; leave status out");
			if (section != null) {
				Instant[] bounds = window.bounds(section);
				params.put("dueFrom", bounds[0] == null ? null : Timestamp.from(bounds[0]));
				params.put("dueTo", bounds[1] == null ? null : Timestamp.from(bounds[1]));
				params.put("status", TaskStatus.OPEN.name());
			}
		}
		params.put("region", Checks.blankToNull(query.region()));
		params.put("creatorId", Checks.blankToNull(query.creatorId()));
		checks.throwIfAny();
		return params;
	}

	private static Map<String, Object> emptyParams(Viewer viewer) {
		Map<String, Object> params = new HashMap<>();
		params.put("regions", viewer.regionFilter());
		params.put("region", null);
		params.put("owner", null);
		params.put("unclaimed", false);
		params.put("claimableRoles", null);
		params.put("status", null);
		params.put("creatorId", null);
		params.put("dueFrom", null);
		params.put("dueTo", null);
		return params;
	}

	private static Timestamp parseCursorKey(String key) {
		try {
			return Timestamp.from(Instant.parse(key));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("cursor", "is not a cursor issued by this server; start again without it");
		}
	}

	private Map<Long, String> names() {
		return users.all().stream().collect(Collectors.toMap(UserSummary::id, UserSummary::displayName, (a, b) -> a));
	}

	private org.springframework.jdbc.core.RowMapper<Task> mapper(Map<Long, String> names) {
		return mapper(names, clock.instant());
	}

	private static org.springframework.jdbc.core.RowMapper<Task> mapper(Map<Long, String> names, Instant now) {
		return (rs, n) -> map(rs, names, now);
	}

	private static Task map(ResultSet rs, Map<Long, String> names, Instant now) throws SQLException {
		Long owner = longOrNull(rs, "owner_user_id");
		Long completedBy = longOrNull(rs, "completed_by");
		Timestamp completedAt = rs.getTimestamp("completed_at");
		Instant due = rs.getTimestamp("due_at").toInstant();
		TaskStatus status = TaskStatus.valueOf(rs.getString("status"));
		return new Task(rs.getLong("id"), rs.getString("title"), rs.getString("source_type"), rs.getString("source_id"),
				rs.getString("source_url"), rs.getString("creator_id"), rs.getString("region_code"), owner,
				owner == null ? null : names.get(owner), rs.getString("owner_role"), due, status, rs.getString("skip_reason"),
				rs.getString("completion_note"), completedBy, completedBy == null ? null : names.get(completedBy),
				completedAt == null ? null : completedAt.toInstant(), status == TaskStatus.OPEN && due.isBefore(now),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	private static Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() ? "system" : authentication.getName();
	}


	// ---- shapes --------------------------------------------------------------------------------------

	/** A to-do added by a person. */
	public record ManualTask(String title, String creatorId, String region, Long ownerId, String ownerRole, Instant dueAt,
			String sourceUrl) {
	}

	/** One action on many tasks: {@code claim}, {@code complete} (optional note), {@code skip} (reason) or {@code reassign}. */
	public record BulkAction(List<Long> ids, String action, String note, String reason, Long ownerId, String ownerRole) {
	}

	/** A user's day in sections, plus the unclaimed work they could pick up. */
	public record Today(DueWindow window, List<Task> overdue, List<Task> dueToday, List<Task> upcoming, List<Task> claimable) {
	}

	/** One owner's open work in a region. */
	public record OwnerLoad(Long ownerId, String ownerRole, String label, long open, long overdue, long dueToday, List<Task> tasks) {
	}
}
