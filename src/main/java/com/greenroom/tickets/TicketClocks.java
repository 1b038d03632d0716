package com.greenroom.tickets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.greenroom.audit.AuditLog;
import com.greenroom.calendar.BusinessCalendars;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.notifications.Notice;
import com.greenroom.notifications.NoticeKind;
import com.greenroom.notifications.Notifications;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerHandler;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts the SLA clock to work: computes a ticket's SLA for reads, keeps its queue columns current, and arms
 * one durable timer per warning, breach and escalation level of each running target. Timer keys carry the
 * ticket's SLA version ({@code ticket:42:v1:frt:warn}): a change of priority or of the map starts a new
 * version whose events fire once more under the new targets; within a version each event fires at most
 * once, and a pause or a resolution only cancels (and a resumption re-arms) the pending ones. At fire time
 * the handler checks the clock again, so a stale timer does nothing.
 */
@Component
class TicketClocks implements TimerHandler {

	static final String KIND = "ticket-sla";

	private static final int MAX_LEVELS = 10;

	private final TicketStore store;

	private final EscalationMap map;

	private final BusinessCalendars calendars;

	private final Timers timers;

	private final Notifications notifications;

	private final Users users;

	private final AuditLog audit;

	private final Clock clock;

	TicketClocks(TicketStore store, EscalationMap map, BusinessCalendars calendars, Timers timers, Notifications notifications, Users users,
			AuditLog audit, Clock clock) {
		this.store = store;
		this.map = map;
		this.calendars = calendars;
		this.timers = timers;
		this.notifications = notifications;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	/** SLAs of many tickets as of {@code now}, reading the map once and each region's calendar once. */
	Function<TicketRow, Sla> slaAsOf(Instant now) {
		Map<Priority, EscalationPolicy> policies = policies();
		Map<String, WorkingTime> calendarsByRegion = new HashMap<>();
		return row -> clockOf(row, policies.get(row.priority()), calendarsByRegion).at(now);
	}

	Sla sla(TicketRow row) {
		return slaAsOf(clock.instant()).apply(row);
	}

	private Map<Priority, EscalationPolicy> policies() {
		Map<Priority, EscalationPolicy> policies = new EnumMap<>(Priority.class);
		map.all().forEach(p -> policies.put(p.priority(), p));
		return policies;
	}

	private SlaClock clockOf(TicketRow row, EscalationPolicy policy, Map<String, WorkingTime> cache) {
		WorkingTime time = policy.calendar() == SlaCalendar.ALWAYS ? WorkingTime.always()
				: cache.computeIfAbsent(row.region(), region -> WorkingTime.of(calendars.of(region)));
		return SlaClock.of(row.openedAt(), row.statusHistory(), row.firstResponseAt(), policy.targets(), time);
	}

	/**
	 * After any change to a ticket: its queue columns and its timers follow its clock. {@code quiet} (an
	 * import of old tickets) arms nothing that would already be due, so history is not announced again.
	 */
	void rearm(TicketRow row, boolean quiet) {
		EscalationPolicy policy = map.of(row.priority());
		SlaClock sla = clockOf(row, policy, new HashMap<>());
		Instant now = clock.instant();
		Instant due = null;
		for (SlaClock.Target target : SlaClock.Target.values()) {
			if (sla.runs(target)) {
				Instant at = sla.dueOf(target, now);
				due = due == null || at.isBefore(due) ? at : due;
			}
		}
		boolean breached = sla.breached(SlaClock.Target.FIRST_RESPONSE, now) || sla.breached(SlaClock.Target.RESOLUTION, now);
		store.saveDeadline(row.id(), due, breached);
		for (SlaClock.Target target : SlaClock.Target.values()) {
			for (Event event : events(policy)) {
				String key = key(row.id(), row.slaVersion(), target, event.name());
				Instant at = sla.runs(target) ? sla.reaches(target, event.amount(policy, target), now) : null;
				if (at == null || quiet && at.isBefore(now)) {
					timers.cancel(key);
				}
				else {
					timers.schedule(new TimerRequest(KIND, key, at, row.id() + ":" + row.slaVersion() + ":" + target.name() + ":" + event.name()));
				}
			}
		}
	}

	/** Cancels every pending timer of an SLA version that a new one replaces. */
	void retire(long ticketId, int version) {
		for (SlaClock.Target target : SlaClock.Target.values()) {
			timers.cancel(key(ticketId, version, target, "warn"));
			timers.cancel(key(ticketId, version, target, "breach"));
			for (int level = 1; level <= MAX_LEVELS; level++) {
				timers.cancel(key(ticketId, version, target, "level" + level));
			}
		}
	}

	/** The map changed: open tickets of those priorities start a new SLA version, recomputed from their history. */
	@EventListener
	void on(EscalationMapChanged changed) {
		for (long id : store.activeIdsOf(changed.priorities())) {
			store.lock(id).ifPresent(row -> {
				TicketRow next = withVersion(row, row.slaVersion() + 1);
				store.save(next);
				retire(row.id(), row.slaVersion());
				store.history(row.id(), clock.instant(), "system", "sla_recomputed", "The escalation map for " + row.priority() + " changed");
				rearm(next, false);
			});
		}
	}

	static TicketRow withVersion(TicketRow row, int version) {
		return new TicketRow(row.id(), row.externalId(), row.subject(), row.description(), row.creatorId(), row.region(), row.category(),
				row.priority(), row.status(), row.assigneeId(), row.assigneeName(), row.ownerRole(), row.tags(), row.source(), row.outcome(),
				row.openedAt(), row.firstResponseAt(), row.resolvedAt(), row.statusHistory(), version, row.updatedAt());
	}

	static String key(long ticketId, int version, SlaClock.Target target, String event) {
		return "ticket:" + ticketId + ":v" + version + ":" + target.key + ":" + event;
	}

	// ---- firing ----------------------------------------------------------------------------------------

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void fire(Timer timer) {
		String[] parts = timer.payload().split(":");
		long id = Long.parseLong(parts[0]);
		int version = Integer.parseInt(parts[1]);
		SlaClock.Target target = SlaClock.Target.valueOf(parts[2]);
		String eventName = parts[3];
		TicketRow row = store.lock(id).orElse(null);
		if (row == null || row.slaVersion() != version) {
			return;
		}
		EscalationPolicy policy = map.of(row.priority());
		Event event = events(policy).stream().filter(e -> e.name().equals(eventName)).findFirst().orElse(null);
		SlaClock sla = clockOf(row, policy, new HashMap<>());
		Instant now = clock.instant();
		if (event == null || !sla.runs(target) || sla.reaches(target, event.amount(policy, target), now).isAfter(now)) {
			return; // stale: the clock stopped or moved on since the timer was armed
		}
		String what = target == SlaClock.Target.FIRST_RESPONSE ? "first response" : "resolution";
		Instant due = sla.dueOf(target, now);
		String subject = "#" + row.id() + " " + row.subject();
		String link = "/tickets/" + row.id();
		String dedup = timer.key();
		if (event.level() == 0 && eventName.equals("warn")) {
			String detail = policy.warnAtPercent() + "% of the " + what + " target used; due " + due;
			store.history(id, now, "system", "sla_warning", detail);
			notifyAll(ownersOf(row), NoticeKind.WARNING, "SLA warning: " + subject, detail, link, dedup);
		}
		else if (eventName.equals("breach")) {
			String detail = "The " + what + " target was missed at " + due;
			store.history(id, now, "system", "sla_breached", detail);
			store.saveDeadline(id, due, true);
			notifyAll(ownersOf(row), NoticeKind.BREACH, "SLA breached: " + subject, detail, link, dedup);
		}
		else {
			EscalationLevel level = policy.levels().get(event.level() - 1);
			List<Long> recipients = level.notifyUserId() != null ? List.of(level.notifyUserId())
					: usersWith(Role.parse(level.notifyRole()).orElseThrow(), row.region());
			String to = level.notifyUserId() != null
					? users.find(level.notifyUserId()).map(UserSummary::displayName).orElse("user " + level.notifyUserId())
					: level.notifyRole();
			String detail = "Level " + event.level() + " (" + what + " missed " + level.afterBreachMinutes() + " min ago): notified " + to;
			if (level.reassigns()) {
				TicketRow moved = level.notifyUserId() != null ? withAssignee(row, level.notifyUserId(), row.ownerRole())
						: withAssignee(row, null, level.notifyRole());
				store.save(moved);
				audit.record("ticket", id, "escalated", row.region(), Map.of("assigneeId", String.valueOf(row.assigneeId()), "ownerRole",
						row.ownerRole()), Map.of("assigneeId", String.valueOf(moved.assigneeId()), "ownerRole", moved.ownerRole()));
				detail += level.notifyUserId() != null ? " and assigned the ticket to them"
						: " and put the ticket in the " + level.notifyRole() + " queue";
			}
			store.history(id, now, "system", "escalated", detail);
			notifyAll(recipients, NoticeKind.ESCALATION, "Escalated (level " + event.level() + "): " + subject, detail, link, dedup);
		}
	}

	static TicketRow withAssignee(TicketRow row, Long assigneeId, String ownerRole) {
		return new TicketRow(row.id(), row.externalId(), row.subject(), row.description(), row.creatorId(), row.region(), row.category(),
				row.priority(), row.status(), assigneeId, row.assigneeName(), ownerRole, row.tags(), row.source(), row.outcome(), row.openedAt(),
				row.firstResponseAt(), row.resolvedAt(), row.statusHistory(), row.slaVersion(), row.updatedAt());
	}

	/** The ticket's assignee, else the people of its owner role in its region. */
	private List<Long> ownersOf(TicketRow row) {
		if (row.assigneeId() != null) {
			return List.of(row.assigneeId());
		}
		return Role.parse(row.ownerRole()).map(role -> usersWith(role, row.region())).orElse(List.of());
	}

	/** Enabled users with the role who work in the region (admins work everywhere). */
	List<Long> usersWith(Role role, String region) {
		return users.all()
			.stream()
			.filter(u -> u.enabled() && u.roles().contains(role) && (u.isAdmin() || u.regions().contains(region)))
			.map(UserSummary::id)
			.toList();
	}

	private void notifyAll(List<Long> recipients, NoticeKind kind, String subject, String body, String link, String dedup) {
		for (long user : recipients) {
			notifications.notify(new Notice(user, kind, subject, body, link, dedup));
		}
	}

	/** One timed event of a target: its warning, its breach, or escalation level n (1-based). */
	private record Event(String name, int level) {

		Duration amount(EscalationPolicy policy, SlaClock.Target target) {
			SlaClock.Targets targets = policy.targets();
			return switch (name) {
				case "warn" -> targets.warningOf(target);
				case "breach" -> targets.of(target);
				default -> targets.of(target).plusMinutes(policy.levels().get(level - 1).afterBreachMinutes());
			};
		}
	}

	private static List<Event> events(EscalationPolicy policy) {
		List<Event> events = new ArrayList<>(List.of(new Event("warn", 0), new Event("breach", 0)));
		for (int i = 1; i <= policy.levels().size() && i <= MAX_LEVELS; i++) {
			events.add(new Event("level" + i, i));
		}
		return events;
	}
}
