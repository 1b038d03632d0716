package com.greenroom.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The working time of one region: weekdays worked, the hours worked on each, and holidays, in the region's
 * time zone. A pure rule object: it never reads the clock, so its arithmetic is tested with fixed instants.
 * A working day without hours of its own works {@link #DEFAULT_HOURS}.
 */
public record BusinessCalendar(String regionCode, ZoneId zone, Set<DayOfWeek> workingDays, List<Holiday> holidays,
		Map<DayOfWeek, List<WorkingHours>> workingHours) {

	/** Monday to Friday, no holidays: the calendar of a region nobody has configured. */
	public static final Set<DayOfWeek> WEEKDAYS = Set.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

	/** The hours of a working day nobody has given hours: 09:00 to 17:00. */
	public static final List<WorkingHours> DEFAULT_HOURS = List.of(new WorkingHours(9 * 60, 17 * 60));

	/** How far the arithmetic looks for working time before it gives up (a calendar of holidays only). */
	private static final int MAX_DAYS = 3660;

	public BusinessCalendar {
		workingDays = workingDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workingDays));
		holidays = holidays.stream().sorted(Comparator.comparing(Holiday::date)).toList();
		if (workingDays.isEmpty()) {
			throw new IllegalArgumentException("A business calendar needs at least one working weekday");
		}
		Map<DayOfWeek, List<WorkingHours>> hours = new EnumMap<>(DayOfWeek.class);
		for (var entry : workingHours.entrySet()) {
			List<WorkingHours> ranges = entry.getValue().stream().sorted(Comparator.comparingInt(WorkingHours::fromMinute)).toList();
			for (int i = 1; i < ranges.size(); i++) {
				if (ranges.get(i).fromMinute() < ranges.get(i - 1).toMinute()) {
					throw new IllegalArgumentException("Working hours overlap on " + entry.getKey());
				}
			}
			if (!ranges.isEmpty()) {
				hours.put(entry.getKey(), ranges);
			}
		}
		workingHours = Map.copyOf(hours);
	}

	public BusinessCalendar(String regionCode, ZoneId zone, Set<DayOfWeek> workingDays, List<Holiday> holidays) {
		this(regionCode, zone, workingDays, holidays, Map.of());
	}

	public static BusinessCalendar standard(String regionCode, ZoneId zone) {
		return new BusinessCalendar(regionCode, zone, WEEKDAYS, List.of());
	}

	public boolean isBusinessDay(LocalDate date) {
		return workingDays.contains(date.getDayOfWeek()) && holidays.stream().noneMatch(h -> h.date().equals(date));
	}

	/** The hours worked on a weekday (empty on a day off). */
	public List<WorkingHours> hoursOn(DayOfWeek day) {
		return !workingDays.contains(day) ? List.of() : workingHours.getOrDefault(day, DEFAULT_HOURS);
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
		SortedSet<LocalDate> holidayDates = holidayDates();
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

	/**
	 * The instant at which {@code amount} of working time has passed since {@code start}: working hours of
	 * working days that are no holidays, in the region's zone. Time is real elapsed time, so an hour range
	 * that spans a DST change counts the hour the clocks skip (or repeat) as it happened. A start outside
	 * working hours begins counting at the next opening; an amount that ends exactly at a closing time
	 * answers that closing time. Zero is the start itself.
	 */
	public Instant addWorkingTime(Instant start, Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("amount must not be negative: " + amount);
		}
		if (amount.isZero()) {
			return start;
		}
		Duration left = amount;
		SortedSet<LocalDate> holidayDates = holidayDates();
		LocalDate date = start.atZone(zone).toLocalDate().minusDays(1);
		for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
			for (Instant[] range : ranges(date, holidayDates)) {
				Instant from = range[0].isAfter(start) ? range[0] : start;
				if (!from.isBefore(range[1])) {
					continue;
				}
				Duration available = Duration.between(from, range[1]);
				if (left.compareTo(available) <= 0) {
					return from.plus(left);
				}
				left = left.minus(available);
			}
		}
		throw new IllegalStateException("No working time in " + regionCode + " within " + MAX_DAYS + " days of " + start);
	}

	/** Whole minutes of working time after {@code start}; see {@link #addWorkingTime}. */
	public Instant addWorkingMinutes(Instant start, long minutes) {
		return addWorkingTime(start, Duration.ofMinutes(minutes));
	}

	/** The working time between two instants (zero when {@code to} is not after {@code from}). */
	public Duration workingTimeBetween(Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		Duration total = Duration.ZERO;
		SortedSet<LocalDate> holidayDates = holidayDates();
		LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
		for (LocalDate date = from.atZone(zone).toLocalDate().minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
			for (Instant[] range : ranges(date, holidayDates)) {
				Instant start = range[0].isAfter(from) ? range[0] : from;
				Instant end = range[1].isBefore(to) ? range[1] : to;
				if (end.isAfter(start)) {
					total = total.plus(Duration.between(start, end));
				}
			}
		}
		return total;
	}

	/** Whole minutes of working time between two instants, rounded down. */
	public long workingMinutesBetween(Instant from, Instant to) {
		return workingTimeBetween(from, to).toMinutes();
	}

	/** The working ranges of one local date as instants [from, to). */
	private List<Instant[]> ranges(LocalDate date, SortedSet<LocalDate> holidayDates) {
		if (holidayDates.contains(date)) {
			return List.of();
		}
		return hoursOn(date.getDayOfWeek()).stream()
			.map(h -> new Instant[] { at(date, h.fromMinute()), at(date, h.toMinute()) })
			.filter(r -> r[1].isAfter(r[0]))
			.toList();
	}

	private Instant at(LocalDate date, int minuteOfDay) {
		if (minuteOfDay >= 24 * 60) {
			return date.plusDays(1).atStartOfDay(zone).toInstant();
		}
		return ZonedDateTime.of(date, LocalTime.ofSecondOfDay(minuteOfDay * 60L), zone).toInstant();
	}

	private SortedSet<LocalDate> holidayDates() {
		return new TreeSet<>(holidays.stream().map(Holiday::date).toList());
	}

	/** A day off in a region. */
	public record Holiday(LocalDate date, String name) {
	}

	/**
	 * One range of working hours on a weekday, in local minutes of the day: {@code from} inclusive, {@code to}
	 * exclusive, {@code to} up to 1440 (24:00, the end of the day).
	 */
	public record WorkingHours(int fromMinute, int toMinute) {

		public WorkingHours {
			if (fromMinute < 0 || toMinute > 24 * 60 || fromMinute >= toMinute) {
				throw new IllegalArgumentException("Working hours must run forward within one day: " + fromMinute + "-" + toMinute);
			}
		}

		/** {@code 08:00} to {@code 17:00}; {@code 24:00} is the end of the day. */
		public static WorkingHours of(String from, String to) {
			return new WorkingHours(minuteOf(from), minuteOf(to));
		}

		public String from() {
			return text(fromMinute);
		}

		public String to() {
			return text(toMinute);
		}

		/** The minute of the day of {@code HH:MM} (00:00 to 24:00); -1 when it is not such a time. */
		public static int minuteOf(String text) {
			if (text == null || !text.strip().matches("\\d{2}:\\d{2}")) {
				return -1;
			}
			int hours = Integer.parseInt(text.strip().substring(0, 2));
			int minutes = Integer.parseInt(text.strip().substring(3));
			if (minutes > 59 || hours > 24 || hours == 24 && minutes > 0) {
				return -1;
			}
			return hours * 60 + minutes;
		}

		private static String text(int minuteOfDay) {
			return String.format(java.util.Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
		}
	}
}
