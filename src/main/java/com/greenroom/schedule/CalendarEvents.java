package com.greenroom.schedule;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Region;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Calendar events per region: planning them (validated in full before PostgreSQL sees anything, audited in the same
 * transaction), expanding their occurrences for a window, and flagging creators booked twice at once. Every read is
 * scoped to the viewer's regions in SQL; another region's event does not exist for them.
 */
@Service
public class CalendarEvents {

	/** The longest window one occurrence query may ask for. */
	public static final int MAX_WINDOW_DAYS = 400;

	/** An event without end is checked for conflicts this far ahead of today. */
	static final int CONFLICT_HORIZON_DAYS = 365;

	private static final int MAX_OCCURRENCE_DAYS = 366;

	private static final String COLUMNS = """
			e.id, e.uid, e.title, e.kind, e.region_code, e.time_zone, e.all_day, e.start_local, e.end_local, e.rrule, cast(e.exdates as text[]) as exdates,
			e.description, e.sequence, e.last_end, e.created_by, e.created_at, e.updated_at
			""";

	private final JdbcClient jdbc;

	private final Creators creators;

	private final Users users;

	private final Regions regions;

	private final AuditLog audit;

	private final Clock clock;

	CalendarEvents(JdbcClient jdbc, Creators creators, Users users, Regions regions, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.creators = creators;
		this.users = users;
		this.regions = regions;
		this.audit = audit;
		this.clock = clock;
	}

	/** Admins, regional leads and creator managers plan events; everyone else reads them. */
	public boolean mayPlan(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) || viewer.has(Role.CREATOR_MANAGER);
	}

	// ---- reading -------------------------------------------------------------------------------------

	/** One event the viewer may see, with its conflicts; 404 otherwise. */
	public CalendarEvent get(Viewer viewer, long id) {
		return view(viewer, load(viewer, id));
	}

	/** Events of the viewer's regions (optionally one region, creator or kind), newest first, with their conflicts. */
	public PageOf<CalendarEvent> list(Viewer viewer, String region, String creatorId, String kind, String cursor, int limit) {
		EventKind kindFilter = kind == null || kind.isBlank() ? null
				: EventKind.parse(kind).orElseThrow(() -> new InvalidInputException("kind", "must be one of " + Arrays.toString(EventKind.values())));
		long before = Cursor.parse(cursor).map(Cursor::id).orElse(Long.MAX_VALUE);
		List<EventRow> rows = hydrate(jdbc.sql("select " + COLUMNS + """
				 from schedule_event e
				where (cast(:regions as text[]) is null or e.region_code = any(cast(:regions as text[])))
				  and (cast(:region as text) is null or e.region_code = :region)
				  and (cast(:kind as text) is null or e.kind = :kind)
				  and (cast(:creator as text) is null
				       or exists (select 1 from schedule_event_creator c where c.event_id = e.id and c.creator_id = :creator))
				  and e.id < :before
				order by e.id desc limit :limit""")
			.param("regions", viewer.regionFilter())
			.param("region", Checks.blankToNull(region))
			.param("kind", kindFilter == null ? null : kindFilter.name())
			.param("creator", Checks.blankToNull(creatorId))
			.param("before", before)
			.param("limit", limit + 1)
			.query(CalendarEvents::row)
			.list());
		return PageOf.fromOverfetch(rows, limit, r -> new Cursor(String.valueOf(r.id()), r.id())).map(row -> view(viewer, row));
	}

	/**
	 * Every occurrence in {@code [from, to)} of the viewer's events (optionally one region, creator or kind), in time
	 * order, each with the creators booked elsewhere at the same time. {@code to} may be left out only when no event in
	 * question repeats without end.
	 */
	public List<Occurrence> occurrences(Viewer viewer, Instant from, Instant to, String region, String creatorId, EventKind kind) {
		if (from == null) {
			throw new InvalidInputException("from", "is required: the start of the window, such as 2026-11-01 or 2026-11-01T00:00:00Z");
		}
		if (to != null && !to.isAfter(from)) {
			throw new InvalidInputException("to", "must be after from");
		}
		if (to != null && to.isAfter(from.plus(Duration.ofDays(MAX_WINDOW_DAYS)))) {
			throw new InvalidInputException("to", "must be at most " + MAX_WINDOW_DAYS + " days after from");
		}
		List<EventRow> candidates = inWindow(viewer, Checks.blankToNull(region), from, to);
		if (to == null) {
			Optional<EventRow> forever = candidates.stream()
				.filter(e -> e.lastEnd() == null)
				.filter(e -> matches(e, creatorId, kind))
				.findFirst();
			if (forever.isPresent()) {
				throw new InvalidInputException("to", "is required: \"" + forever.get().title() + "\" (event " + forever.get().id()
						+ ") repeats without end, so the window needs a horizon");
			}
			Instant last = candidates.stream().map(EventRow::lastEnd).max(Instant::compareTo).orElse(from.plusSeconds(1));
			to = last.isAfter(from) ? last : from.plusSeconds(1);
			if (to.isAfter(from.plus(Duration.ofDays(MAX_WINDOW_DAYS)))) {
				throw new InvalidInputException("to", "is required: these events reach more than " + MAX_WINDOW_DAYS + " days after from");
			}
		}
		List<Booking> bookings = expand(candidates, from, to);
		Map<BookingKey, List<Clash>> clashes = Clashes.of(bookings);
		List<Occurrence> result = new ArrayList<>();
		for (Booking b : bookings) {
			if (!matches(b.event(), creatorId, kind)) {
				continue;
			}
			List<String> conflicting = clashes.getOrDefault(b.key(), List.of()).stream().map(Clash::creatorId).distinct().toList();
			result.add(occurrence(b, conflicting));
		}
		return result;
	}

	/** The occurrences of one event in a window; an event without end needs {@code to}. */
	public List<Occurrence> occurrencesOf(Viewer viewer, long id, Instant from, Instant to) {
		EventRow event = load(viewer, id);
		if (from == null) {
			throw new InvalidInputException("from", "is required: the start of the window, such as 2026-11-01");
		}
		if (to == null && event.lastEnd() == null) {
			throw new InvalidInputException("to", "is required: this event repeats without end, so the window needs a horizon");
		}
		Instant until = to != null ? to : event.lastEnd();
		if (!until.isAfter(from)) {
			return List.of();
		}
		if (until.isAfter(from.plus(Duration.ofDays(MAX_WINDOW_DAYS)))) {
			throw new InvalidInputException("to", "must be at most " + MAX_WINDOW_DAYS + " days after from");
		}
		Map<BookingKey, List<Clash>> clashes = clashesOf(viewer, event, from, until);
		return expand(List.of(event), from, until).stream()
			.map(b -> occurrence(b, clashes.getOrDefault(b.key(), List.of()).stream().map(Clash::creatorId).distinct().toList()))
			.toList();
	}

	private static boolean matches(EventRow event, String creatorId, EventKind kind) {
		return (kind == null || event.kind() == kind) && (creatorId == null || creatorId.isBlank() || event.creatorIds().contains(creatorId.strip()));
	}

	private static Occurrence occurrence(Booking b, List<String> conflicting) {
		EventRow e = b.event();
		Recurrence.Slot s = b.slot();
		return new Occurrence(e.id(), s.title(), e.kind(), e.region(), e.zone().getId(), e.allDay(), s.startInstant(), s.endInstant(),
				s.start().toLocalDateTime(), s.end().toLocalDateTime(), recurrenceIdText(e, s.recurrenceId()), e.recurring(), s.moved(),
				e.creatorIds(), conflicting);
	}

	static String recurrenceIdText(EventRow e, LocalDateTime recurrenceId) {
		return e.allDay() ? recurrenceId.toLocalDate().toString() : recurrenceId.toString();
	}

	// ---- planning ------------------------------------------------------------------------------------

	@Transactional
	public CalendarEvent create(Viewer viewer, EventDraft draft) {
		requirePlanner(viewer);
		Checks checks = new Checks();
		Planned planned = check(viewer, draft, null, checks);
		checks.throwIfAny();
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into schedule_event (uid, title, kind, region_code, time_zone, all_day, start_local, end_local, rrule, exdates,
				                            description, first_start, last_end, created_by, created_at, updated_at)
				values (:uid, :title, :kind, :region, :zone, :allDay, :start, :end, :rrule, cast(:exdates as timestamp[]),
				        :description, :first, :last, :by, :now, :now) returning id""")
			.param("uid", UUID.randomUUID() + "@greenroom")
			.params(columns(planned))
			.param("by", viewer.username())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		writeMembers(id, planned.ownerIds(), planned.creatorIds());
		CalendarEvent created = get(viewer, id);
		audit.record("calendar_event", id, "created", planned.region(), null, created);
		return created;
	}

	/** The event's own columns, bound alike by create and update. */
	private static Map<String, Object> columns(Planned planned) {
		Map<String, Object> columns = new HashMap<>();
		columns.put("title", planned.title());
		columns.put("kind", planned.kind().name());
		columns.put("region", planned.region());
		columns.put("zone", planned.zone().getId());
		columns.put("allDay", planned.allDay());
		columns.put("start", planned.start());
		columns.put("end", planned.end());
		columns.put("rrule", planned.rrule());
		columns.put("exdates", planned.exdates().stream().map(LocalDateTime::toString).toArray(String[]::new));
		columns.put("description", planned.description());
		columns.put("first", Timestamp.from(planned.firstStart()));
		columns.put("last", planned.lastEnd() == null ? null : Timestamp.from(planned.lastEnd()));
		return columns;
	}

	/** A partial change: a null field stays as it is; moved occurrences and exceptions the new rule no longer has are dropped. */
	@Transactional
	public CalendarEvent update(Viewer viewer, long id, EventDraft changes) {
		requirePlanner(viewer);
		EventRow before = load(viewer, id);
		CalendarEvent shown = view(viewer, before);
		EventDraft merged = new EventDraft(changes.title() != null ? changes.title() : before.title(),
				changes.kind() != null ? changes.kind() : before.kind().name(), changes.region() != null ? changes.region() : before.region(),
				changes.timeZone() != null ? changes.timeZone() : before.zone().getId(),
				changes.start() != null ? changes.start() : shown.start(), changes.end() != null ? changes.end() : shown.end(),
				changes.allDay() != null ? changes.allDay() : before.allDay(), changes.rrule() != null ? changes.rrule() : before.rrule(),
				changes.exdates() != null ? changes.exdates() : null,
				changes.creatorIds() != null ? changes.creatorIds() : before.creatorIds(),
				changes.ownerIds() != null ? changes.ownerIds() : before.ownerIds(),
				changes.description() != null ? changes.description() : before.description());
		if (changes.allDay() != null && changes.allDay() != before.allDay() && (changes.start() == null || changes.end() == null)) {
			throw new InvalidInputException(changes.start() == null ? "start" : "end",
					"is required when allDay changes ("
							+ (changes.allDay() ? "dates such as 2026-11-01" : "local date-times such as 2026-11-01T18:00") + ")");
		}
		Checks checks = new Checks();
		Planned planned = check(viewer, merged, before, checks);
		checks.throwIfAny();
		jdbc.sql("""
				update schedule_event set title = :title, kind = :kind, region_code = :region, time_zone = :zone, all_day = :allDay,
				       start_local = :start, end_local = :end, rrule = :rrule, exdates = cast(:exdates as timestamp[]), description = :description,
				       first_start = :first, last_end = :last, sequence = sequence + 1, updated_at = :now
				 where id = :id""")
			.params(columns(planned))
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
		Set<LocalDateTime> keep = new LinkedHashSet<>(planned.keptMoved());
		for (EventRow.Moved moved : before.moved()) {
			if (!keep.contains(moved.recurrenceId())) {
				jdbc.sql("delete from schedule_override where event_id = :id and recurrence_id = :rid")
					.param("id", id)
					.param("rid", moved.recurrenceId())
					.update();
			}
		}
		jdbc.sql("delete from schedule_event_owner where event_id = :id").param("id", id).update();
		jdbc.sql("delete from schedule_event_creator where event_id = :id").param("id", id).update();
		writeMembers(id, planned.ownerIds(), planned.creatorIds());
		CalendarEvent after = get(viewer, id);
		audit.record("calendar_event", id, "changed", planned.region(), shown, after);
		return after;
	}

	@Transactional
	public void delete(Viewer viewer, long id) {
		requirePlanner(viewer);
		EventRow event = load(viewer, id);
		CalendarEvent before = view(viewer, event);
		jdbc.sql("delete from schedule_event where id = :id").param("id", id).update();
		audit.record("calendar_event", id, "deleted", event.region(), before, null);
	}

	/** Moves one occurrence (RECURRENCE-ID {@code recurrenceId}) to {@code start}–{@code end}, optionally retitled. */
	@Transactional
	public CalendarEvent moveOccurrence(Viewer viewer, long id, String recurrenceId, String start, String end, String title) {
		requirePlanner(viewer);
		EventRow event = load(viewer, id);
		CalendarEvent before = view(viewer, event);
		Checks checks = new Checks();
		LocalDateTime rid = parseRecurrenceId(event, recurrenceId, checks);
		LocalDateTime newStart = parseTime(start, event.allDay(), false, "start", checks);
		LocalDateTime newEnd = parseTime(end, event.allDay(), true, "end", checks);
		checkSpan(newStart, newEnd, event.allDay(), event.zone(), checks);
		checks.optionalText(title, "title", 200);
		checks.throwIfAny();
		jdbc.sql("""
				insert into schedule_override (event_id, recurrence_id, start_local, end_local, title) values (:id, :rid, :start, :end, :title)
				on conflict (event_id, recurrence_id) do update set start_local = excluded.start_local, end_local = excluded.end_local,
				                                                  title = excluded.title""")
			.param("id", id)
			.param("rid", rid)
			.param("start", newStart)
			.param("end", newEnd)
			.param("title", Checks.blankToNull(title))
			.update();
		touch(load(viewer, id));
		CalendarEvent after = get(viewer, id);
		audit.record("calendar_event", id, "occurrence moved", event.region(), before, after);
		return after;
	}

	/** Cancels one occurrence: it becomes an EXDATE (and loses any move). */
	@Transactional
	public CalendarEvent cancelOccurrence(Viewer viewer, long id, String recurrenceId) {
		requirePlanner(viewer);
		EventRow event = load(viewer, id);
		CalendarEvent before = view(viewer, event);
		Checks checks = new Checks();
		LocalDateTime rid = parseRecurrenceId(event, recurrenceId, checks);
		checks.throwIfAny();
		jdbc.sql("delete from schedule_override where event_id = :id and recurrence_id = :rid").param("id", id).param("rid", rid).update();
		jdbc.sql("update schedule_event set exdates = array_append(exdates, cast(:rid as timestamp)) where id = :id")
			.param("id", id)
			.param("rid", rid)
			.update();
		touch(load(viewer, id));
		CalendarEvent after = get(viewer, id);
		audit.record("calendar_event", id, "occurrence cancelled", event.region(), before, after);
		return after;
	}

	private void touch(EventRow event) {
		jdbc.sql("update schedule_event set first_start = :first, last_end = :last, sequence = sequence + 1, updated_at = :now where id = :id")
			.param("first", Timestamp.from(Recurrence.firstStart(event)))
			.param("last", Optional.ofNullable(Recurrence.lastEnd(event)).map(Timestamp::from).orElse(null))
			.param("now", Timestamp.from(clock.instant()))
			.param("id", event.id())
			.update();
	}

	private LocalDateTime parseRecurrenceId(EventRow event, String value, Checks checks) {
		if (!event.recurring()) {
			checks.require(false, "recurrenceId", "this event does not repeat; change the event itself");
			return null;
		}
		LocalDateTime rid = parseTime(value, event.allDay(), false, "recurrenceId", checks);
		if (rid == null) {
			return null;
		}
		if (event.exdates().contains(rid)) {
			checks.require(false, "recurrenceId", "that occurrence is cancelled");
		}
		else if (!Recurrence.isOccurrence(event, rid)) {
			checks.require(false, "recurrenceId", "is not an occurrence of this event (its original local start, such as "
					+ recurrenceIdText(event, event.start()) + ")");
		}
		return rid;
	}

	private void requirePlanner(Viewer viewer) {
		if (!mayPlan(viewer)) {
			throw new AccessDeniedException("Only admins, regional leads and creator managers plan calendar events");
		}
	}

	private void writeMembers(long id, List<Long> ownerIds, List<String> creatorIds) {
		for (Long owner : ownerIds) {
			jdbc.sql("insert into schedule_event_owner (event_id, user_id) values (:id, :user)").param("id", id).param("user", owner).update();
		}
		for (String creator : creatorIds) {
			jdbc.sql("insert into schedule_event_creator (event_id, creator_id) values (:id, :creator)")
				.param("id", id)
				.param("creator", creator)
				.update();
		}
	}

	/** A draft checked in full: every broken rule lands in {@code checks}. */
	private record Planned(String title, EventKind kind, String region, ZoneId zone, boolean allDay, LocalDateTime start,
			LocalDateTime end, String rrule, List<LocalDateTime> exdates, List<LocalDateTime> keptMoved, List<String> creatorIds,
			List<Long> ownerIds, String description, Instant firstStart, Instant lastEnd) {
	}

	private Planned check(Viewer viewer, EventDraft draft, EventRow before, Checks checks) {
		checks.text(draft.title(), "title", 200);
		EventKind kind = null;
		if (draft.kind() == null || draft.kind().isBlank()) {
			checks.require(false, "kind", "is required: one of " + Arrays.toString(EventKind.values()));
		}
		else {
			kind = EventKind.parse(draft.kind()).orElse(null);
			checks.require(kind != null, "kind", "must be one of " + Arrays.toString(EventKind.values()));
		}
		String region = Checks.blankToNull(draft.region());
		Optional<Region> found = region == null ? Optional.empty() : regions.find(region);
		if (region == null) {
			checks.require(false, "region", "is required");
		}
		else {
			checks.require(found.isPresent() && viewer.canSee(region), "region", "is not one of your regions: " + region);
		}
		String zoneText = Checks.blankToNull(draft.timeZone());
		ZoneId zone = null;
		if (zoneText == null) {
			zone = found.map(Region::zone).orElse(null);
		}
		else {
			checks.timeZone(zoneText, "timeZone");
			zone = Checks.isTimeZone(zoneText) ? ZoneId.of(zoneText) : null;
		}
		boolean allDay = Boolean.TRUE.equals(draft.allDay());
		LocalDateTime start = parseTime(draft.start(), allDay, false, "start", checks);
		LocalDateTime end = parseTime(draft.end(), allDay, true, "end", checks);
		checkSpan(start, end, allDay, zone, checks);
		String rrule = start == null || zone == null ? null : Recurrence.normalize(draft.rrule(), allDay, zone, start, checks);
		if (start == null || zone == null) {
			Recurrence.normalize(draft.rrule(), allDay, null, null, checks); // still report a rule that does not parse
		}
		checks.optionalText(draft.description(), "description", 5000);

		// exceptions and moved occurrences must be occurrences of the (new) rule
		List<LocalDateTime> exdates = new ArrayList<>();
		List<LocalDateTime> keptMoved = new ArrayList<>();
		boolean timingOk = !checks.failed() && start != null && end != null && zone != null;
		EventRow probe = timingOk ? new EventRow(0, "", "", kind, region, zone, allDay, start, end, rrule, List.of(), List.of(), "", 0, List.of(),
				List.of(), "", null, null, null) : null;
		if (draft.exdates() != null) {
			for (int i = 0; i < draft.exdates().size(); i++) {
				LocalDateTime ex = parseTime(draft.exdates().get(i), allDay, false, "exdates[" + i + "]", checks);
				if (ex == null || probe == null) {
					continue;
				}
				if (rrule == null) {
					checks.require(false, "exdates[" + i + "]", "exceptions need a recurrence rule (rrule)");
				}
				else if (!Recurrence.isOccurrence(probe, ex)) {
					checks.require(false, "exdates[" + i + "]", "is not an occurrence of the rule (its original local start, such as "
							+ recurrenceIdText(probe, start) + ")");
				}
				else if (!exdates.contains(ex)) {
					exdates.add(ex);
				}
			}
		}
		else if (before != null && probe != null && rrule != null) {
			before.exdates().stream().filter(ex -> Recurrence.isOccurrence(probe, ex)).forEach(exdates::add);
		}
		List<EventRow.Moved> moved = new ArrayList<>();
		if (before != null && probe != null && rrule != null && before.allDay() == allDay) {
			for (EventRow.Moved m : before.moved()) {
				if (!exdates.contains(m.recurrenceId()) && Recurrence.isOccurrence(probe, m.recurrenceId())) {
					keptMoved.add(m.recurrenceId());
					moved.add(m);
				}
			}
		}

		List<String> creatorIds = checkCreators(viewer, draft.creatorIds(), region, checks);
		List<Long> ownerIds = checkOwners(viewer, draft.ownerIds(), region, checks);
		if (checks.failed() || probe == null) {
			return null;
		}
		EventRow full = new EventRow(0, "", draft.title().strip(), kind, region, zone, allDay, start, end, rrule, exdates, moved, "", 0,
				ownerIds, creatorIds, "", null, null, null);
		return new Planned(draft.title().strip(), kind, region, zone, allDay, start, end, rrule, exdates, keptMoved, creatorIds, ownerIds,
				draft.description() == null ? "" : draft.description().strip(), Recurrence.firstStart(full), Recurrence.lastEnd(full));
	}

	/** Start and end as entered: local date-times, or dates when all-day ({@code end} then the last day, stored as the midnight after). */
	private static LocalDateTime parseTime(String value, boolean allDay, boolean isEnd, String field, Checks checks) {
		if (value == null || value.isBlank()) {
			checks.require(false, field,
					"is required (" + (allDay ? "a date such as 2026-11-01" : "a local date-time such as 2026-11-01T18:00") + ")");
			return null;
		}
		try {
			if (allDay) {
				LocalDate date = LocalDate.parse(value.strip());
				return isEnd ? date.plusDays(1).atStartOfDay() : date.atStartOfDay();
			}
			return LocalDateTime.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			checks.require(false, field, allDay ? "must be a date such as 2026-11-01 (the event is all-day)"
					: "must be a local date-time such as 2026-11-01T18:00, without offset: it is read in the event's time zone");
			return null;
		}
		catch (RuntimeException ex) {
			checks.require(false, field, "is not a valid date");
			return null;
		}
	}

	private static void checkSpan(LocalDateTime start, LocalDateTime end, boolean allDay, ZoneId zone, Checks checks) {
		if (start == null || end == null) {
			return;
		}
		if (!end.isAfter(start)) {
			checks.require(false, "end", allDay ? "is before start: the last day cannot come before the first" : "must be after start");
			return;
		}
		checks.require(!end.isAfter(start.plusDays(MAX_OCCURRENCE_DAYS)), "end", "must be within " + MAX_OCCURRENCE_DAYS + " days of start");
		if (zone != null) {
			checks.require(end.atZone(zone).isAfter(start.atZone(zone)), "end", "must be after start in " + zone.getId());
		}
		checks.require(start.getYear() >= 1 && end.getYear() <= 9999, "start", Checks.STORABLE_TIME_RULE);
	}

	private List<String> checkCreators(Viewer viewer, List<String> ids, String region, Checks checks) {
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		Map<String, Creator> visible = creators.visible(viewer,
				ids.stream().filter(java.util.Objects::nonNull).map(String::strip).filter(Checks::isSafeId).toList());
		List<String> result = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			String id = ids.get(i) == null ? "" : ids.get(i).strip();
			Creator creator = visible.get(id);
			if (creator == null) {
				checks.require(false, "creatorIds[" + i + "]", "is not a known creator: " + id);
			}
			else if (region != null && !region.equals(creator.regionCode())) {
				checks.require(false, "creatorIds[" + i + "]", creator.handle() + " is in region " + creator.regionCode() + ", not in " + region);
			}
			else if (!result.contains(id)) {
				result.add(id);
			}
		}
		checks.require(result.size() <= 500, "creatorIds", "at most 500 creators take part in one event");
		return result;
	}

	private List<Long> checkOwners(Viewer viewer, List<Long> ids, String region, Checks checks) {
		if (ids == null || ids.isEmpty()) {
			return List.of(viewer.userId());
		}
		List<Long> result = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			Long id = ids.get(i);
			Optional<UserSummary> user = id == null ? Optional.empty() : users.find(id);
			if (user.isEmpty() || !user.get().enabled()) {
				checks.require(false, "ownerIds[" + i + "]", "is not a known, enabled user: " + id);
			}
			else if (region != null && !user.get().isAdmin() && !user.get().regions().contains(region)) {
				checks.require(false, "ownerIds[" + i + "]", user.get().username() + " does not work in region " + region);
			}
			else if (!result.contains(id)) {
				result.add(id);
			}
		}
		return result;
	}

	// ---- conflicts -----------------------------------------------------------------------------------

	/** One occurrence of one event. */
	record Booking(EventRow event, Recurrence.Slot slot) {

		BookingKey key() {
			return new BookingKey(event.id(), slot.recurrenceId());
		}
	}

	record BookingKey(long eventId, LocalDateTime recurrenceId) {
	}

	/** Creator {@code creatorId} of one occurrence is also booked in {@code other}. */
	record Clash(String creatorId, Booking other) {
	}

	static List<Booking> expand(List<EventRow> events, Instant from, Instant to) {
		List<Booking> bookings = new ArrayList<>();
		for (EventRow event : events) {
			for (Recurrence.Slot slot : Recurrence.expand(event, from, to)) {
				bookings.add(new Booking(event, slot));
			}
		}
		bookings.sort(java.util.Comparator.comparing((Booking b) -> b.slot().startInstant()).thenComparing(b -> b.event().id()));
		return bookings;
	}

	/** The event's occurrences whose creators are booked elsewhere at the same time, from its start to its end (or a year ahead). */
	private List<CalendarEvent.Conflict> conflictsOf(Viewer viewer, EventRow event) {
		if (event.creatorIds().isEmpty()) {
			return List.of();
		}
		Instant from = Recurrence.firstStart(event);
		Instant to = event.lastEnd() != null ? event.lastEnd() : clock.instant().plus(Duration.ofDays(CONFLICT_HORIZON_DAYS));
		if (!to.isAfter(from)) {
			return List.of();
		}
		Map<String, String> handles = new HashMap<>();
		creators.visible(viewer, event.creatorIds()).forEach((id, c) -> handles.put(id, c.handle()));
		List<CalendarEvent.Conflict> conflicts = new ArrayList<>();
		Map<BookingKey, List<Clash>> clashes = clashesOf(viewer, event, from, to);
		for (Booking mine : expand(List.of(event), from, to)) {
			for (Clash clash : clashes.getOrDefault(mine.key(), List.of())) {
				conflicts.add(new CalendarEvent.Conflict(clash.creatorId(), handles.getOrDefault(clash.creatorId(), clash.creatorId()),
						mine.slot().startInstant(), clash.other().event().id(), clash.other().slot().title(), clash.other().slot().startInstant(),
						clash.other().slot().endInstant()));
			}
		}
		return conflicts;
	}

	/** Clashes of {@code event}'s occurrences with other events sharing its creators in {@code [from, to)}. */
	private Map<BookingKey, List<Clash>> clashesOf(Viewer viewer, EventRow event, Instant from, Instant to) {
		if (event.creatorIds().isEmpty()) {
			return Map.of();
		}
		List<EventRow> others = hydrate(jdbc.sql("select " + COLUMNS + """
				 from schedule_event e
				where e.id <> :id
				  and exists (select 1 from schedule_event_creator c where c.event_id = e.id and c.creator_id = any(cast(:creators as text[])))
				  and (cast(:regions as text[]) is null or e.region_code = any(cast(:regions as text[])))
				  and e.first_start < :to and (e.last_end is null or e.last_end > :from)""")
			.param("id", event.id())
			.param("creators", event.creatorIds().toArray(String[]::new))
			.param("regions", viewer.regionFilter())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(CalendarEvents::row)
			.list());
		List<EventRow> all = new ArrayList<>(others);
		all.add(event);
		Map<BookingKey, List<Clash>> clashes = Clashes.of(expand(all, from, to));
		clashes.keySet().removeIf(key -> key.eventId() != event.id());
		return clashes;
	}

	/**
	 * Overlap of two bookings of one creator: timed occurrences that overlap in time, or all-day ones that share a
	 * day. An all-day campaign does not block the timed events inside it.
	 */
	static final class Clashes {

		private Clashes() {
		}

		static Map<BookingKey, List<Clash>> of(List<Booking> bookings) {
			Map<String, List<Booking>> byCreator = new LinkedHashMap<>();
			for (Booking b : bookings) {
				for (String creator : b.event().creatorIds()) {
					byCreator.computeIfAbsent(creator, c -> new ArrayList<>()).add(b);
				}
			}
			Map<BookingKey, List<Clash>> clashes = new HashMap<>();
			byCreator.forEach((creator, list) -> {
				// sorted by start: compare each with the later ones that start before it ends
				for (int i = 0; i < list.size(); i++) {
					Booking a = list.get(i);
					for (int j = i + 1; j < list.size(); j++) {
						Booking b = list.get(j);
						if (!b.slot().startInstant().isBefore(a.slot().endInstant())) {
							break;
						}
						if (a.event().allDay() != b.event().allDay() || a.event().id() == b.event().id()) {
							continue;
						}
						clashes.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(new Clash(creator, b));
						clashes.computeIfAbsent(b.key(), k -> new ArrayList<>()).add(new Clash(creator, a));
					}
				}
			});
			return clashes;
		}
	}

	// ---- loading and mapping -------------------------------------------------------------------------

	EventRow load(Viewer viewer, long id) {
		return jdbc.sql("select " + COLUMNS + """
				from schedule_event e where e.id = :id
				 and (cast(:regions as text[]) is null or e.region_code = any(cast(:regions as text[])))""")
			.param("id", id)
			.param("regions", viewer.regionFilter())
			.query(CalendarEvents::row)
			.optional()
			.map(row -> hydrate(List.of(row)).get(0))
			.orElseThrow(() -> new NotFoundException("Calendar event", id));
	}

	/** Events of the viewer's regions (or one of them) that may have an occurrence in {@code [from, to)}; {@code to} null = open. */
	List<EventRow> inWindow(Viewer viewer, String region, Instant from, Instant to) {
		return hydrate(jdbc.sql("select " + COLUMNS + """
				 from schedule_event e
				where (cast(:regions as text[]) is null or e.region_code = any(cast(:regions as text[])))
				  and (cast(:region as text) is null or e.region_code = :region)
				  and (cast(:to as timestamptz) is null or e.first_start < cast(:to as timestamptz))
				  and (e.last_end is null or e.last_end > :from)
				order by e.id""")
			.param("regions", viewer.regionFilter())
			.param("region", region)
			.param("from", Timestamp.from(from))
			.param("to", to == null ? null : Timestamp.from(to))
			.query(CalendarEvents::row)
			.list());
	}

	/** Events for a feed: those in {@code regions} (null = all) matching the scope, still running after {@code since}. */
	List<EventRow> forFeed(String[] regionFilter, String scope, String scopeId, Instant since) {
		String where = switch (scope.toUpperCase(java.util.Locale.ROOT)) {
			case "REGION" -> "e.region_code = :scopeId";
			case "USER" -> "exists (select 1 from schedule_event_owner o where o.event_id = e.id and o.user_id = cast(:scopeId as bigint))";
			case "CREATOR" -> "exists (select 1 from schedule_event_creator c where c.event_id = e.id and c.creator_id = :scopeId)";
			default -> throw new IllegalArgumentException(scope);
		};
		return hydrate(jdbc.sql("select " + COLUMNS + " from schedule_event e where " + where + """
				  and (cast(:regions as text[]) is null or e.region_code = any(cast(:regions as text[])))
				  and (e.last_end is null or e.last_end > :since)
				order by e.id""")
			.param("scopeId", scopeId)
			.param("regions", regionFilter)
			.param("since", Timestamp.from(since))
			.query(CalendarEvents::row)
			.list());
	}

	private List<EventRow> hydrate(List<EventRow> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		Long[] ids = rows.stream().map(EventRow::id).toArray(Long[]::new);
		Map<Long, List<EventRow.Moved>> moved = new HashMap<>();
		jdbc.sql(
				"select event_id, recurrence_id, start_local, end_local, title from schedule_override where event_id = any(:ids) order by recurrence_id")
			.param("ids", ids)
			.query((rs, n) -> {
				moved.computeIfAbsent(rs.getLong("event_id"), k -> new ArrayList<>())
					.add(new EventRow.Moved(rs.getObject("recurrence_id", LocalDateTime.class), rs.getObject("start_local", LocalDateTime.class),
							rs.getObject("end_local", LocalDateTime.class), rs.getString("title")));
				return null;
			})
			.list();
		Map<Long, List<Long>> owners = new HashMap<>();
		jdbc.sql("select event_id, user_id from schedule_event_owner where event_id = any(:ids) order by user_id")
			.param("ids", ids)
			.query((rs, n) -> owners.computeIfAbsent(rs.getLong("event_id"), k -> new ArrayList<>()).add(rs.getLong("user_id")))
			.list();
		Map<Long, List<String>> members = new HashMap<>();
		jdbc.sql("select event_id, creator_id from schedule_event_creator where event_id = any(:ids) order by creator_id")
			.param("ids", ids)
			.query((rs, n) -> members.computeIfAbsent(rs.getLong("event_id"), k -> new ArrayList<>()).add(rs.getString("creator_id")))
			.list();
		return rows.stream()
			.map(r -> new EventRow(r.id(), r.uid(), r.title(), r.kind(), r.region(), r.zone(), r.allDay(), r.start(), r.end(), r.rrule(), r.exdates(),
					moved.getOrDefault(r.id(), List.of()), r.description(), r.sequence(), owners.getOrDefault(r.id(), List.of()),
					members.getOrDefault(r.id(), List.of()), r.createdBy(), r.createdAt(), r.updatedAt(), r.lastEnd()))
			.toList();
	}

	CalendarEvent view(Viewer viewer, EventRow row) {
		Map<String, Creator> visible = creators.visible(viewer, row.creatorIds());
		List<CalendarEvent.Participant> participants = row.creatorIds().stream()
			.map(id -> new CalendarEvent.Participant(id, Optional.ofNullable(visible.get(id)).map(Creator::handle).orElse(id)))
			.toList();
		List<CalendarEvent.Owner> owners = row.ownerIds().stream()
			.map(id -> new CalendarEvent.Owner(id, users.find(id).map(UserSummary::displayName).orElse("user " + id)))
			.toList();
		List<CalendarEvent.Moved> moved = row.moved().stream()
			.map(m -> new CalendarEvent.Moved(recurrenceIdText(row, m.recurrenceId()), shownStart(row, m.start()), shownEnd(row, m.end()), m.title()))
			.toList();
		return new CalendarEvent(row.id(), row.uid(), row.title(), row.kind(), row.region(), row.zone().getId(), row.allDay(),
				shownStart(row, row.start()), shownEnd(row, row.end()), row.rrule(),
				row.exdates().stream().map(d -> recurrenceIdText(row, d)).toList(),
				moved, owners, participants, row.description(), row.recurring() && row.lastEnd() == null, conflictsOf(viewer, row),
				row.createdBy(), row.createdAt(), row.updatedAt());
	}

	private static String shownStart(EventRow row, LocalDateTime start) {
		return row.allDay() ? start.toLocalDate().toString() : start.toString();
	}

	/** All-day ends are shown as the last day (stored as the midnight after it). */
	private static String shownEnd(EventRow row, LocalDateTime end) {
		return row.allDay() ? end.toLocalDate().minusDays(1).toString() : end.toString();
	}

	private static EventRow row(ResultSet rs, int n) throws SQLException {
		Array exdates = rs.getArray("exdates");
		List<LocalDateTime> ex = Arrays.stream((String[]) exdates.getArray()).map(t -> LocalDateTime.parse(t.replace(' ', 'T'))).sorted().toList();
		Timestamp last = rs.getTimestamp("last_end");
		return new EventRow(rs.getLong("id"), rs.getString("uid"), rs.getString("title"), EventKind.valueOf(rs.getString("kind")),
				rs.getString("region_code"), ZoneId.of(rs.getString("time_zone")), rs.getBoolean("all_day"),
				rs.getObject("start_local", LocalDateTime.class), rs.getObject("end_local", LocalDateTime.class), rs.getString("rrule"), ex,
				List.of(), rs.getString("description"), rs.getInt("sequence"), List.of(), List.of(), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), last == null ? null : last.toInstant());
	}
}
