package com.greenroom.routines;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.calendar.BusinessCalendar;
import com.greenroom.calendar.BusinessCalendars;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.tasks.Tasks;
import com.greenroom.timers.Timers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Routines: read by everyone who sees their region; created, edited, paused and resumed by admins and the
 * region's leads (an every-region routine by admins only). Every change is audited. An edit that changes
 * when, what or for whom (title, owner, rrule, exceptions, due time, start, view, working-day rule) applies
 * to future occurrences only: the routine's open tasks not yet due are skipped with the reason "Routine
 * changed" and generated again under the new rule; tasks already due (open, done or missed) stay as they
 * were, and so does a task someone finished ahead of its due time. Pausing skips the open tasks not yet
 * due the same way; resuming generates from that moment on (nothing in between is owed).
 */
@Service
public class Routines {

	static final int MAX_CHECKLIST = 20;

	static final int PREVIEW_COUNT = 5;

	private static final java.util.regex.Pattern DUE_TIME = java.util.regex.Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d$");

	private static final java.util.regex.Pattern WEEK = java.util.regex.Pattern.compile("^(\\d{4})-W(\\d{2})$");

	private final RoutineStore store;

	private final RoutineGenerator generator;

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Users users;

	private final Tasks tasks;

	private final Timers timers;

	private final BusinessCalendars calendars;

	private final AuditLog audit;

	private final Clock clock;

	Routines(RoutineStore store, RoutineGenerator generator, JdbcClient jdbc, Regions regions, Users users, Tasks tasks, Timers timers,
			BusinessCalendars calendars, AuditLog audit, Clock clock) {
		this.store = store;
		this.generator = generator;
		this.jdbc = jdbc;
		this.regions = regions;
		this.users = users;
		this.tasks = tasks;
		this.timers = timers;
		this.calendars = calendars;
		this.audit = audit;
		this.clock = clock;
	}

	// ---- reading -------------------------------------------------------------------------------------

	/** The routines of the viewer's regions and every-region ones, optionally of one region or paused state. */
	public List<Routine> list(Viewer viewer, String region, Boolean paused) {
		String only = Checks.blankToNull(region);
		if (only != null && !(regions.exists(only) && viewer.canSee(only))) {
			throw new InvalidInputException("region", "is not one of your regions: " + only);
		}
		return store.list(viewer.regionFilter(), only, paused);
	}

	/** The routine if the viewer sees its region (every-region routines: everyone); otherwise 404. */
	public Routine get(Viewer viewer, long id) {
		return store.find(id).filter(r -> r.everyRegion() || viewer.canSee(r.region())).orElseThrow(() -> new NotFoundException("Routine", id));
	}

	/** Whether the viewer may change the routine: an admin, or a regional lead of its region. */
	public boolean mayEdit(Viewer viewer, Routine routine) {
		return mayEdit(viewer, routine.region());
	}

	static boolean mayEdit(Viewer viewer, String region) {
		return viewer.isAdmin() || region != null && viewer.has(Role.REGIONAL_LEAD) && viewer.regions().contains(region);
	}

	/** The guidance as safe HTML (raw HTML escaped, only http(s), mailto and relative links). */
	public static String guidanceHtml(Routine routine) {
		return com.greenroom.system.SafeMarkdown.html(routine.guidance());
	}

	// ---- changing ------------------------------------------------------------------------------------

	@Transactional
	public Routine create(Viewer viewer, RoutineDraft draft) {
		Routine candidate = validate(viewer, draft, null);
		long id = store.insert(candidate, clock.instant());
		Routine created = store.find(id).orElseThrow();
		audit.record("routine", id, "created", created.region(), null, created);
		generator.generate(id, clock.instant());
		return store.find(id).orElseThrow();
	}

	@Transactional
	public Routine update(Viewer viewer, long id, RoutineDraft changes) {
		Routine before = lockEditable(viewer, id);
		Routine after = validate(viewer, changes, before);
		boolean reschedules = !Objects.equals(before.title(), after.title()) || before.ownerRole() != after.ownerRole()
				|| !Objects.equals(before.ownerUserId(), after.ownerUserId()) || !before.rrule().equals(after.rrule())
				|| !before.exdates().equals(after.exdates()) || !before.dueTime().equals(after.dueTime())
				|| !before.startsOn().equals(after.startsOn()) || before.view() != after.view()
				|| before.onNonWorkingDay() != after.onNonWorkingDay();
		boolean changed = reschedules || !Objects.equals(before.guidance(), after.guidance()) || !before.checklist().equals(after.checklist())
				|| !Objects.equals(before.horizonDays(), after.horizonDays());
		if (!changed) {
			return before;
		}
		Instant now = clock.instant();
		Routine saved = withSchedule(after, before.paused(), before.revision() + 1,
				reschedules ? retireFuture(viewer, before, now, "Routine changed: replaced by its new schedule") : before.generatedUntil());
		store.update(saved, now);
		cancelTimer(id);
		Routine updated = store.find(id).orElseThrow();
		audit.record("routine", id, "updated", updated.region(), before, updated);
		if (!updated.paused()) {
			generator.generate(id, now);
		}
		return store.find(id).orElseThrow();
	}

	/** Stops generating; the routine's open tasks not yet due are skipped. Pausing a paused routine changes nothing. */
	@Transactional
	public Routine pause(Viewer viewer, long id) {
		Routine before = lockEditable(viewer, id);
		if (before.paused()) {
			return before;
		}
		Instant now = clock.instant();
		Instant until = retireFuture(viewer, before, now, "Routine paused");
		store.update(withSchedule(before, true, before.revision() + 1, until), now);
		cancelTimer(id);
		Routine paused = store.find(id).orElseThrow();
		audit.record("routine", id, "paused", paused.region(), before, paused);
		return paused;
	}

	/** Generates again from now on: occurrences while it was paused are not owed. */
	@Transactional
	public Routine resume(Viewer viewer, long id) {
		Routine before = lockEditable(viewer, id);
		if (!before.paused()) {
			return before;
		}
		Instant now = clock.instant();
		store.update(withSchedule(before, false, before.revision() + 1, now), now);
		Routine resumed = store.find(id).orElseThrow();
		audit.record("routine", id, "resumed", resumed.region(), before, resumed);
		generator.generate(id, now);
		return store.find(id).orElseThrow();
	}

	/** The next occurrences a draft would have, from now, in its region (or {@code previewRegion} for every region). */
	public List<PreviewOccurrence> preview(Viewer viewer, RoutineDraft draft, String previewRegion, int count) {
		Checks checks = new Checks();
		LocalTime due = dueTime(draft.dueTime(), checks);
		NonWorkingDay nonWorkingDay = nonWorkingDay(draft.onNonWorkingDay(), checks);
		String regionCode = Checks.blankToNull(draft.region());
		if (regionCode == null || "*".equals(regionCode)) {
			regionCode = Checks.blankToNull(previewRegion);
		}
		Region region = regionCode == null ? null : regions.find(regionCode).filter(r -> viewer.canSee(r.code())).orElse(null);
		if (region == null) {
			region = regions.visibleTo(viewer).stream().findFirst().orElse(null);
		}
		checks.require(region != null, "region", "is not one of your regions");
		checks.require(draft.rrule() != null && !draft.rrule().isBlank(), "rrule", "is required, e.g. FREQ=WEEKLY;BYDAY=TU,FR");
		checks.throwIfAny();
		Instant now = clock.instant();
		LocalDate startsOn = draft.startsOn() != null ? draft.startsOn() : LocalDate.ofInstant(now, region.zone());
		Recurrence recurrence = recurrence(draft.rrule(), due, startsOn, draft.exdates(), nonWorkingDay);
		BusinessCalendar calendar = calendars.of(region.code());
		Region shown = region;
		return recurrence.between(region.zone(), calendar::isBusinessDay, now, now.plus(java.time.Duration.ofDays(800)))
			.stream()
			.limit(Math.max(1, Math.min(count, 50)))
			.map(o -> new PreviewOccurrence(shown.code(), shown.timeZone(), o.localAt(), o.dueAt(), !o.localAt().equals(o.ruleAt())))
			.toList();
	}

	// ---- accountability ------------------------------------------------------------------------------

	/**
	 * Per region and owner, how the routine tasks of one ISO week went (see {@link Accountability}); a null
	 * region means every region the viewer sees, a null week the current one (in the region's zone, or UTC).
	 */
	public Accountability accountability(Viewer viewer, String region, String week) {
		String only = Checks.blankToNull(region);
		Checks checks = new Checks();
		checks.require(only == null || regions.exists(only) && viewer.canSee(only), "region", "is not one of your regions: " + only);
		LocalDate weekStart = null;
		String weekText = Checks.blankToNull(week);
		if (weekText != null) {
			weekStart = parseWeek(weekText, checks);
		}
		checks.throwIfAny();
		Instant now = clock.instant();
		if (weekStart == null) {
			ZoneId zone = only == null ? ZoneOffset.UTC : regions.find(only).orElseThrow().zone();
			weekStart = LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		}
		return RoutineAccountability.of(jdbc, viewer, only, weekStart, now);
	}

	/** "2026-W49" to its Monday; refused when not an ISO week that exists. */
	static LocalDate parseWeek(String week, Checks checks) {
		java.util.regex.Matcher matcher = WEEK.matcher(week.strip());
		if (!matcher.matches()) {
			checks.require(false, "week", "must be an ISO week such as 2026-W49");
			return null;
		}
		int year = Integer.parseInt(matcher.group(1));
		int number = Integer.parseInt(matcher.group(2));
		LocalDate mid = LocalDate.of(Math.max(year, 1), 6, 1);
		long weeks = mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
		if (year < 1 || number < 1 || number > weeks) {
			checks.require(false, "week", year + " has ISO weeks 01 to " + weeks);
			return null;
		}
		return mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(DayOfWeek.MONDAY);
	}

	/** The ISO week of a date, e.g. {@code 2026-W49}. */
	public static String isoWeek(LocalDate date) {
		return date.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format(Locale.ROOT, "%02d", date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	// ---- rules ---------------------------------------------------------------------------------------

	/** A stored routine's recurrence (it was valid when saved). */
	static Recurrence recurrence(Routine routine) {
		return Recurrence.of(routine.rrule(), LocalTime.parse(routine.dueTime()), routine.startsOn(), new HashSet<>(routine.exdates()),
				routine.onNonWorkingDay());
	}

	private static Recurrence recurrence(String rrule, LocalTime due, LocalDate startsOn, List<LocalDate> exdates, NonWorkingDay rule) {
		try {
			return Recurrence.of(rrule, due, startsOn, exdates == null ? Set.of() : new HashSet<>(exdates), rule);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("rrule", ex.getMessage());
		}
	}

	/**
	 * The routine a draft describes (on create), or {@code existing} with the draft's non-null fields
	 * applied (on PATCH); every broken rule is reported at once, each by its field, before anything changes.
	 */
	private Routine validate(Viewer viewer, RoutineDraft draft, Routine existing) {
		if (draft == null) {
			throw new InvalidInputException("body", "is required");
		}
		boolean creating = existing == null;
		Checks checks = new Checks();
		String title = pick(draft.title(), creating ? null : existing.title());
		checks.text(title, "title", 200);
		String guidance = pick(draft.guidance(), creating ? "" : existing.guidance());
		checks.optionalText(guidance, "guidance", 10000);
		String region;
		if (creating) {
			String asked = Checks.blankToNull(draft.region());
			region = asked == null || "*".equals(asked) ? null : asked;
			if (region != null) {
				checks.require(regions.exists(region) && viewer.canSee(region), "region", "is not one of your regions: " + region);
			}
		}
		else {
			region = existing.region();
			String asked = Checks.blankToNull(draft.region());
			checks.require(asked == null || asked.equals(Objects.requireNonNullElse(region, "*")), "region",
					"cannot change; pause this routine and create one in the other region");
		}
		if (creating && !checks.failed() && !mayEdit(viewer, region)) {
			throw new AccessDeniedException(region == null ? "Only admins create every-region routines"
					: "Only admins and the regional leads of " + region + " create its routines");
		}
		Role role = creating ? null : existing.ownerRole();
		if (draft.ownerRole() != null || creating) {
			role = Role.parse(draft.ownerRole() == null ? "" : draft.ownerRole().strip()).filter(r -> r != Role.INTEGRATION).orElse(null);
			checks.require(role != null, "ownerRole", "is not a role that owns work; use one of "
					+ java.util.Arrays.stream(Role.values()).filter(r -> r != Role.INTEGRATION).map(Role::name).toList());
		}
		Long owner = creating ? null : existing.ownerUserId();
		if (draft.ownerUserId() != null) {
			owner = draft.ownerUserId() == 0 ? null : draft.ownerUserId();
		}
		if (owner != null) {
			UserSummary user = users.find(owner).orElse(null);
			checks.require(user != null, "ownerUserId", "is not a known user: " + owner);
			checks.require(region != null, "ownerUserId", "a routine of every region is owned by a role; name a region to name a person");
			if (user != null && region != null) {
				checks.require(tasks.canOwn(owner, region), "ownerUserId", user.username() + " cannot own work in " + region);
			}
		}
		String rrule = draft.rrule() != null ? Recurrence.normalize(draft.rrule()) : creating ? null : existing.rrule();
		checks.require(rrule != null && !rrule.isBlank(), "rrule", "is required, e.g. FREQ=WEEKLY;BYDAY=TU,FR");
		String dueText = draft.dueTime() != null ? draft.dueTime().strip() : creating ? null : existing.dueTime();
		LocalTime due = dueTime(dueText, checks);
		RoutineView view = creating ? null : existing.view();
		if (draft.view() != null || creating) {
			view = RoutineView.parse(draft.view()).orElse(null);
			checks.require(view != null, "view", "is not a view a routine links to; use one of "
					+ java.util.Arrays.stream(RoutineView.values()).map(RoutineView::name).toList());
		}
		NonWorkingDay nonWorkingDay = draft.onNonWorkingDay() != null ? nonWorkingDay(draft.onNonWorkingDay(), checks)
				: creating ? NonWorkingDay.KEEP : existing.onNonWorkingDay();
		Integer horizon = draft.horizonDays() != null ? draft.horizonDays() : creating ? null : existing.horizonDays();
		checks.require(horizon == null || horizon >= 1 && horizon <= 366, "horizonDays", "must be 1 to 366 days");
		List<LocalDate> exdates = draft.exdates() != null ? draft.exdates() : creating ? List.of() : existing.exdates();
		checks.require(exdates.size() <= 366, "exdates", "at most 366 exceptions");
		for (int i = 0; i < exdates.size(); i++) {
			checks.require(exdates.get(i) != null, "exdates[" + i + "]", "is not a date (YYYY-MM-DD)");
		}
		List<String> checklist = draft.checklist() != null ? draft.checklist() : creating ? List.of() : existing.checklist();
		checks.require(checklist.size() <= MAX_CHECKLIST, "checklist", "at most " + MAX_CHECKLIST + " items");
		List<String> items = new ArrayList<>();
		for (int i = 0; i < checklist.size(); i++) {
			String item = checklist.get(i);
			if (item != null && !item.isBlank()) {
				checks.require(item.length() <= 200, "checklist[" + i + "]", "must be at most 200 characters");
				items.add(item.strip());
			}
		}
		Instant now = clock.instant();
		ZoneId zone = region == null ? ZoneOffset.UTC : regions.find(region).map(Region::zone).orElse(ZoneOffset.UTC);
		LocalDate startsOn = draft.startsOn() != null ? draft.startsOn() : creating ? LocalDate.ofInstant(now, zone) : existing.startsOn();
		checks.require(startsOn.getYear() >= 2000 && startsOn.getYear() <= 9000, "startsOn", "must be between the years 2000 and 9000");
		checks.throwIfAny();
		List<LocalDate> distinctExdates = exdates.stream().distinct().sorted().toList();
		Recurrence recurrence = recurrence(rrule, due, startsOn, distinctExdates, nonWorkingDay);
		if (horizon == null && !recurrence.bounded()) {
			throw new InvalidInputException("horizonDays",
					"is required when the rrule has no end (COUNT or UNTIL): how many days ahead should tasks exist?");
		}
		if (horizon == null) {
			int count = recurrence.between(ZoneOffset.UTC, d -> true, null, now.plus(java.time.Duration.ofDays(365L * 200))).size();
			if (count > 1000) {
				throw new InvalidInputException("horizonDays",
						"is required: the rrule has " + count + " occurrences, more than 1000 to create at once");
			}
		}
		return new Routine(creating ? 0 : existing.id(), title.strip(), guidance == null ? "" : guidance, region, role, owner, null,
				recurrence.rule(), distinctExdates, due.toString(), startsOn, horizon, view, List.copyOf(items), nonWorkingDay,
				!creating && existing.paused(), creating ? 1 : existing.revision(), creating ? null : existing.generatedUntil(),
				creating ? currentActor() : existing.createdBy(), null, null);
	}

	/**
	 * "HH:mm", 00:00 to 23:59. A time that a spring-forward day skips is accepted: that day's task is due at
	 * the next valid local time (the end of the gap).
	 */
	private static LocalTime dueTime(String text, Checks checks) {
		if (text == null || text.isBlank()) {
			checks.require(false, "dueTime", "is required (local time \"HH:mm\", e.g. 09:30)");
			return LocalTime.NOON;
		}
		if (!DUE_TIME.matcher(text.strip()).matches()) {
			checks.require(false, "dueTime", "must be a local time \"HH:mm\" from 00:00 to 23:59");
			return LocalTime.NOON;
		}
		return LocalTime.parse(text.strip());
	}

	private static NonWorkingDay nonWorkingDay(String text, Checks checks) {
		if (text == null || text.isBlank()) {
			return NonWorkingDay.KEEP;
		}
		try {
			return NonWorkingDay.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			checks.require(false, "onNonWorkingDay", "must be KEEP, NEXT_WORKING_DAY or SKIP");
			return NonWorkingDay.KEEP;
		}
	}

	private static String pick(String value, String otherwise) {
		return value != null ? value : otherwise;
	}

	private Routine lockEditable(Viewer viewer, long id) {
		Routine routine = store.lock(id).filter(r -> r.everyRegion() || viewer.canSee(r.region()))
			.orElseThrow(() -> new NotFoundException("Routine", id));
		if (!mayEdit(viewer, routine)) {
			throw new AccessDeniedException(routine.everyRegion() ? "Only admins change every-region routines"
					: "Only admins and the regional leads of " + routine.region() + " change its routines");
		}
		return routine;
	}

	/**
	 * Skips the routine's open tasks not yet due and forgets their claims, so the new schedule generates them
	 * afresh; answers the new watermark ({@code now}).
	 */
	private Instant retireFuture(Viewer viewer, Routine routine, Instant now, String reason) {
		List<Long> open = jdbc.sql("""
				select o.task_id from routine_occurrence o join task t on t.id = o.task_id
				where o.routine_id = :id and o.due_at > :now and t.status = 'OPEN'
				order by o.due_at for update of o""").param("id", routine.id()).param("now", java.sql.Timestamp.from(now)).query(Long.class).list();
		for (long taskId : open) {
			tasks.skip(viewer, taskId, reason);
		}
		if (!open.isEmpty()) {
			jdbc.sql("delete from routine_occurrence where routine_id = :id and task_id = any(:tasks)")
				.param("id", routine.id())
				.param("tasks", open.toArray(Long[]::new))
				.update();
		}
		return routine.generatedUntil() == null ? null : now;
	}

	private void cancelTimer(long id) {
		String key = jdbc.sql("select timer_key from routine where id = :id").param("id", id).query(String.class).optional().orElse(null);
		if (key != null) {
			timers.cancel(key);
		}
		jdbc.sql("update routine set timer_key = null where id = :id").param("id", id).update();
	}

	private static Routine withSchedule(Routine r, boolean paused, int revision, Instant generatedUntil) {
		return new Routine(r.id(), r.title(), r.guidance(), r.region(), r.ownerRole(), r.ownerUserId(), r.ownerName(), r.rrule(), r.exdates(),
				r.dueTime(), r.startsOn(), r.horizonDays(), r.view(), r.checklist(), r.onNonWorkingDay(), paused, revision, generatedUntil,
				r.createdBy(), r.createdAt(), r.updatedAt());
	}

	private static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() ? "system" : authentication.getName();
	}

	/** One upcoming occurrence: when the rule names it, and whether a DST gap or a non-working day moved it. */
	public record PreviewOccurrence(String region, String timeZone, LocalDateTime localAt, Instant dueAt, boolean moved) {
	}

}
