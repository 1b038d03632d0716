package com.greenroom.tickets;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.notifications.Notice;
import com.greenroom.notifications.NoticeKind;
import com.greenroom.notifications.Notifications;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerHandler;
import org.springframework.stereotype.Component;

/**
 * Fires a ticket's SLA timers: a warning, a breach or an escalation level, each writing the ticket's history
 * and notifying its assignee (else its owner role in its region) or the level's role or user, reassigning
 * when the level says so. Runs in the claiming transaction; a timer of an older SLA version, or one whose
 * clock stopped or moved on, does nothing.
 */
@Component
class SlaTimerHandler implements TimerHandler {

	private final TicketStore store;

	private final EscalationMap map;

	private final SlaClocks slas;

	private final Notifications notifications;

	private final Users users;

	private final AuditLog audit;

	private final Clock clock;

	SlaTimerHandler(TicketStore store, EscalationMap map, SlaClocks slas, Notifications notifications, Users users, AuditLog audit,
			Clock clock) {
		this.store = store;
		this.map = map;
		this.slas = slas;
		this.notifications = notifications;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return TicketClocks.KIND;
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
		TicketClocks.Event event = TicketClocks.events(policy).stream().filter(e -> e.name().equals(eventName)).findFirst().orElse(null);
		SlaClock sla = slas.clockOf(row, policy);
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

}
