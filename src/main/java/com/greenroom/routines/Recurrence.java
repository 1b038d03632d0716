package com.greenroom.routines;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * When a routine falls due: its RRULE (ical4j's {@link Recur}, never hand-rolled) from {@code startsOn} at
 * the local {@code dueTime}, less the EXDATE dates, in one region's time zone. A local time that does not
 * exist on a spring-forward day is due at the next valid local time (the end of the gap: 02:30 in Berlin
 * on the last Sunday of March is due at 03:00); a local time that happens twice on a fall-back day is due
 * at the first of the two. With {@link NonWorkingDay#NEXT_WORKING_DAY} an occurrence on a non-working day
 * moves to the next working day at the same local time.
 */
final class Recurrence {

	/** The days a working-day shift may look ahead (a month of holidays is already absurd). */
	private static final int MAX_SHIFT_DAYS = 31;

	private final Recur<LocalDateTime> recur;

	private final String rule;

	private final LocalTime dueTime;

	private final LocalDate startsOn;

	private final Set<LocalDate> exdates;

	private final NonWorkingDay nonWorkingDay;

	private Recurrence(Recur<LocalDateTime> recur, String rule, LocalTime dueTime, LocalDate startsOn, Set<LocalDate> exdates,
			NonWorkingDay nonWorkingDay) {
		this.recur = recur;
		this.rule = rule;
		this.dueTime = dueTime;
		this.startsOn = startsOn;
		this.exdates = Set.copyOf(exdates);
		this.nonWorkingDay = nonWorkingDay;
	}

	/**
	 * Parses an RRULE (an optional {@code RRULE:} prefix and any letter case accepted). Refused, with the
	 * reason: text that does not parse, a frequency under a day or BYHOUR/BYMINUTE/BYSECOND (the time of
	 * day is {@code dueTime}), an INTERVAL under 1, and a rule without any occurrence in the next five years.
	 */
	static Recurrence of(String rrule, LocalTime dueTime, LocalDate startsOn, Set<LocalDate> exdates, NonWorkingDay nonWorkingDay) {
		String text = normalize(rrule);
		Recur<LocalDateTime> recur;
		try {
			recur = new Recur<>(text);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("does not parse as an RFC 5545 RRULE (" + ex.getMessage() + ")", ex);
		}
		Frequency frequency = recur.getFrequency();
		if (frequency == null || frequency.ordinal() < Frequency.DAILY.ordinal()) {
			throw new IllegalArgumentException("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY: the time of day is dueTime");
		}
		if (!recur.getHourList().isEmpty() || !recur.getMinuteList().isEmpty() || !recur.getSecondList().isEmpty()) {
			throw new IllegalArgumentException("BYHOUR, BYMINUTE and BYSECOND are not used: the time of day is dueTime");
		}
		if (text.contains("INTERVAL=") && recur.getInterval() < 1) {
			throw new IllegalArgumentException("INTERVAL must be 1 or more");
		}
		Recurrence recurrence = new Recurrence(recur, text, dueTime, startsOn, exdates, nonWorkingDay == null ? NonWorkingDay.KEEP
				: nonWorkingDay);
		List<LocalDateTime> first;
		try {
			first = recurrence.ruleDates(recurrence.seed(), recurrence.seed().plusYears(5), 1);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("cannot be evaluated (" + ex.getMessage() + ")", ex);
		}
		if (first.isEmpty()) {
			throw new IllegalArgumentException("has no occurrence in the five years from " + startsOn);
		}
		return recurrence;
	}

	static String normalize(String rrule) {
		String text = rrule == null ? "" : rrule.strip().toUpperCase(Locale.ROOT);
		return text.startsWith("RRULE:") ? text.substring("RRULE:".length()) : text;
	}

	String rule() {
		return rule;
	}

	/** Whether the rule ends by itself (COUNT or UNTIL); otherwise generation needs a horizon. */
	boolean bounded() {
		return recur.getCount() > 0 || ((Recur<?>) recur).getUntil() != null;
	}

	private LocalDateTime seed() {
		return startsOn.atTime(dueTime);
	}

	/**
	 * The occurrences due in {@code (after, upTo]} in the zone, in due order; {@code workingDay} tells the
	 * region's working days. A null {@code after} means from the start of the rule.
	 */
	List<Occurrence> between(ZoneId zone, Predicate<LocalDate> workingDay, Instant after, Instant upTo) {
		LocalDateTime from = after == null ? seed() : LocalDateTime.ofInstant(after, zone).minusDays(MAX_SHIFT_DAYS + 2);
		LocalDateTime to = LocalDateTime.ofInstant(upTo, zone).plusDays(2);
		if (from.isBefore(seed())) {
			from = seed();
		}
		List<Occurrence> found = new ArrayList<>();
		if (from.isAfter(to)) {
			return found;
		}
		for (LocalDateTime ruleAt : ruleDates(from, to, Integer.MAX_VALUE)) {
			if (exdates.contains(ruleAt.toLocalDate())) {
				continue;
			}
			LocalDate day = ruleAt.toLocalDate();
			if (nonWorkingDay != NonWorkingDay.KEEP && !workingDay.test(day)) {
				if (nonWorkingDay == NonWorkingDay.SKIP) {
					continue;
				}
				int shifted = 0;
				while (!workingDay.test(day) && shifted++ < MAX_SHIFT_DAYS) {
					day = day.plusDays(1);
				}
			}
			LocalDateTime local = day.atTime(ruleAt.toLocalTime());
			Instant due = dueInstant(local, zone);
			if ((after == null || due.isAfter(after)) && !due.isAfter(upTo)) {
				found.add(new Occurrence(ruleAt, LocalDateTime.ofInstant(due, zone), due));
			}
		}
		found.sort(Comparator.comparing(Occurrence::dueAt));
		return found;
	}

	/** The first occurrence due after {@code after}, looking up to a year and a bit ahead. */
	java.util.Optional<Occurrence> next(ZoneId zone, Predicate<LocalDate> workingDay, Instant after) {
		return between(zone, workingDay, after, after.plus(java.time.Duration.ofDays(400))).stream().findFirst();
	}

	private List<LocalDateTime> ruleDates(LocalDateTime from, LocalDateTime to, int max) {
		List<LocalDateTime> dates = recur.getDates(seed(), from, to, max);
		return dates.stream().map(d -> d.toLocalDate().atTime(dueTime)).toList();
	}

	/**
	 * The instant of a local date-time in a zone: the earlier offset when the time happens twice, the end of
	 * the gap (the next valid local time) when it does not happen at all.
	 */
	static Instant dueInstant(LocalDateTime local, ZoneId zone) {
		ZoneRules rules = zone.getRules();
		if (rules.getValidOffsets(local).isEmpty()) {
			ZoneOffsetTransition gap = rules.getTransition(local);
			return gap.getInstant();
		}
		return ZonedDateTime.ofLocal(local, zone, null).toInstant();
	}

	/**
	 * One occurrence: {@code ruleAt} is the local date-time the RRULE names (its identity), {@code localAt} the
	 * local date-time it is due at (after a gap or working-day shift), {@code dueAt} the instant.
	 */
	record Occurrence(LocalDateTime ruleAt, LocalDateTime localAt, Instant dueAt) {
	}
}
