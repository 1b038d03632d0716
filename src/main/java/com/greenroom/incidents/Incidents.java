package com.greenroom.incidents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.playbooks.ChangeRequestDraft;
import com.greenroom.playbooks.Playbooks;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.Cursor;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskDraft;
import com.greenroom.tasks.TaskSource;
import com.greenroom.tasks.Tasks;
import com.greenroom.tickets.Ticket;
import com.greenroom.tickets.Tickets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declares, reads and changes incidents. A user sees an incident touching one of their regions (admins all), in
 * SQL; every change is audited and written to the incident's timeline in the same transaction; bad input is
 * refused naming the field before anything is written.
 */
@Service
public class Incidents {

	/** Task source of a lesson's task. */
	public static final String LESSON_SOURCE = "INCIDENT_LESSON";

	static final Pattern PLAYBOOK_KEY = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

	/** Lesson tasks are due a week after the lesson is recorded. */
	static final Duration LESSON_DUE = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Users users;

	private final Tasks tasks;

	private final AuditLog audit;

	private final Clock clock;

	private final Tickets tickets;

	private final Playbooks playbooks;

	private final IncidentNotices notices;

	Incidents(JdbcClient jdbc, Regions regions, Users users, Tasks tasks, Tickets tickets, Playbooks playbooks, AuditLog audit, Clock clock,
			IncidentNotices notices) {
		this.notices = notices;
		this.tickets = tickets;
		this.playbooks = playbooks;
		this.jdbc = jdbc;
		this.regions = regions;
		this.users = users;
		this.tasks = tasks;
		this.audit = audit;
		this.clock = clock;
	}

	// ---- reading -------------------------------------------------------------------------------------

	/** Incidents the viewer may see, latest declared first, optionally by status, severity and region. */
	public PageOf<Incident> list(Viewer viewer, String status, String severity, String region, String cursor, int limit) {
		IncidentStatus wantedStatus = status == null || status.isBlank() ? null : parse(IncidentStatus.class, status, "status");
		Severity wantedSeverity = severity == null || severity.isBlank() ? null : parse(Severity.class, severity, "severity");
		String wantedRegion = region == null || region.isBlank() ? null : region.strip();
		if (wantedRegion != null && !regions.exists(wantedRegion)) {
			throw new InvalidInputException("region", "is not a known region: " + wantedRegion);
		}
		Optional<Cursor> after = Cursor.parse(cursor);
		Instant afterAt = after.map(Cursor::instantKey).orElse(null);
		List<Incident> rows = jdbc.sql(SELECT + """
				 where (cast(:regions as text[]) is null or exists (select 1 from incident_region r
				        where r.incident_id = i.id and r.region_code = any(cast(:regions as text[]))))
				   and (cast(:region as text) is null or exists (select 1 from incident_region r
				        where r.incident_id = i.id and r.region_code = cast(:region as text)))
				   and (cast(:status as text) is null or i.status = cast(:status as text))
				   and (cast(:severity as text) is null or i.severity = cast(:severity as text))
				   and (cast(:afterAt as timestamptz) is null or (i.declared_at, i.id) < (cast(:afterAt as timestamptz), :afterId))
				order by i.declared_at desc, i.id desc limit :limit""")
			.param("regions", viewer.regionFilter())
			.param("region", wantedRegion)
			.param("status", wantedStatus == null ? null : wantedStatus.name())
			.param("severity", wantedSeverity == null ? null : wantedSeverity.name())
			.param("afterAt", afterAt == null ? null : Timestamp.from(afterAt))
			.param("afterId", after.map(Cursor::id).orElse(0L))
			.param("limit", limit + 1)
			.query(Incidents::incident)
			.list();
		return PageOf.fromOverfetch(rows, limit, i -> new Cursor(i.declaredAt().toString(), i.id()));
	}

	/** One incident with its timeline and lessons; 404 when it does not exist or touches none of the viewer's regions. */
	public Incident get(Viewer viewer, long id) {
		Incident incident = visible(viewer, id);
		return incident.withDetails(timeline(id), lessons(id));
	}

	// ---- changing ------------------------------------------------------------------------------------

	/** Declares an incident; the declarer must see every region it names. */
	@Transactional
	public Incident declare(Viewer viewer, IncidentDraft draft) {
		Checks checks = new Checks();
		checks.text(draft.title(), "title", 200);
		checks.optionalText(draft.summary(), "summary", 5000);
		checks.throwIfAny();
		Severity severity = parseRequired(Severity.class, draft.severity(), "severity");
		List<Ticket> from = ticketsOf(viewer, draft.ticketIds());
		List<String> codes = regionsOf(viewer, draft.regions() == null || draft.regions().isEmpty()
				? from.stream().map(Ticket::region).distinct().toList() : draft.regions(), "regions");
		long ownerId = draft.ownerId() == null ? viewer.userId() : draft.ownerId();
		checkOwner(ownerId, codes);
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into incident (title, severity, status, owner_id, declared_by, declared_at, updated_at)
				values (:title, :severity, 'INVESTIGATING', :owner, :by, :now, :now) returning id""")
			.param("title", draft.title().strip())
			.param("severity", severity.name())
			.param("owner", ownerId)
			.param("by", viewer.username())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		for (String code : codes) {
			jdbc.sql("insert into incident_region (incident_id, region_code) values (:id, :code)").param("id", id).param("code", code).update();
		}
		for (Ticket ticket : from) {
			jdbc.sql("insert into incident_ticket (incident_id, ticket_id) values (:id, :ticket)").param("id", id).param("ticket", ticket.id())
				.update();
		}
		String summary = Checks.blankToNull(draft.summary());
		long declaredEntry = entry(id, viewer.username(), now, "DECLARED",
				severity + " declared in " + String.join(", ", codes) + (summary == null ? "" : ": " + summary.strip())
						+ (from.isEmpty() ? ""
								: " (from tickets " + from.stream().map(t -> "#" + t.id()).reduce((a, b) -> a + ", " + b).orElse("") + ")"));
		Incident declared = find(id).orElseThrow();
		audit.record("incident", id, "declared", codes.get(0), null, snapshot(declared));
		notices.declared(declared, viewer.username(), declaredEntry);
		return declared.withDetails(timeline(id), lessons(id));
	}

	/**
	 * Changes title, severity, owner, outcome or status; the lifecycle is enforced (investigating → mitigated →
	 * resolved, mitigated back to investigating), and resolving needs an outcome.
	 */
	@Transactional
	public Incident update(Viewer viewer, long id, IncidentChanges changes) {
		Incident before = lockVisible(viewer, id);
		Checks checks = new Checks();
		if (changes.title() != null) {
			checks.text(changes.title(), "title", 200);
		}
		checks.optionalText(changes.outcome(), "outcome", 5000);
		checks.throwIfAny();
		Severity severity = changes.severity() == null ? before.severity() : parse(Severity.class, changes.severity(), "severity");
		IncidentStatus status = changes.status() == null ? before.status() : parse(IncidentStatus.class, changes.status(), "status");
		if (status != before.status() && !before.status().canMoveTo(status)) {
			throw new ConflictException("status", "an incident " + before.status().name().toLowerCase(Locale.ROOT) + " cannot become "
					+ status.name().toLowerCase(Locale.ROOT) + (before.status().next().isEmpty() ? ""
							: "; it can become " + before.status().next().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList()));
		}
		String outcome = changes.outcome() == null ? before.outcome() : Checks.blankToNull(changes.outcome());
		if (status == IncidentStatus.RESOLVED && outcome == null) {
			throw new InvalidInputException("outcome", "is required to resolve an incident: what happened and how it ended");
		}
		Long ownerId = changes.ownerId() == null ? before.ownerId() : changes.ownerId();
		if (changes.ownerId() != null && !changes.ownerId().equals(before.ownerId())) {
			checkOwner(changes.ownerId(), before.regions());
		}
		String title = changes.title() == null ? before.title() : changes.title().strip();
		Instant now = clock.instant();
		jdbc.sql("""
				update incident set title = :title, severity = :severity, status = :status, owner_id = :owner, outcome = :outcome,
				       mitigated_at = case when :status = 'MITIGATED' and status <> 'MITIGATED' then :now else mitigated_at end,
				       resolved_at = case when :status = 'RESOLVED' then coalesce(resolved_at, :now) else null end,
				       updated_at = :now
				where id = :id""")
			.param("title", title)
			.param("severity", severity.name())
			.param("status", status.name())
			.param("owner", ownerId)
			.param("outcome", outcome)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
		String author = viewer.username();
		if (!title.equals(before.title())) {
			entry(id, author, now, "TITLE", "Title: " + title);
		}
		Long severityEntry = severity == before.severity() ? null
				: entry(id, author, now, "SEVERITY", "Severity " + before.severity() + " → " + severity);
		if (ownerId != null && !ownerId.equals(before.ownerId())) {
			entry(id, author, now, "OWNER", "Owner: " + users.find(ownerId).map(UserSummary::displayName).orElse("user " + ownerId));
		}
		if (outcome != null && !outcome.equals(before.outcome())) {
			entry(id, author, now, "OUTCOME", "Outcome: " + outcome);
		}
		Long statusEntry = status == before.status() ? null
				: entry(id, author, now, "STATUS", "Status " + label(before.status()) + " → " + label(status));
		Incident after = find(id).orElseThrow();
		audit.record("incident", id, "updated", after.regions().get(0), snapshot(before), snapshot(after));
		if (severityEntry != null) {
			notices.severityChanged(after, before.severity(), author, severityEntry);
		}
		if (statusEntry != null && status == IncidentStatus.RESOLVED) {
			notices.resolved(after, author, statusEntry);
		}
		return after.withDetails(timeline(id), lessons(id));
	}

	/** Adds a note to the timeline. */
	@Transactional
	public Incident.Entry addEntry(Viewer viewer, long id, String text) {
		Incident incident = lockVisible(viewer, id);
		new Checks().text(text, "text", 5000).throwIfAny();
		Instant now = clock.instant();
		long entryId = entry(id, viewer.username(), now, "NOTE", text.strip());
		touch(id, now);
		audit.record("incident_entry", entryId, "added", incident.regions().get(0), null, Map.of("incidentId", id, "text", text.strip()));
		return new Incident.Entry(entryId, viewer.username(), now, "NOTE", text.strip());
	}

	/**
	 * Records a lesson naming the playbook it should change; in each of its regions (default: all the incident's)
	 * it becomes a task for the region's lead: the one regional lead there, or up for grabs among several (or
	 * for whoever becomes lead when there is none).
	 */
	@Transactional
	public Incident.Lesson addLesson(Viewer viewer, long id, LessonDraft draft) {
		Incident incident = lockVisible(viewer, id);
		Checks checks = new Checks();
		checks.text(draft.text(), "text", 2000);
		checks.require(draft.playbookKey() != null && PLAYBOOK_KEY.matcher(draft.playbookKey().strip()).matches(), "playbookKey",
				"must name the playbook to change: 1 to 64 lower-case letters, digits, '.', '_' or '-'");
		checks.throwIfAny();
		if (!playbooks.exists(draft.playbookKey().strip())) {
			throw new InvalidInputException("playbookKey", "is not a playbook: " + draft.playbookKey().strip());
		}
		List<String> lessonRegions;
		if (draft.regions() == null || draft.regions().isEmpty()) {
			lessonRegions = incident.regions();
		}
		else {
			lessonRegions = regionsOf(viewer, draft.regions(), "regions");
			for (String code : lessonRegions) {
				if (!incident.regions().contains(code)) {
					throw new InvalidInputException("regions", code + " is not one of this incident's regions " + incident.regions());
				}
			}
		}
		Instant now = clock.instant();
		String text = draft.text().strip();
		String playbook = draft.playbookKey().strip();
		long lessonId = jdbc.sql("""
				insert into incident_lesson (incident_id, text, playbook_key, author, at) values (:id, :text, :playbook, :author, :now)
				returning id""")
			.param("id", id)
			.param("text", text)
			.param("playbook", playbook)
			.param("author", viewer.username())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		List<Incident.LessonTask> created = new ArrayList<>();
		for (String code : lessonRegions) {
			List<UserSummary> leads = users.managersIn(code).stream().filter(u -> u.roles().contains(Role.REGIONAL_LEAD)).toList();
			Long owner = leads.size() == 1 ? leads.get(0).id() : null;
			Task task = tasks.create(new TaskDraft(abbreviate("Change playbook " + playbook + " after incident #" + id + ": " + text, 200),
					new TaskSource(LESSON_SOURCE, String.valueOf(lessonId), IncidentLinks.page(id)), null, code, owner, Role.REGIONAL_LEAD,
					now.plus(LESSON_DUE)));
			long changeRequest = playbooks.requestChange(new ChangeRequestDraft(playbook, code,
					abbreviate("Lesson from incident #" + id + " (" + incident.title() + "): " + text, 2000), "INCIDENT",
					"incident:" + id + ":lesson:" + lessonId + ":" + code));
			jdbc.sql("""
					insert into incident_lesson_task (lesson_id, region_code, task_id, owner_id, change_request_id)
					values (:lesson, :code, :task, :owner, :request)""")
				.param("lesson", lessonId)
				.param("code", code)
				.param("task", task.id())
				.param("owner", owner)
				.param("request", changeRequest)
				.update();
			created.add(new Incident.LessonTask(code, task.id(), owner, changeRequest));
		}
		entry(id, viewer.username(), now, "LESSON", "Lesson for playbook " + playbook + ": " + text);
		touch(id, now);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("incidentId", id);
		after.put("text", text);
		after.put("playbookKey", playbook);
		after.put("regions", lessonRegions);
		after.put("taskIds", created.stream().map(Incident.LessonTask::taskId).toList());
		audit.record("incident_lesson", lessonId, "added", lessonRegions.get(0), null, after);
		return new Incident.Lesson(lessonId, text, playbook, lessonRegions, viewer.username(), now, created);
	}

	// ---- helpers -------------------------------------------------------------------------------------

	private Incident visible(Viewer viewer, long id) {
		return find(id).filter(i -> viewer.isAdmin() || i.regions().stream().anyMatch(viewer::canSee))
			.orElseThrow(() -> new NotFoundException("Incident", id));
	}

	private Incident lockVisible(Viewer viewer, long id) {
		jdbc.sql("select id from incident where id = :id for update").param("id", id).query(Long.class).optional();
		Incident incident = visible(viewer, id);
		if (viewer.has(Role.INTEGRATION) || (viewer.has(Role.ANALYST) && viewer.roles().size() == 1)) {
			throw new AccessDeniedException("Analysts and integrations read incidents; they do not change them");
		}
		return incident;
	}

	Optional<Incident> find(long id) {
		return jdbc.sql(SELECT + " where i.id = :id").param("id", id).query(Incidents::incident).optional();
	}

	private List<Incident.Entry> timeline(long id) {
		return jdbc.sql("select id, author, at, kind, text from incident_entry where incident_id = :id order by at, id")
			.param("id", id)
			.query((rs, n) -> new Incident.Entry(rs.getLong("id"), rs.getString("author"), rs.getTimestamp("at").toInstant(),
					rs.getString("kind"), rs.getString("text")))
			.list();
	}

	private List<Incident.Lesson> lessons(long id) {
		Map<Long, List<Incident.LessonTask>> tasksByLesson = new LinkedHashMap<>();
		jdbc.sql("""
				select t.lesson_id, t.region_code, t.task_id, t.owner_id, t.change_request_id from incident_lesson_task t
				join incident_lesson l on l.id = t.lesson_id where l.incident_id = :id order by t.lesson_id, t.region_code""")
			.param("id", id)
			.query(rs -> {
				long owner = rs.getLong("owner_id");
				Long ownerId = rs.wasNull() ? null : owner;
				long request = rs.getLong("change_request_id");
				tasksByLesson.computeIfAbsent(rs.getLong("lesson_id"), k -> new ArrayList<>())
					.add(new Incident.LessonTask(rs.getString("region_code"), rs.getLong("task_id"), ownerId, rs.wasNull() ? null : request));
			});
		return jdbc.sql("select id, text, playbook_key, author, at from incident_lesson where incident_id = :id order by id")
			.param("id", id)
			.query((rs, n) -> {
				List<Incident.LessonTask> lessonTasks = tasksByLesson.getOrDefault(rs.getLong("id"), List.of());
				return new Incident.Lesson(rs.getLong("id"), rs.getString("text"), rs.getString("playbook_key"),
						lessonTasks.stream().map(Incident.LessonTask::region).toList(), rs.getString("author"),
						rs.getTimestamp("at").toInstant(), lessonTasks);
			})
			.list();
	}

	private long entry(long incidentId, String author, Instant at, String kind, String text) {
		return jdbc.sql("insert into incident_entry (incident_id, author, at, kind, text) values (:id, :author, :at, :kind, :text) returning id")
			.param("id", incidentId)
			.param("author", author)
			.param("at", Timestamp.from(at))
			.param("kind", kind)
			.param("text", abbreviate(text, 5000))
			.query(Long.class)
			.single();
	}

	private void touch(long id, Instant now) {
		jdbc.sql("update incident set updated_at = :now where id = :id").param("now", Timestamp.from(now)).param("id", id).update();
	}

	/** The tickets an incident is declared from: each one the viewer can see, or the field is refused. */
	private List<Ticket> ticketsOf(Viewer viewer, List<Long> ids) {
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		if (ids.size() > 100) {
			throw new InvalidInputException("ticketIds", "name at most 100 tickets");
		}
		List<Ticket> found = new ArrayList<>();
		for (Long ticketId : new LinkedHashSet<>(ids)) {
			try {
				found.add(tickets.get(viewer, ticketId));
			}
			catch (NotFoundException ex) {
				throw new InvalidInputException("ticketIds", "is not a ticket you can see: " + ticketId);
			}
		}
		return found;
	}

	/** Known regions the viewer sees, deduplicated in order; at least one. */
	private List<String> regionsOf(Viewer viewer, List<String> requested, String field) {
		if (requested == null || requested.isEmpty()) {
			throw new InvalidInputException(field, "name at least one region the incident touches");
		}
		LinkedHashSet<String> codes = new LinkedHashSet<>();
		for (String code : requested) {
			if (code == null || code.isBlank() || !regions.exists(code.strip())) {
				throw new InvalidInputException(field, "is not a known region: " + code);
			}
			if (!viewer.canSee(code.strip())) {
				throw new InvalidInputException(field, "is not one of your regions: " + code.strip());
			}
			codes.add(code.strip());
		}
		return List.copyOf(codes);
	}

	private void checkOwner(long ownerId, List<String> incidentRegions) {
		UserSummary owner = users.find(ownerId).filter(UserSummary::enabled)
			.orElseThrow(() -> new InvalidInputException("ownerId", "is not an active user: " + ownerId));
		if (!owner.isAdmin() && incidentRegions.stream().noneMatch(owner.regions()::contains)) {
			throw new InvalidInputException("ownerId", owner.username() + " works in none of the incident's regions " + incidentRegions);
		}
	}

	private static <E extends Enum<E>> E parseRequired(Class<E> type, String value, String field) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, "is required: one of " + Arrays.toString(type.getEnumConstants()));
		}
		return parse(type, value, field);
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
		}
	}

	private static String label(IncidentStatus status) {
		return status.name().charAt(0) + status.name().substring(1).toLowerCase(Locale.ROOT);
	}

	private static String abbreviate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	private static Map<String, Object> snapshot(Incident incident) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("title", incident.title());
		state.put("severity", incident.severity().name());
		state.put("status", incident.status().name());
		state.put("regions", incident.regions());
		state.put("ownerId", incident.ownerId());
		state.put("outcome", incident.outcome());
		return state;
	}

	private static final String SELECT = """
			select i.*, u.display_name as owner_name,
			       array(select r.region_code from incident_region r where r.incident_id = i.id order by r.region_code) as region_codes,
			       array(select t.ticket_id from incident_ticket t where t.incident_id = i.id order by t.ticket_id) as ticket_ids
			from incident i left join app_user u on u.id = i.owner_id""";

	private static Incident incident(ResultSet rs, int row) throws SQLException {
		long owner = rs.getLong("owner_id");
		Long ownerId = rs.wasNull() ? null : owner;
		return new Incident(rs.getLong("id"), rs.getString("title"), Severity.valueOf(rs.getString("severity")),
				IncidentStatus.valueOf(rs.getString("status")), List.of((String[]) rs.getArray("region_codes").getArray()), ownerId,
				rs.getString("owner_name"), rs.getString("outcome"), List.of((Long[]) rs.getArray("ticket_ids").getArray()),
				rs.getString("declared_by"), rs.getTimestamp("declared_at").toInstant(),
				instant(rs, "mitigated_at"), instant(rs, "resolved_at"), rs.getTimestamp("updated_at").toInstant(), null, null);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}
}
