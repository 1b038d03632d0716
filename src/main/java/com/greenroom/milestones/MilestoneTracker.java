package com.greenroom.milestones;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.greenroom.activity.Activity;
import com.greenroom.activity.ActivityRecomputed;
import com.greenroom.activity.ActivityReset;
import com.greenroom.activity.CreatorDay;
import com.greenroom.activity.CreatorTotals;
import com.greenroom.events.PlatformEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Detects milestones when the activity projection recomputes a creator's days, in the same transaction.
 * The crossing day comes from the creator-day rollups; the qualifying event (whose event time is
 * {@code reachedAt}) from that day's events, so a late event moves {@code reachedAt} earlier.
 * <p>
 * {@link MilestoneReached} is published the first time a creator reaches a milestone, as recorded in
 * {@code milestone_announcement}; that table survives a rebuild, so a replay recomputes
 * {@code creator_milestone} without announcing anything twice.
 */
@Component
class MilestoneTracker {

	private final JdbcClient jdbc;

	private final Activity activity;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MilestoneTracker(JdbcClient jdbc, Activity activity, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.activity = activity;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Evaluates, for each creator of the batch, only the milestones that can have changed: one not yet
	 * reached whose total has reached its threshold, one reached whose qualifying event or crossing day a
	 * late event may move, or all of them when the creator's time zone changed. The stored milestones
	 * and totals of every creator of the batch are read with one query each.
	 */
	@EventListener
	void on(ActivityRecomputed recomputed) {
		List<Milestone> milestones = definitions();
		Set<String> ids = recomputed.days().keySet();
		Map<String, Map<String, Reached>> stored = new java.util.HashMap<>();
		jdbc.sql("select creator_id, code, reached_day, reached_at from creator_milestone where creator_id = any(:c)")
			.param("c", ids.toArray(String[]::new))
			.query(rs -> {
				stored.computeIfAbsent(rs.getString(1), k -> new java.util.HashMap<>())
					.put(rs.getString(2), new Reached(rs.getObject(3, LocalDate.class), rs.getTimestamp(4).toInstant()));
			});
		Map<String, CreatorTotals> totals = activity.totals(ids);
		recomputed.days().forEach((creatorId, days) -> {
			boolean everything = recomputed.rezoned().contains(creatorId);
			Instant earliestEvent = recomputed.earliestEventAt().get(creatorId);
			LocalDate earliestTouched = days.stream().min(LocalDate::compareTo).orElse(LocalDate.MAX);
			Map<String, Reached> reached = stored.getOrDefault(creatorId, Map.of());
			List<Milestone> due = milestones.stream().filter(m -> {
				Reached r = reached.get(m.code());
				if (everything) {
					return true;
				}
				if (r == null) {
					// counts add up day by day: below the threshold in total, no day crosses it
					return MilestoneRules.total(m.kind(), totals.get(creatorId)).compareTo(m.threshold()) >= 0;
				}
				return !(earliestTouched.isAfter(r.day()) || earliestEvent != null && earliestEvent.isAfter(r.at()));
			}).toList();
			if (!due.isEmpty()) {
				CreatorTotals creatorTotals = totals.get(creatorId);
				evaluate(creatorId, due, days, earliestEvent, everything, reached,
						creatorTotals == null ? null : java.time.ZoneId.of(creatorTotals.timeZone()));
			}
		});
	}

	@EventListener
	void on(ActivityReset reset) {
		jdbc.sql("delete from creator_milestone").update();
	}

	List<Milestone> definitions() {
		return jdbc.sql("select code, name, kind, threshold, built_in from milestone_definition order by position, code")
			.query((rs, n) -> new Milestone(rs.getString("code"), rs.getString("name"), MilestoneKind.valueOf(rs.getString("kind")),
					rs.getBigDecimal("threshold"), rs.getBoolean("built_in")))
			.list();
	}

	record Reached(LocalDate day, Instant at) {
	}

	/**
	 * @param touched the days recomputed since the last evaluation; a milestone whose crossing day is
	 * unchanged and before every touched day keeps its qualifying event
	 * @param earliestEvent the earliest event time among the new events (null: unknown); a milestone
	 * reached before it keeps its qualifying event, as only events up to reachedAt decide it
	 * @param everything re-derive every milestone (the creator's time zone changed, or a new definition)
	 */
	void evaluate(String creatorId, List<Milestone> milestones, Set<LocalDate> touched, Instant earliestEvent, boolean everything) {
		Map<String, Reached> stored = jdbc.sql("select code, reached_day, reached_at from creator_milestone where creator_id = :c")
			.param("c", creatorId)
			.query((rs, n) -> Map.entry(rs.getString("code"),
					new Reached(rs.getObject("reached_day", LocalDate.class), rs.getTimestamp("reached_at").toInstant())))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		evaluate(creatorId, milestones, touched, earliestEvent, everything, stored, null);
	}

	/**
	 * As above, with the creator's stored milestones and time zone already read (a batch reads them for
	 * all its creators at once); {@code zone} null: read it.
	 */
	private void evaluate(String creatorId, List<Milestone> milestones, Set<LocalDate> touched, Instant earliestEvent, boolean everything,
			Map<String, Reached> stored, java.time.ZoneId zone) {
		LocalDate earliestTouched = touched.stream().min(LocalDate::compareTo).orElse(LocalDate.MAX);
		// counts only grow day by day: days after every crossing day cannot change a reached milestone
		Predicate<Reached> settled = r -> r != null && !everything
				&& (earliestTouched.isAfter(r.day()) || earliestEvent != null && earliestEvent.isAfter(r.at()));
		if (milestones.stream().allMatch(m -> settled.test(stored.get(m.code())))) {
			return;
		}
		List<CreatorDay> days = activity.days(creatorId);
		for (Milestone milestone : milestones) {
			Optional<MilestoneRules.Crossing> crossing = MilestoneRules.crossing(milestone.kind(), milestone.threshold(), days);
			Reached before = stored.get(milestone.code());
			if (crossing.isEmpty()) {
				if (before != null) {
					jdbc.sql("delete from creator_milestone where creator_id = :c and code = :code")
						.param("c", creatorId)
						.param("code", milestone.code())
						.update();
				}
				continue;
			}
			LocalDate day = crossing.get().day().day();
			if (settled.test(before) && before.day().equals(day)) {
				continue;
			}
			Set<String> viewers = switch (milestone.kind()) {
				case UNIQUE_VIEWERS -> activity.viewersFirstSeenOn(creatorId, day);
				case RETAINED_VIEWERS -> activity.viewersRetainedOn(creatorId, day);
				default -> Set.of();
			};
			List<PlatformEvent> dayEvents = zone == null ? activity.eventsOn(creatorId, day) : activity.eventsOn(creatorId, day, zone);
			PlatformEvent qualifying = MilestoneRules.qualifyingEvent(milestone.kind(), crossing.get().needed(), dayEvents, viewers)
				.orElseThrow(() -> new IllegalStateException("No qualifying event for " + milestone.code() + " of " + creatorId + " on " + day));
			jdbc.sql("""
					insert into creator_milestone (creator_id, code, reached_at, reached_day, event_id) values (:c, :code, :at, :day, :event)
					on conflict (creator_id, code) do update set reached_at = excluded.reached_at, reached_day = excluded.reached_day,
					    event_id = excluded.event_id""")
				.param("c", creatorId)
				.param("code", milestone.code())
				.param("at", Timestamp.from(qualifying.occurredAt()))
				.param("day", day)
				.param("event", qualifying.id())
				.update();
			announceOnce(creatorId, milestone.code(), qualifying.occurredAt());
		}
	}

	private void announceOnce(String creatorId, String code, Instant reachedAt) {
		int inserted = jdbc.sql("""
				insert into milestone_announcement (creator_id, code, reached_at, announced_at) values (:c, :code, :at, :now)
				on conflict (creator_id, code) do nothing""")
			.param("c", creatorId)
			.param("code", code)
			.param("at", Timestamp.from(reachedAt))
			.param("now", Timestamp.from(clock.instant()))
			.update();
		if (inserted == 1) {
			events.publishEvent(new MilestoneReached(creatorId, code, reachedAt));
		}
	}
}
