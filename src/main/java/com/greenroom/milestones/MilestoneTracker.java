package com.greenroom.milestones;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * {@link MilestoneReached} is announced the first time a creator reaches a milestone, as recorded in
 * {@code milestone_announcement}, the batch's reaches together in {@link MilestonesReached} events; that table
 * survives a rebuild, so a replay recomputes {@code creator_milestone} without announcing anything twice.
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
	 * and totals of every creator of the batch are read with one query each, and the creators with a
	 * milestone to evaluate are evaluated together ({@link #evaluate(List)}).
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
		List<Due> due = new java.util.ArrayList<>();
		recomputed.days().forEach((creatorId, days) -> {
			boolean everything = recomputed.rezoned().contains(creatorId);
			Instant earliestEvent = recomputed.earliestEventAt().get(creatorId);
			LocalDate earliestTouched = days.stream().min(LocalDate::compareTo).orElse(LocalDate.MAX);
			Map<String, Reached> reached = stored.getOrDefault(creatorId, Map.of());
			List<Milestone> candidates = milestones.stream().filter(m -> {
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
			if (!candidates.isEmpty()) {
				CreatorTotals creatorTotals = totals.get(creatorId);
				due.add(new Due(creatorId, candidates, days, earliestEvent, everything, reached,
						creatorTotals == null ? null : java.time.ZoneId.of(creatorTotals.timeZone()), creatorTotals));
			}
		});
		evaluate(due);
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
		evaluate(List.of(new Due(creatorId, milestones, touched, earliestEvent, everything, stored, null, null)));
	}

	/**
	 * A creator's milestones to evaluate, with its stored milestones, the time zone its days are counted
	 * in ({@code zone} null: read it) and its lifetime totals as of this batch ({@code totals} null: the days are read
	 * from the first).
	 */
	record Due(String creatorId, List<Milestone> milestones, Set<LocalDate> touched, Instant earliestEvent, boolean everything,
			Map<String, Reached> stored, java.time.ZoneId zone, CreatorTotals totals) {

		/**
		 * The first day whose days are read, or null for the whole history. Every day before the earliest touched day
		 * is as it was at the previous evaluation, when no milestone to evaluate now had crossed before it (one not
		 * reached was below its threshold in total; one reached crossed on or after that day, else it is settled):
		 * the crossing lies on or after it, and the count before it is the total less the days from it on.
		 */
		LocalDate readFrom() {
			return everything || totals == null ? null : touched.stream().min(LocalDate::compareTo).orElse(null);
		}

		/** Counts only grow day by day: days after every crossing day cannot change a reached milestone. */
		boolean settled(Reached r) {
			LocalDate earliestTouched = touched.stream().min(LocalDate::compareTo).orElse(LocalDate.MAX);
			return r != null && !everything && (earliestTouched.isAfter(r.day()) || earliestEvent != null && earliestEvent.isAfter(r.at()));
		}
	}

	/** A milestone crossed on a day, waiting for that day's qualifying event. */
	private record Crossed(Due due, Milestone milestone, LocalDate day, BigDecimal needed, Set<com.greenroom.events.EventType> types,
			int window) {
	}

	/**
	 * Evaluates the creators together: their days in one read (with the viewer counts only for creators
	 * with a viewer milestone due), the events of every crossing day in one read, the changed milestones
	 * written and announced with one statement each.
	 */
	private void evaluate(List<Due> all) {
		List<Due> due = all.stream().filter(d -> !d.milestones().stream().allMatch(m -> d.settled(d.stored().get(m.code())))).toList();
		if (due.isEmpty()) {
			return;
		}
		Set<String> withViewers = new java.util.HashSet<>();
		Set<String> withoutViewers = new java.util.HashSet<>();
		for (Due d : due) {
			boolean viewers = d.milestones()
				.stream()
				.anyMatch(m -> m.kind() == MilestoneKind.UNIQUE_VIEWERS || m.kind() == MilestoneKind.RETAINED_VIEWERS);
			(viewers ? withViewers : withoutViewers).add(d.creatorId());
		}
		Map<String, LocalDate> from = new java.util.HashMap<>();
		for (Due d : due) {
			if (d.readFrom() != null) {
				from.put(d.creatorId(), d.readFrom());
			}
		}
		Map<String, List<CreatorDay>> days = new java.util.HashMap<>(daysOf(withViewers, from, true));
		days.putAll(daysOf(withoutViewers, from, false));
		// the count before the first day read, per creator and milestone code (absent: the whole history was read)
		Map<String, Map<String, BigDecimal>> countsBefore = new java.util.HashMap<>();
		Set<String> wholeHistory = new java.util.HashSet<>();
		for (Due d : due) {
			if (!from.containsKey(d.creatorId())) {
				continue;
			}
			List<CreatorDay> read = days.getOrDefault(d.creatorId(), List.of());
			for (Milestone milestone : d.milestones()) {
				if (d.settled(d.stored().get(milestone.code()))) {
					continue;
				}
				BigDecimal count = MilestoneRules.total(milestone.kind(), d.totals());
				for (CreatorDay day : read) {
					count = count.subtract(MilestoneRules.onDay(milestone.kind(), day));
				}
				if (count.signum() < 0 || count.compareTo(milestone.threshold()) >= 0) {
					wholeHistory.add(d.creatorId()); // not as the reasoning above expects: read every day rather than guess
				}
				countsBefore.computeIfAbsent(d.creatorId(), k -> new java.util.HashMap<>()).put(milestone.code(), count);
			}
		}
		if (!wholeHistory.isEmpty()) {
			wholeHistory.forEach(id -> {
				from.remove(id);
				countsBefore.remove(id);
				days.remove(id);
			});
			days.putAll(daysOf(withViewers.stream().filter(wholeHistory::contains).toList(), Map.of(), true));
			days.putAll(daysOf(withoutViewers.stream().filter(wholeHistory::contains).toList(), Map.of(), false));
		}
		List<String[]> removed = new java.util.ArrayList<>();
		List<Crossed> crossed = new java.util.ArrayList<>();
		// the crossing days' events, read once per set of event types that can count (one query each)
		Map<Set<com.greenroom.events.EventType>, Map<Activity.DayOf, Integer>> windows = new java.util.LinkedHashMap<>();
		for (Due d : due) {
			java.time.ZoneId zone = d.zone() == null ? activity.zoneOf(d.creatorId()) : d.zone();
			List<CreatorDay> creatorDays = days.getOrDefault(d.creatorId(), List.of());
			for (Milestone milestone : d.milestones()) {
				Reached before = d.stored().get(milestone.code());
				BigDecimal countBefore = BigDecimal.ZERO;
				if (from.containsKey(d.creatorId())) {
					if (d.settled(before)) {
						continue; // its crossing day and qualifying event are as stored
					}
					countBefore = countsBefore.get(d.creatorId()).get(milestone.code());
				}
				Optional<MilestoneRules.Crossing> crossing = MilestoneRules.crossing(milestone.kind(), milestone.threshold(), countBefore,
						creatorDays);
				if (crossing.isEmpty()) {
					if (before != null) {
						removed.add(new String[] { d.creatorId(), milestone.code() });
					}
					continue;
				}
				LocalDate day = crossing.get().day().day();
				if (d.settled(before) && before.day().equals(day)) {
					continue;
				}
				Set<com.greenroom.events.EventType> types = MilestoneRules.typesOf(milestone.kind());
				Map<Activity.DayOf, Integer> ofTypes = windows.computeIfAbsent(types, k -> new java.util.LinkedHashMap<>());
				int window = ofTypes.computeIfAbsent(new Activity.DayOf(d.creatorId(), day, zone), k -> ofTypes.size());
				crossed.add(new Crossed(d, milestone, day, crossing.get().needed(), types, window));
			}
		}
		if (!removed.isEmpty()) {
			jdbc.sql("""
					delete from creator_milestone m using unnest(cast(:c as text[]), cast(:code as text[])) as x(creator_id, code)
					where m.creator_id = x.creator_id and m.code = x.code""")
				.param("c", removed.stream().map(r -> r[0]).toArray(String[]::new))
				.param("code", removed.stream().map(r -> r[1]).toArray(String[]::new))
				.update();
		}
		if (crossed.isEmpty()) {
			return;
		}
		Map<Set<com.greenroom.events.EventType>, List<List<PlatformEvent>>> dayEvents = new java.util.HashMap<>();
		windows.forEach((types, ofTypes) -> dayEvents.put(types, activity.eventsOn(List.copyOf(ofTypes.keySet()), types)));
		List<PlatformEvent> qualifying = new java.util.ArrayList<>();
		for (Crossed c : crossed) {
			String creatorId = c.due().creatorId();
			Set<String> viewers = switch (c.milestone().kind()) {
				case UNIQUE_VIEWERS -> activity.viewersFirstSeenOn(creatorId, c.day());
				case RETAINED_VIEWERS -> activity.viewersRetainedOn(creatorId, c.day());
				default -> Set.of();
			};
			qualifying.add(MilestoneRules.qualifyingEvent(c.milestone().kind(), c.needed(), dayEvents.get(c.types()).get(c.window()), viewers)
				.orElseThrow(() -> new IllegalStateException(
						"No qualifying event for " + c.milestone().code() + " of " + creatorId + " on " + c.day())));
		}
		String[] creators = crossed.stream().map(c -> c.due().creatorId()).toArray(String[]::new);
		String[] codes = crossed.stream().map(c -> c.milestone().code()).toArray(String[]::new);
		Timestamp[] at = qualifying.stream().map(e -> Timestamp.from(e.occurredAt())).toArray(Timestamp[]::new);
		jdbc.sql("""
				insert into creator_milestone (creator_id, code, reached_at, reached_day, event_id)
				select * from unnest(cast(:c as text[]), cast(:code as text[]), cast(:at as timestamptz[]), cast(:day as date[]),
				                     cast(:event as text[]))
				on conflict (creator_id, code) do update set reached_at = excluded.reached_at, reached_day = excluded.reached_day,
				    event_id = excluded.event_id""")
			.param("c", creators)
			.param("code", codes)
			.param("at", at)
			.param("day", crossed.stream().map(c -> java.sql.Date.valueOf(c.day())).toArray(java.sql.Date[]::new))
			.param("event", qualifying.stream().map(PlatformEvent::id).toArray(String[]::new))
			.update();
		announceOnce(creators, codes, at);
	}

	/** The days of the creators: from their {@code from} day for those that have one, else every day. */
	private Map<String, List<CreatorDay>> daysOf(java.util.Collection<String> ids, Map<String, LocalDate> from, boolean viewers) {
		Map<String, LocalDate> bounded = new java.util.HashMap<>();
		List<String> whole = new java.util.ArrayList<>();
		for (String id : ids) {
			if (from.containsKey(id)) {
				bounded.put(id, from.get(id));
			}
			else {
				whole.add(id);
			}
		}
		Map<String, List<CreatorDay>> days = new java.util.HashMap<>(activity.days(whole, viewers));
		days.putAll(activity.daysFrom(bounded, viewers));
		return days;
	}

	/** Records the first reach of each (creator, milestone) and publishes those, in the order given, as {@link MilestonesReached} events. */
	private void announceOnce(String[] creators, String[] codes, Timestamp[] reachedAt) {
		Set<List<String>> inserted = new java.util.HashSet<>();
		jdbc.sql("""
				insert into milestone_announcement (creator_id, code, reached_at, announced_at)
				select c, code, at, :now from unnest(cast(:c as text[]), cast(:code as text[]), cast(:at as timestamptz[])) as x(c, code, at)
				on conflict (creator_id, code) do nothing
				returning creator_id, code""")
			.param("c", creators)
			.param("code", codes)
			.param("at", reachedAt)
			.param("now", Timestamp.from(clock.instant()))
			.query(rs -> {
				inserted.add(List.of(rs.getString(1), rs.getString(2)));
			});
		List<MilestoneReached> reached = new ArrayList<>(inserted.size());
		for (int i = 0; i < creators.length; i++) {
			if (inserted.contains(List.of(creators[i], codes[i]))) {
				reached.add(new MilestoneReached(creators[i], codes[i], reachedAt[i].toInstant()));
			}
		}
		MilestonesReached.inEventsOf(reached).forEach(events::publishEvent);
	}

}
