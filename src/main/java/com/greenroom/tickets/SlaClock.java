package com.greenroom.tickets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The SLA clock of one ticket, from its history alone: the opening instant, the status changes (the clock
 * stands still while the ticket waits on the creator and while it is resolved, so a reopened ticket carries
 * on where it stopped), the first response and the targets, counted in {@link WorkingTime}. Nothing is
 * stored but the history, so a new priority, target or calendar recomputes the same ticket from the start.
 */
final class SlaClock {

	/** The two targets of a ticket. */
	enum Target {

		FIRST_RESPONSE("frt"), RESOLUTION("res");

		final String key;

		Target(String key) {
			this.key = key;
		}
	}

	/** A priority's targets in minutes and the warning threshold in percent of each. */
	record Targets(long firstResponseMinutes, long resolutionMinutes, int warnAtPercent) {

		Duration of(Target target) {
			return Duration.ofMinutes(target == Target.FIRST_RESPONSE ? firstResponseMinutes : resolutionMinutes);
		}

		Duration warningOf(Target target) {
			return Duration.ofSeconds(of(target).toSeconds() * warnAtPercent / 100);
		}
	}

	/** An interval of running clock: from {@code start} to {@code end} (null: still running). */
	private record Running(Instant start, Instant end) {
	}

	private final List<Running> running;

	private final boolean paused;

	private final Instant resolvedAt;

	private final Instant firstResponseAt;

	private final Targets targets;

	private final WorkingTime time;

	private SlaClock(List<Running> running, boolean paused, Instant resolvedAt, Instant firstResponseAt, Targets targets, WorkingTime time) {
		this.running = running;
		this.paused = paused;
		this.resolvedAt = resolvedAt;
		this.firstResponseAt = firstResponseAt;
		this.targets = targets;
		this.time = time;
	}

	/**
	 * The clock of a ticket opened at {@code openedAt} with the given status history (in any order; a change
	 * before the opening counts from the opening) and first response (null: none yet).
	 */
	static SlaClock of(Instant openedAt, List<StatusChange> history, Instant firstResponseAt, Targets targets, WorkingTime time) {
		List<StatusChange> changes = history.stream().sorted(Comparator.comparing(StatusChange::at)).toList();
		List<Running> running = new ArrayList<>();
		Instant runningSince = openedAt;
		TicketStatus current = TicketStatus.NEW;
		Instant doneSince = null;
		for (StatusChange change : changes) {
			Instant at = change.at().isBefore(openedAt) ? openedAt : change.at();
			boolean wasRunning = !current.stopsClock();
			boolean runs = !change.status().stopsClock();
			if (wasRunning && !runs) {
				if (at.isAfter(runningSince)) {
					running.add(new Running(runningSince, at));
				}
			}
			else if (!wasRunning && runs) {
				runningSince = at;
			}
			if (change.status().done() && !current.done()) {
				doneSince = at;
			}
			current = change.status();
		}
		if (!current.stopsClock()) {
			running.add(new Running(runningSince, null));
		}
		Instant resolved = current.done() ? doneSince : null;
		return new SlaClock(running, current == TicketStatus.WAITING_ON_CREATOR, resolved, firstResponseAt, targets, time);
	}

	boolean paused() {
		return paused;
	}

	Instant resolvedAt() {
		return resolvedAt;
	}

	/** When the target's clock stopped for good: the first response (or the resolution), the resolution. */
	Instant stopOf(Target target) {
		if (target == Target.RESOLUTION || firstResponseAt == null) {
			return resolvedAt;
		}
		return resolvedAt != null && resolvedAt.isBefore(firstResponseAt) ? resolvedAt : firstResponseAt;
	}

	/** Whether the target's clock is running now (not stopped for good, not paused). */
	boolean runs(Target target) {
		return stopOf(target) == null && !paused;
	}

	/** Time counted on the target's clock up to {@code now}. */
	Duration counted(Target target, Instant now) {
		Instant stop = stopOf(target);
		Instant until = stop != null && stop.isBefore(now) ? stop : now;
		Duration total = Duration.ZERO;
		for (Running r : running) {
			if (!r.start().isBefore(until)) {
				break;
			}
			Instant end = r.end() == null || r.end().isAfter(until) ? until : r.end();
			total = total.plus(time.between(r.start(), end));
		}
		return total;
	}

	/**
	 * The instant at which the target's clock reaches {@code amount}. Past the clock's stop (or while it is
	 * paused) the instant is projected as if the clock ran on from the stop (or from {@code now}).
	 */
	Instant reaches(Target target, Duration amount, Instant now) {
		Instant stop = stopOf(target);
		Duration left = amount;
		for (Running r : running) {
			if (stop != null && !r.start().isBefore(stop)) {
				break;
			}
			Instant end = r.end();
			if (stop != null && (end == null || end.isAfter(stop))) {
				end = stop;
			}
			Instant candidate = time.add(r.start(), left);
			if (end == null || !candidate.isAfter(end)) {
				return candidate;
			}
			left = left.minus(time.between(r.start(), end));
		}
		Instant from = stop != null ? stop : now;
		if (stop == null && !running.isEmpty() && running.get(running.size() - 1).end().isAfter(now)) {
			from = running.get(running.size() - 1).end();
		}
		return time.add(from, left);
	}

	Instant dueOf(Target target, Instant now) {
		return reaches(target, targets.of(target), now);
	}

	/** Whether the target is missed as of {@code now}: reached while pending, or passed before it was met. */
	boolean breached(Target target, Instant now) {
		int compared = counted(target, now).compareTo(targets.of(target));
		return stopOf(target) == null || stopOf(target).isAfter(now) ? compared >= 0 : compared > 0;
	}

	/** The SLA as of {@code now}. */
	Sla at(Instant now) {
		boolean frtPending = stopOf(Target.FIRST_RESPONSE) == null;
		boolean breached = breached(Target.FIRST_RESPONSE, now) || breached(Target.RESOLUTION, now);
		Target active = frtPending ? Target.FIRST_RESPONSE : Target.RESOLUTION;
		Duration elapsed = counted(active, now);
		SlaState state;
		if (breached) {
			state = SlaState.BREACHED;
		}
		else if (resolvedAt != null) {
			state = SlaState.MET;
		}
		else if (elapsed.compareTo(targets.warningOf(active)) >= 0
				|| counted(Target.RESOLUTION, now).compareTo(targets.warningOf(Target.RESOLUTION)) >= 0) {
			state = SlaState.WARNING;
		}
		else {
			state = SlaState.ON_TRACK;
		}
		long elapsedMinutes = elapsed.toMinutes();
		return new Sla(dueOf(Target.FIRST_RESPONSE, now), firstResponseAt, dueOf(Target.RESOLUTION, now), resolvedAt, paused,
				elapsedMinutes, targets.of(active).toMinutes() - elapsedMinutes, state);
	}
}
