package com.greenroom.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.transform.recurrence.Frequency;

import com.greenroom.system.Checks;

/**
 * RFC 5545 recurrence through ical4j, never by hand: an event becomes a master VEVENT (DTSTART with TZID, or a DATE
 * when all-day; RRULE; EXDATE) whose recurrence set ical4j calculates for a window; moved occurrences (RECURRENCE-ID)
 * replace their original slot. The same VEVENTs are what the iCalendar feeds publish.
 */
final class Recurrence {

	/** A bounded rule may reach this far after the start; beyond it, leave the end out and query with a horizon. */
	static final int MAX_RULE_YEARS = 10;

	static final int MAX_COUNT = 1000;

	private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

	private Recurrence() {
	}

	/** One occurrence: {@code recurrenceId} is its original local start (midnight for an all-day event). */
	record Slot(LocalDateTime recurrenceId, ZonedDateTime start, ZonedDateTime end, boolean moved, String title) {

		Instant startInstant() {
			return start.toInstant();
		}

		Instant endInstant() {
			return end.toInstant();
		}
	}

	/**
	 * The rule as stored: parsed by ical4j, without a leading {@code RRULE:}, UNTIL made what RFC 5545 asks for (UTC
	 * for a timed event, a DATE for an all-day one), frequency at least hourly, bounded rules within
	 * {@link #MAX_RULE_YEARS}. Null when there is no rule; problems are added to {@code checks}.
	 */
	static String normalize(String value, boolean allDay, ZoneId zone, LocalDateTime start, Checks checks) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
			text = text.substring(6);
		}
		Recur<Temporal> recur;
		try {
			recur = new Recur<>(text);
		}
		catch (RuntimeException ex) {
			checks.require(false, "rrule", "is not an RFC 5545 recurrence rule such as FREQ=WEEKLY;BYDAY=MO;COUNT=6 ("
					+ (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()) + ")");
			return null;
		}
		if (recur.getFrequency() == null) {
			checks.require(false, "rrule", "needs FREQ, such as FREQ=WEEKLY");
			return null;
		}
		if (recur.getFrequency() == Frequency.SECONDLY || recur.getFrequency() == Frequency.MINUTELY) {
			checks.require(false, "rrule", "repeats too often for a calendar; use FREQ=HOURLY or longer");
			return null;
		}
		if (recur.getCount() > MAX_COUNT) {
			checks.require(false, "rrule", "COUNT must be at most " + MAX_COUNT);
			return null;
		}
		Temporal until = recur.getUntil();
		if (until != null && zone != null) {
			String normal = allDay ? DATE.format(untilDate(until, zone)) : UTC_STAMP.format(untilInstant(until, zone).atOffset(ZoneOffset.UTC));
			text = text.replaceAll("(?i)UNTIL=[^;]*", "UNTIL=" + normal);
			recur = new Recur<>(text);
		}
		if (start != null && zone != null) {
			ZonedDateTime seed = start.atZone(zone);
			ZonedDateTime limit = seed.plusYears(MAX_RULE_YEARS);
			if (until != null && untilInstant(until, zone).isAfter(limit.toInstant())) {
				checks.require(false, "rrule", "UNTIL is more than " + MAX_RULE_YEARS
						+ " years after the start; leave it out to repeat without end (queries then need a horizon)");
				return null;
			}
			if (recur.getCount() > 0 && dates(text, allDay, seed, limit).size() < recur.getCount()) {
				checks.require(false, "rrule", "COUNT reaches more than " + MAX_RULE_YEARS
						+ " years after the start; leave it out to repeat without end (queries then need a horizon)");
				return null;
			}
		}
		return recur.toString();
	}

	static boolean hasEnd(String rrule) {
		if (rrule == null) {
			return true;
		}
		Recur<Temporal> recur = new Recur<>(rrule);
		return recur.getCount() > 0 || recur.getUntil() != null;
	}

	/** The end of the last occurrence (a bound for window queries), or null for a rule without end. */
	static Instant lastEnd(EventRow event) {
		Instant last;
		if (!event.recurring()) {
			last = event.zonedEnd().toInstant();
		}
		else if (!hasEnd(event.rrule())) {
			return null;
		}
		else {
			ZonedDateTime seed = event.zonedStart();
			List<ZonedDateTime> starts = dates(event.rrule(), event.allDay(), seed, seed.plusYears(MAX_RULE_YEARS).plusDays(1));
			ZonedDateTime lastStart = starts.isEmpty() ? seed : starts.get(starts.size() - 1);
			java.time.Duration length = java.time.Duration.between(event.zonedStart(), event.zonedEnd());
			last = lastStart.plus(length).toInstant();
			if (event.allDay()) { // a day later at most, whatever DST does to the length
				last = lastStart.toLocalDate().atStartOfDay(event.zone()).plus(length).plusHours(2).toInstant();
			}
		}
		for (EventRow.Moved moved : event.moved()) {
			Instant end = moved.end().atZone(event.zone()).toInstant();
			last = end.isAfter(last) ? end : last;
		}
		return last;
	}

	/** The first instant any occurrence can start (a moved one may start before the rule's first). */
	static Instant firstStart(EventRow event) {
		Instant first = event.zonedStart().toInstant();
		for (EventRow.Moved moved : event.moved()) {
			Instant start = moved.start().atZone(event.zone()).toInstant();
			first = start.isBefore(first) ? start : first;
		}
		return first;
	}

	/** The rule's start instants from {@code seed} until {@code limit}, ignoring EXDATEs. */
	private static List<ZonedDateTime> dates(String rule, boolean allDay, ZonedDateTime seed, ZonedDateTime limit) {
		if (allDay) {
			Recur<LocalDate> recur = new Recur<>(rule);
			return recur.getDates(seed.toLocalDate(), seed.toLocalDate(), limit.toLocalDate())
				.stream()
				.map(d -> d.atStartOfDay(seed.getZone()))
				.toList();
		}
		Recur<ZonedDateTime> recur = new Recur<>(rule);
		return recur.getDates(seed, seed, limit);
	}

	/** Whether {@code recurrenceId} is a start the rule produces (EXDATEs included), so it can be moved or cancelled. */
	static boolean isOccurrence(EventRow event, LocalDateTime recurrenceId) {
		if (!event.recurring()) {
			return false;
		}
		ZonedDateTime at = recurrenceId.atZone(event.zone());
		return dates(event.rrule(), event.allDay(), event.zonedStart(), at.plusDays(1)).stream()
			.anyMatch(d -> d.toLocalDateTime().equals(recurrenceId));
	}

	/** Every occurrence overlapping {@code [from, to)}, moved ones in their new place, cancelled ones left out. */
	static List<Slot> expand(EventRow event, Instant from, Instant to) {
		ZoneId zone = event.zone();
		Map<LocalDateTime, EventRow.Moved> moved = event.moved().stream()
			.collect(Collectors.toMap(EventRow.Moved::recurrenceId, Function.identity()));
		List<Slot> slots = new ArrayList<>();
		Set<Period<Temporal>> periods = master(event).calculateRecurrenceSet(new Period<>(from.atZone(zone), to.atZone(zone)));
		for (Period<Temporal> period : periods) {
			ZonedDateTime start = zoned(period.getStart(), zone);
			if (moved.containsKey(start.toLocalDateTime())) {
				continue;
			}
			slots.add(new Slot(start.toLocalDateTime(), start, zoned(period.getEnd(), zone), false, event.title()));
		}
		for (EventRow.Moved m : event.moved()) {
			ZonedDateTime start = m.start().atZone(zone);
			ZonedDateTime end = m.end().atZone(zone);
			if (start.toInstant().isBefore(to) && end.toInstant().isAfter(from)) {
				slots.add(new Slot(m.recurrenceId(), start, end, true, m.title() != null ? m.title() : event.title()));
			}
		}
		slots.sort(Comparator.comparing(Slot::startInstant).thenComparing(Slot::recurrenceId));
		return slots;
	}

	private static ZonedDateTime zoned(Temporal value, ZoneId zone) {
		if (value instanceof ZonedDateTime zoned) {
			return zoned.withZoneSameInstant(zone);
		}
		if (value instanceof LocalDate date) {
			return date.atStartOfDay(zone);
		}
		if (value instanceof LocalDateTime local) {
			return local.atZone(zone);
		}
		if (value instanceof OffsetDateTime offset) {
			return offset.atZoneSameInstant(zone);
		}
		if (value instanceof Instant instant) {
			return instant.atZone(zone);
		}
		throw new IllegalStateException("Unexpected temporal from ical4j: " + value.getClass());
	}

	/** The master VEVENT: DTSTART/DTEND (TZID or DATE), RRULE and EXDATE; the caller adds UID, SUMMARY and the rest. */
	static VEvent master(EventRow event) {
		return master(event, false);
	}

	/**
	 * As {@link #master(EventRow)}; with {@code utc}, timed values are written in UTC instead of with a TZID (for a zone
	 * ical4j has no VTIMEZONE for; RRULE is then expanded in UTC by clients).
	 */
	static VEvent master(EventRow event, boolean utc) {
		VEvent vevent = new VEvent(at(event, event.start(), utc), at(event, event.end(), utc), event.title());
		if (event.recurring()) {
			vevent.add(new RRule<>(new Recur<>(event.rrule())));
			if (!event.exdates().isEmpty()) {
				List<Temporal> dates = event.exdates().stream().map(d -> at(event, d, utc)).toList();
				ParameterList parameters = event.allDay() ? new ParameterList(List.of(Value.DATE))
						: utc ? new ParameterList() : new ParameterList(List.of(new TzId(event.zone().getId())));
				vevent.add(new ExDate<>(parameters, new DateList<>(dates)));
			}
		}
		return vevent;
	}

	/** A VEVENT replacing one occurrence (RECURRENCE-ID = its original start). */
	static VEvent movedOccurrence(EventRow event, EventRow.Moved moved, boolean utc) {
		VEvent vevent = new VEvent(at(event, moved.start(), utc), at(event, moved.end(), utc),
				moved.title() != null ? moved.title() : event.title());
		vevent.add(new RecurrenceId<>(at(event, moved.recurrenceId(), utc)));
		return vevent;
	}

	private static Temporal at(EventRow event, LocalDateTime time, boolean utc) {
		if (event.allDay()) {
			return time.toLocalDate();
		}
		return utc ? time.atZone(event.zone()).toInstant() : time.atZone(event.zone());
	}

	private static LocalDate untilDate(Temporal until, ZoneId zone) {
		if (until instanceof LocalDate date) {
			return date;
		}
		return untilInstant(until, zone).atZone(zone).toLocalDate();
	}

	/** UNTIL as an instant: a date means through that whole day, a floating date-time is read in the event's zone. */
	private static Instant untilInstant(Temporal until, ZoneId zone) {
		if (until instanceof LocalDate date) {
			return date.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
		}
		if (until instanceof LocalDateTime local) {
			return local.atZone(zone).toInstant();
		}
		return zoned(until, zone).toInstant();
	}
}
