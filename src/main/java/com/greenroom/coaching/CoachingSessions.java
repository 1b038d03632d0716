package com.greenroom.coaching;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorLinks;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.Cursor;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskDraft;
import com.greenroom.tasks.TaskSource;
import com.greenroom.tasks.Tasks;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coaching sessions per creator, scoped to the viewer's regions like the creator they belong to. Logging
 * one validates everything first (coach, topics, dates), then stores the session, its follow-up task (owned
 * by the coach) and the audit entry in one transaction.
 */
@Service
public class CoachingSessions {

	/** Source type of follow-up tasks. */
	public static final String SOURCE_TYPE = "COACHING";

	/** A follow-up date is due at the end of that working day, in the creator's time zone. */
	public static final LocalTime FOLLOW_UP_TIME = LocalTime.of(17, 0);

	/** Sessions are logged after they happen; a few minutes of clock difference are forgiven. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private static final int MAX_FOLLOW_UP_DAYS = 366;

	private static final String COLUMNS = """
			id, creator_id, region_code, occurred_at, coach_user_id, topics, notes, next_step, follow_up_on, follow_up_task_id,
			created_by, created_at""";

	private final JdbcClient jdbc;

	private final Creators creators;

	private final Users users;

	private final Regions regions;

	private final Tasks tasks;

	private final CoachingTopics topics;

	private final AuditLog audit;

	private final Clock clock;

	CoachingSessions(JdbcClient jdbc, Creators creators, Users users, Regions regions, Tasks tasks, CoachingTopics topics, AuditLog audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.creators = creators;
		this.users = users;
		this.regions = regions;
		this.tasks = tasks;
		this.topics = topics;
		this.audit = audit;
		this.clock = clock;
	}

	// ---- reading -------------------------------------------------------------------------------------

	/** One page of a creator's sessions, newest first; 404 when the viewer may not see the creator. */
	public PageOf<CoachingSession> of(Viewer viewer, String creatorId, String cursor, int limit) {
		creators.get(viewer, creatorId);
		Optional<Cursor> after = Cursor.parse(cursor);
		Timestamp afterKey = after.map(c -> parseCursorKey(c.key())).orElse(null);
		List<Row> rows = jdbc.sql("select " + COLUMNS + """
				 from coaching_session where creator_id = :creator
				 and (cast(:afterKey as timestamptz) is null or (occurred_at, id) < (cast(:afterKey as timestamptz), :afterId))
				order by occurred_at desc, id desc limit :limit""")
			.param("creator", creatorId)
			.param("afterKey", afterKey)
			.param("afterId", after.map(Cursor::id).orElse(Long.MAX_VALUE))
			.param("limit", limit + 1)
			.query(ROW)
			.list();
		return PageOf.fromOverfetch(hydrate(rows), limit, s -> new Cursor(s.occurredAt().toString(), s.id()));
	}

	/** One session of a creator the viewer may see; 404 otherwise. */
	public CoachingSession get(Viewer viewer, String creatorId, long id) {
		creators.get(viewer, creatorId);
		return jdbc.sql("select " + COLUMNS + " from coaching_session where id = :id and creator_id = :creator")
			.param("id", id)
			.param("creator", creatorId)
			.query(ROW)
			.optional()
			.map(row -> hydrate(List.of(row)).get(0))
			.orElseThrow(() -> new NotFoundException("Coaching session", id));
	}

	/** Every session of a creator, newest first, unscoped: for modules that checked the scope already. */
	public List<CoachingSession> forCreator(String creatorId) {
		return hydrate(jdbc.sql("select " + COLUMNS + " from coaching_session where creator_id = :creator order by occurred_at desc, id desc")
			.param("creator", creatorId)
			.query(ROW)
			.list());
	}

	/**
	 * Sessions with creators of a region that took place in {@code [from, to)}, oldest first, at most 10,000
	 * (unscoped: callers have checked the viewer sees the region). For reports such as the weekly review.
	 */
	public List<CoachingSession> inRegion(String regionCode, Instant from, Instant to) {
		return hydrate(jdbc.sql("select " + COLUMNS + """
				 from coaching_session where region_code = :region and occurred_at >= :from and occurred_at < :to
				order by occurred_at, id limit 10000""")
			.param("region", regionCode)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(ROW)
			.list());
	}

	/** Whether the viewer may log sessions at all (admins, regional leads, creator managers). */
	public boolean mayLog(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) || viewer.has(Role.CREATOR_MANAGER);
	}

	/** People who may coach a creator of the region: enabled creator managers and regional leads working there. */
	public List<UserSummary> coachesIn(String regionCode) {
		return users.managersIn(regionCode);
	}

	/** The creator's time zone, else their region's: the calendar of the follow-up date. */
	public ZoneId zoneOf(Creator creator) {
		if (Checks.isTimeZone(creator.timeZone())) {
			return ZoneId.of(creator.timeZone());
		}
		return regions.find(creator.regionCode()).map(Region::zone).orElse(ZoneId.of("UTC"));
	}

	// ---- logging -------------------------------------------------------------------------------------

	@Transactional
	public CoachingSession log(Viewer viewer, String creatorId, SessionDraft draft) {
		if (!mayLog(viewer)) {
			throw new AccessDeniedException("Only admins, regional leads and creator managers log coaching sessions");
		}
		Creator creator = creators.get(viewer, creatorId);
		ZoneId zone = zoneOf(creator);
		Checks checks = new Checks();
		Instant occurredAt = parseInstant(draft.occurredAt(), checks);
		long coachId = draft.coachId() != null ? draft.coachId() : viewer.userId();
		checkCoach(coachId, creator.regionCode(), checks);
		List<String> topicCodes = checkTopics(draft.topics(), checks);
		checks.optionalText(draft.notes(), "notes", 10_000);
		checks.optionalText(draft.nextStep(), "nextStep", 1000);
		LocalDate followUpOn = parseFollowUp(draft.followUpOn(), occurredAt, zone, checks);
		checks.throwIfAny();

		long id = jdbc.sql("""
				insert into coaching_session (creator_id, region_code, occurred_at, coach_user_id, topics, notes, next_step, follow_up_on,
				                              created_by, created_at)
				values (:creator, :region, :at, :coach, :topics, :notes, :next, :followUp, :by, :now) returning id""")
			.param("creator", creator.creatorId())
			.param("region", creator.regionCode())
			.param("at", Timestamp.from(occurredAt))
			.param("coach", coachId)
			.param("topics", topicCodes.toArray(String[]::new))
			.param("notes", draft.notes() == null ? "" : draft.notes().strip())
			.param("next", Checks.blankToNull(draft.nextStep()))
			.param("followUp", followUpOn)
			.param("by", viewer.username())
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		if (followUpOn != null) {
			Task task = tasks.create(new TaskDraft(followUpTitle(creator, draft.nextStep()),
					new TaskSource(SOURCE_TYPE, String.valueOf(id), CreatorLinks.page(creator.creatorId())), creator.creatorId(),
					creator.regionCode(), coachId, Role.CREATOR_MANAGER, followUpOn.atTime(FOLLOW_UP_TIME).atZone(zone).toInstant()));
			jdbc.sql("update coaching_session set follow_up_task_id = :task where id = :id").param("task", task.id()).param("id", id).update();
		}
		CoachingSession logged = get(viewer, creatorId, id);
		audit.record("coaching_session", id, "logged", creator.regionCode(), null, logged);
		return logged;
	}

	private Instant parseInstant(String value, Checks checks) {
		if (value == null || value.isBlank()) {
			checks.require(false, "occurredAt", "is required (an RFC 3339 timestamp such as 2026-03-05T15:00:00-03:00)");
			return null;
		}
		try {
			Instant at = OffsetDateTime.parse(value.strip()).toInstant();
			checks.require(!at.isAfter(clock.instant().plus(CLOCK_SKEW)), "occurredAt", "is in the future; log a session once it took place");
			return at;
		}
		catch (DateTimeParseException ex) {
			checks.require(false, "occurredAt", "must be an RFC 3339 timestamp with offset, such as 2026-03-05T15:00:00-03:00");
			return null;
		}
	}

	private void checkCoach(long coachId, String regionCode, Checks checks) {
		Optional<UserSummary> found = users.find(coachId);
		if (found.isEmpty()) {
			checks.require(false, "coachId", "is not a known user: " + coachId);
			return;
		}
		UserSummary coach = found.get();
		boolean coaches = coach.isAdmin() || coach.roles().contains(Role.CREATOR_MANAGER) || coach.roles().contains(Role.REGIONAL_LEAD);
		checks.require(coach.enabled(), "coachId", coach.username() + " is disabled");
		checks.require(coaches, "coachId",
				coach.username() + " has no coaching rights: coaches are creator managers, regional leads or admins");
		checks.require(!coaches || coach.isAdmin() || coach.regions().contains(regionCode), "coachId",
				coach.username() + " does not work in the creator's region " + regionCode);
	}

	private List<String> checkTopics(List<String> requested, Checks checks) {
		if (requested == null || requested.isEmpty()) {
			checks.require(false, "topics", "pick at least one topic");
			return List.of();
		}
		Map<String, CoachingTopic> known = topics.all().stream().collect(Collectors.toMap(CoachingTopic::code, t -> t));
		List<String> active = topics.active().stream().map(CoachingTopic::code).toList();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < requested.size(); i++) {
			String code = requested.get(i) == null ? "" : requested.get(i).strip();
			CoachingTopic topic = known.get(code);
			if (topic == null) {
				checks.require(false, "topics[" + i + "]", "is not a coaching topic: " + code + "; use one of " + active);
			}
			else if (!topic.active()) {
				checks.require(false, "topics[" + i + "]", topic.name() + " is retired; use one of " + active);
			}
			else if (!codes.contains(code)) {
				codes.add(code);
			}
		}
		return codes;
	}

	private LocalDate parseFollowUp(String value, Instant occurredAt, ZoneId zone, Checks checks) {
		if (value == null || value.isBlank()) {
			return null;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			checks.require(false, "followUpOn", "must be a date such as 2026-03-10");
			return null;
		}
		if (occurredAt != null) {
			LocalDate sessionDay = occurredAt.atZone(zone).toLocalDate();
			checks.require(!date.isBefore(sessionDay), "followUpOn",
					"is before the session (" + sessionDay + " in " + zone.getId() + "); pick the session's day or later");
			checks.require(!date.isAfter(sessionDay.plusDays(MAX_FOLLOW_UP_DAYS)), "followUpOn", "is more than a year after the session");
		}
		return date;
	}

	private static String followUpTitle(Creator creator, String nextStep) {
		String title = nextStep == null || nextStep.isBlank() ? "Coaching follow-up with " + creator.handle()
				: "Follow up with " + creator.handle() + ": " + nextStep.strip().replaceAll("\\s+", " ");
		return title.length() <= 200 ? title : title.substring(0, 199) + "…";
	}

	// ---- mapping -------------------------------------------------------------------------------------

	private List<CoachingSession> hydrate(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		// only the coaches of these sessions (a handful), not the whole user table
		Map<Long, String> names = new java.util.HashMap<>();
		rows.stream().map(Row::coachId).distinct().forEach(id -> users.find(id).ifPresent(u -> names.put(id, u.displayName())));
		Map<String, String> topicNames = topics.names();
		Map<Long, Task> followUps = tasks.findAll(rows.stream().map(Row::followUpTaskId).filter(java.util.Objects::nonNull).toList());
		return rows.stream().map(row -> {
			Task task = row.followUpTaskId() == null ? null : followUps.get(row.followUpTaskId());
			return new CoachingSession(row.id(), row.creatorId(), row.regionCode(), row.occurredAt(), row.coachId(),
					names.getOrDefault(row.coachId(), "user " + row.coachId()),
					row.topics().stream().map(code -> new CoachingSession.Topic(code, topicNames.getOrDefault(code, code))).toList(),
					row.notes(), row.nextStep(), row.followUpOn(),
					task == null ? null : new CoachingSession.FollowUp(task.id(), task.dueAt(), task.status().name(), task.ownerName()),
					row.loggedBy(), row.loggedAt());
		}).toList();
	}

	private static Timestamp parseCursorKey(String key) {
		return Timestamp.from(Cursor.instant(key));
	}

	private record Row(long id, String creatorId, String regionCode, Instant occurredAt, long coachId, List<String> topics, String notes,
			String nextStep, LocalDate followUpOn, Long followUpTaskId, String loggedBy, Instant loggedAt) {
	}

	private static final RowMapper<Row> ROW = CoachingSessions::row;

	private static Row row(ResultSet rs, int n) throws SQLException {
		Array topics = rs.getArray("topics");
		java.sql.Date followUp = rs.getDate("follow_up_on");
		long task = rs.getLong("follow_up_task_id");
		Long taskId = rs.wasNull() ? null : task;
		return new Row(rs.getLong("id"), rs.getString("creator_id"), rs.getString("region_code"), rs.getTimestamp("occurred_at").toInstant(),
				rs.getLong("coach_user_id"), Arrays.asList((String[]) topics.getArray()), rs.getString("notes"), rs.getString("next_step"),
				followUp == null ? null : followUp.toLocalDate(), taskId, rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
	}
}
