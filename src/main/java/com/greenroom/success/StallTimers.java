package com.greenroom.success;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.greenroom.calendar.BusinessCalendar;
import com.greenroom.calendar.BusinessCalendars;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorStatus;
import com.greenroom.creators.Creators;
import com.greenroom.milestones.Milestones;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Arms the durable timers of stall rules: one per creator and rule (by milestone and key, whichever scope's
 * version is in force), due at registration + the rule's window in the creator's region's calendar. Armed
 * when a creator registers, and set-based for the creators a rule governs when it is created, changed or
 * switched on. Deadlines older than the look-back ({@code greenroom.success.stall-lookback}, 30 days) are
 * not armed, so a new rule does not flood long-stalled creators. The timer re-checks everything when it
 * fires ({@link SupportActions#fireStall}); nothing scans the roster on a schedule.
 */
@Component
class StallTimers {

	static final String KIND = "success-stall";

	private final Creators creators;

	private final BusinessCalendars calendars;

	private final Milestones milestones;

	/** Lazily, as every module that both schedules and handles timers does: the timers are built from their handlers. */
	private final ObjectProvider<Timers> timers;

	private final Clock clock;

	private final Duration lookback;

	StallTimers(Creators creators, BusinessCalendars calendars, Milestones milestones, ObjectProvider<Timers> timers, Clock clock,
			@Value("${greenroom.success.stall-lookback:P30D}") Duration lookback) {
		this.creators = creators;
		this.calendars = calendars;
		this.milestones = milestones;
		this.timers = timers;
		this.clock = clock;
		this.lookback = lookback;
	}

	/** The timer of one rule (milestone and key) and creator. */
	static String key(String milestoneCode, String ruleKey, String creatorId) {
		return KIND + ":" + milestoneCode + ":" + ruleKey + ":" + creatorId;
	}

	/** What the handler needs to find the rule and creator again: milestone, rule key and creator id, a line each. */
	static String payload(String milestoneCode, String ruleKey, String creatorId) {
		return milestoneCode + "\n" + ruleKey + "\n" + creatorId;
	}

	/**
	 * Arms the stall rules in force for a newly registered creator; returns how many timers are pending. A batch's
	 * creators of one region share its calendar, read once per transaction ({@link BusinessCalendars#of}).
	 */
	int armFor(Creator creator, List<SupportRule> inForce) {
		if (!governed(creator) || inForce.isEmpty()) {
			return 0;
		}
		Instant now = clock.instant();
		BusinessCalendar calendar = calendars.of(creator.regionCode());
		List<TimerRequest> requests = new ArrayList<>();
		for (SupportRule rule : inForce) {
			request(rule, creator, calendar, now).ifPresent(requests::add);
		}
		return requests.isEmpty() ? 0 : timers.getObject().scheduleAll(requests);
	}

	/**
	 * Arms a created or changed STALL rule for every creator it governs: registered recently enough for the
	 * deadline to be ahead or within the look-back, active, in the rule's region (a global rule: in regions
	 * without their own rule of the key), and not past the milestone. Pending timers move to the new deadline;
	 * fired ones stay fired. Joins the caller's transaction. Returns how many timers are pending.
	 */
	int arm(SupportRule rule, SupportRules rules) {
		if (rule.kind() != RuleKind.STALL || !rule.active()) {
			return 0;
		}
		Instant now = clock.instant();
		// Business days stretch a span by weekends and holidays: three calendar days per step is ample.
		Instant earliest = now.minus(lookback).minus(Duration.ofDays(3L * rule.stallAfter() + 30));
		Set<String> overriding = rule.region() == null ? Set.copyOf(rules.regionsOverriding(rule.milestoneCode(), rule.key())) : Set.of();
		Set<String> reached = milestones.creatorsWhoReached(rule.milestoneCode());
		List<TimerRequest> requests = new ArrayList<>();
		for (Creator creator : creators.registeredBetween(earliest, now.plus(Duration.ofDays(366)))) {
			if (!governed(creator) || reached.contains(creator.creatorId())
					|| (rule.region() == null ? overriding.contains(creator.regionCode()) : !rule.region().equals(creator.regionCode()))) {
				continue;
			}
			request(rule, creator, calendars.of(creator.regionCode()), now).ifPresent(requests::add);
		}
		return requests.isEmpty() ? 0 : timers.getObject().scheduleAll(requests);
	}

	/** A timer for a deadline that moved later than the one its timer came due at (the creator's registration changed). */
	void rearm(SupportRule rule, Creator creator, Instant deadline) {
		timers.getObject().schedule(new TimerRequest(KIND, key(rule.milestoneCode(), rule.key(), creator.creatorId()) + "@"
				+ deadline.getEpochSecond(), deadline, payload(rule.milestoneCode(), rule.key(), creator.creatorId())));
	}

	private java.util.Optional<TimerRequest> request(SupportRule rule, Creator creator, BusinessCalendar calendar, Instant now) {
		Instant deadline = RuleSchedule.stallDeadline(rule, creator.registeredAt(), calendar);
		if (!deadline.isAfter(now.minus(lookback))) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(new TimerRequest(KIND, key(rule.milestoneCode(), rule.key(), creator.creatorId()), deadline,
				payload(rule.milestoneCode(), rule.key(), creator.creatorId())));
	}

	private static boolean governed(Creator creator) {
		return creator.status() == CreatorStatus.ACTIVE && creator.regionCode() != null && creator.registeredAt() != null;
	}
}
