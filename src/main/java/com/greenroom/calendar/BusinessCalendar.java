package com.greenroom.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The working days of one region: weekdays worked and holidays, in the region's time zone. A pure rule
 * object: it never reads the clock, so its arithmetic is tested with fixed instants.
 */
public record BusinessCalendar(String regionCode, ZoneId zone, Set<DayOfWeek> workingDays, List<Holiday> holidays) {

	/** Monday to Friday, no holidays: the calendar of a region nobody has configured. */
	public static final Set<DayOfWeek> WEEKDAYS = Set.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

	public BusinessCalendar {
		workingDays = workingDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workingDays));
		holidays = holidays.stream().sorted(java.util.Comparator.comparing(Holiday::date)).toList();
		if (workingDays.isEmpty()) {
			throw new IllegalArgumentException("A business calendar needs at least one working weekday");
		}
	}

	public static BusinessCalendar standard(String regionCode, ZoneId zone) {
		return new BusinessCalendar(regionCode, zone, WEEKDAYS, List.of());
	}

	public boolean isBusinessDay(LocalDate date) {
		return workingDays.contains(date.getDayOfWeek()) && holidays.stream().noneMatch(h -> h.date().equals(date));
	}

	/**
	 * The instant {@code days} business days after {@code start}: counted in whole dates of the region's
	 * zone, skipping non-working weekdays and holidays, at the start's local time of day (so 09:00 stays
	 * 09:00 across a DST change; a local time that does not exist that day moves forward by the gap).
	 * Zero days is the start itself.
	 */
	public Instant addBusinessDays(Instant start, int days) {
		if (days < 0) {
			throw new IllegalArgumentException("days must not be negative: " + days);
		}
		ZonedDateTime local = start.atZone(zone);
		LocalDate date = local.toLocalDate();
		SortedSet<LocalDate> holidayDates = new TreeSet<>(holidays.stream().map(Holiday::date).toList());
		int counted = 0;
		while (counted < days) {
			date = date.plusDays(1);
			if (workingDays.contains(date.getDayOfWeek()) && !holidayDates.contains(date)) {
				counted++;
			}
		}
		return ZonedDateTime.of(date, local.toLocalTime(), zone).toInstant();
	}

	/** The instant {@code days} calendar days after {@code start} at the same local time of day in the region. */
	public Instant addDays(Instant start, int days) {
		if (days < 0) {
			throw new IllegalArgumentException("days must not be negative: " + days);
		}
		ZonedDateTime local = start.atZone(zone);
		return ZonedDateTime.of(local.toLocalDate().plusDays(days), local.toLocalTime(), zone).toInstant();
	}

	/** A day off in a region. */
	public record Holiday(LocalDate date, String name) {
	}
}
