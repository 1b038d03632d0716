package com.greenroom.tickets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
class TicketClocks {

	static final String KIND = "ticket-sla";

	private static final int MAX_LEVELS = 10;

	private final TicketStore store;

	private final EscalationMap map;

	private final SlaClocks slas;

	private final Timers timers;

	private final Clock clock;

	TicketClocks(TicketStore store, EscalationMap map, SlaClocks slas, Timers timers, Clock clock) {
		this.store = store;
		this.map = map;
		this.slas = slas;
		this.timers = timers;
		this.clock = clock;
	}

	/**
	 * After any change to a ticket: its queue columns and its timers follow its clock. {@code quiet} (an
	 * import of old tickets) arms nothing that would already be due, so history is not announced again.
	 */
	void rearm(TicketRow row, boolean quiet) {
		EscalationPolicy policy = map.of(row.priority());
		SlaClock sla = slas.clockOf(row, policy);
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

	/** One timed event of a target: its warning, its breach, or escalation level n (1-based). */
	record Event(String name, int level) {

		Duration amount(EscalationPolicy policy, SlaClock.Target target) {
			SlaClock.Targets targets = policy.targets();
			return switch (name) {
				case "warn" -> targets.warningOf(target);
				case "breach" -> targets.of(target);
				default -> targets.of(target).plusMinutes(policy.levels().get(level - 1).afterBreachMinutes());
			};
		}
	}

	static List<Event> events(EscalationPolicy policy) {
		List<Event> events = new ArrayList<>(List.of(new Event("warn", 0), new Event("breach", 0)));
		for (int i = 1; i <= policy.levels().size() && i <= MAX_LEVELS; i++) {
			events.add(new Event("level" + i, i));
		}
		return events;
	}
}
