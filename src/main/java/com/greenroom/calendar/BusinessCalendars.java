package com.greenroom.calendar;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The business calendar of each region (default Monday to Friday 09:00 to 17:00, no holidays), and due-date
 * and working-time arithmetic on it.
 */
@Service
public class BusinessCalendars {

	private final JdbcClient jdbc;

	private final Regions regions;

	private final AuditLog audit;

	private final java.time.Clock clock;

	BusinessCalendars(JdbcClient jdbc, Regions regions, AuditLog audit, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The region's calendar; 404 for an unknown region. Inside a transaction each region's calendar is read once and
	 * kept until the transaction ends: a batch of support actions or of due timers, one transaction for up to 64
	 * creators, asks for the same few regions' calendars once per creator (five statements each).
	 */
	public BusinessCalendar of(String regionCode) {
		Map<String, BusinessCalendar> read = readInThisTransaction();
		if (read == null) {
			return read(regionCode);
		}
		BusinessCalendar calendar = read.get(regionCode);
		if (calendar == null) {
			calendar = read(regionCode);
			read.put(regionCode, calendar);
		}
		return calendar;
	}

	/**
	 * The calendars this transaction has read, by region, bound to it under this service as the key and unbound when it
	 * completes; null outside a transaction.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, BusinessCalendar> readInThisTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		Map<String, BusinessCalendar> read = (Map<String, BusinessCalendar>) TransactionSynchronizationManager.getResource(this);
		if (read == null) {
			read = new HashMap<>();
			TransactionSynchronizationManager.bindResource(this, read);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(BusinessCalendars.this);
				}
			});
		}
		return read;
	}

	private BusinessCalendar read(String regionCode) {
		Region region = regions.find(regionCode).orElseThrow(() -> new NotFoundException("Region", regionCode));
		List<DayOfWeek> days = jdbc.sql("select unnest(working_days) from business_calendar where region_code = :code")
			.param("code", regionCode)
			.query(Integer.class)
			.list()
			.stream()
			.map(DayOfWeek::of)
			.toList();
		List<BusinessCalendar.Holiday> holidays = jdbc.sql("select holiday, name from business_holiday where region_code = :code order by holiday")
			.param("code", regionCode)
			.query((rs, n) -> new BusinessCalendar.Holiday(rs.getDate("holiday").toLocalDate(), rs.getString("name")))
			.list();
		Map<DayOfWeek, List<BusinessCalendar.WorkingHours>> hours = new EnumMap<>(DayOfWeek.class);
		jdbc.sql("select weekday, from_minute, to_minute from business_hours where region_code = :code order by weekday, from_minute")
			.param("code", regionCode)
			.query((rs, n) -> hours.computeIfAbsent(DayOfWeek.of(rs.getInt("weekday")), d -> new ArrayList<>())
				.add(new BusinessCalendar.WorkingHours(rs.getInt("from_minute"), rs.getInt("to_minute"))))
			.list();
		return new BusinessCalendar(regionCode, region.zone(), days.isEmpty() ? BusinessCalendar.WEEKDAYS : Set.copyOf(days), holidays,
				hours);
	}

	/** {@code days} business days after {@code start} in the region's calendar and time zone. */
	public Instant addBusinessDays(String regionCode, Instant start, int days) {
		return of(regionCode).addBusinessDays(start, days);
	}

	/** {@code days} calendar days after {@code start}, keeping the local time of day in the region's time zone. */
	public Instant addDays(String regionCode, Instant start, int days) {
		return of(regionCode).addDays(start, days);
	}

	/** {@code minutes} of working time after {@code start} in the region's calendar (hours, days, holidays, zone). */
	public Instant addWorkingMinutes(String regionCode, Instant start, long minutes) {
		return of(regionCode).addWorkingMinutes(start, minutes);
	}

	/** Whole minutes of working time between two instants in the region's calendar. */
	public long workingMinutesBetween(String regionCode, Instant from, Instant to) {
		return of(regionCode).workingMinutesBetween(from, to);
	}

	/** Replaces a region's working weekdays and holidays (admins only). */
	@Transactional
	public BusinessCalendar update(Viewer viewer, String regionCode, CalendarChanges changes) {
		if (!viewer.isAdmin()) {
			throw new AccessDeniedException("Only admins change business calendars");
		}
		BusinessCalendar before = of(regionCode);
		Checks checks = new Checks();
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		if (changes.workingDays() == null || changes.workingDays().isEmpty()) {
			checks.require(false, "workingDays", "name at least one working weekday, such as MONDAY");
		}
		else {
			for (int i = 0; i < changes.workingDays().size(); i++) {
				String name = changes.workingDays().get(i);
				try {
					days.add(DayOfWeek.valueOf(name == null ? "" : name.strip().toUpperCase(java.util.Locale.ROOT)));
				}
				catch (IllegalArgumentException ex) {
					checks.require(false, "workingDays[" + i + "]", "is not a weekday; use MONDAY to SUNDAY");
				}
			}
		}
		List<BusinessCalendar.Holiday> holidays = changes.holidays() == null ? List.of() : changes.holidays();
		Set<LocalDate> seen = new HashSet<>();
		for (int i = 0; i < holidays.size(); i++) {
			BusinessCalendar.Holiday holiday = holidays.get(i);
			checks.require(holiday != null && holiday.date() != null, "holidays[" + i + "].date", "is required (YYYY-MM-DD)");
			if (holiday != null) {
				checks.optionalText(holiday.name(), "holidays[" + i + "].name", 100);
				checks.require(holiday.date() == null || seen.add(holiday.date()), "holidays[" + i + "].date", "is listed twice");
			}
		}
		Map<DayOfWeek, List<BusinessCalendar.WorkingHours>> hours = workingHours(changes.workingHours(), days, checks);
		checks.throwIfAny();
		jdbc.sql("""
				insert into business_calendar (region_code, working_days, updated_at) values (:code, cast(:days as smallint[]), :now)
				on conflict (region_code) do update set working_days = excluded.working_days, updated_at = excluded.updated_at""")
			.param("code", regionCode)
			.param("days", days.stream().map(DayOfWeek::getValue).sorted().toArray(Integer[]::new))
			.param("now", Timestamp.from(clock.instant()))
			.update();
		jdbc.sql("delete from business_holiday where region_code = :code").param("code", regionCode).update();
		for (BusinessCalendar.Holiday holiday : holidays) {
			jdbc.sql("insert into business_holiday (region_code, holiday, name) values (:code, :date, :name)")
				.param("code", regionCode)
				.param("date", holiday.date())
				.param("name", holiday.name() == null ? "" : holiday.name().strip())
				.update();
		}
		jdbc.sql("delete from business_hours where region_code = :code").param("code", regionCode).update();
		hours.forEach((day, ranges) -> ranges.forEach(range -> jdbc
			.sql("insert into business_hours (region_code, weekday, from_minute, to_minute) values (:code, :day, :from, :to)")
			.param("code", regionCode)
			.param("day", day.getValue())
			.param("from", range.fromMinute())
			.param("to", range.toMinute())
			.update()));
		Map<String, BusinessCalendar> read = readInThisTransaction();
		if (read != null) {
			read.remove(regionCode);
		}
		BusinessCalendar after = of(regionCode);
		audit.record("business_calendar", regionCode, "updated", regionCode, view(before), view(after));
		return after;
	}

	/**
	 * Parses and checks the working hours of a change: keys are working weekdays, each range runs forward
	 * ({@code from} before {@code to}, HH:MM, 24:00 the end of the day) and no two ranges of a day overlap.
	 */
	private static Map<DayOfWeek, List<BusinessCalendar.WorkingHours>> workingHours(Map<String, List<HoursRange>> given,
			Set<DayOfWeek> workingDays, Checks checks) {
		Map<DayOfWeek, List<BusinessCalendar.WorkingHours>> hours = new EnumMap<>(DayOfWeek.class);
		if (given == null) {
			return hours;
		}
		for (var entry : given.entrySet()) {
			String field = "workingHours." + entry.getKey();
			DayOfWeek day;
			try {
				day = DayOfWeek.valueOf(entry.getKey() == null ? "" : entry.getKey().strip().toUpperCase(java.util.Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				checks.require(false, field, "is not a weekday; use MONDAY to SUNDAY");
				continue;
			}
			List<HoursRange> ranges = entry.getValue() == null ? List.of() : entry.getValue();
			if (ranges.isEmpty()) {
				continue;
			}
			if (!workingDays.isEmpty() && !workingDays.contains(day)) {
				checks.require(false, field, "gives hours for a day that is not a working weekday");
				continue;
			}
			List<BusinessCalendar.WorkingHours> parsed = new ArrayList<>();
			for (int i = 0; i < ranges.size(); i++) {
				HoursRange range = ranges.get(i);
				String at = field + "[" + i + "]";
				int from = range == null ? -1 : BusinessCalendar.WorkingHours.minuteOf(range.from());
				int to = range == null ? -1 : BusinessCalendar.WorkingHours.minuteOf(range.to());
				checks.require(from >= 0 && from < 24 * 60, at + ".from", "must be a time of day such as 08:00");
				checks.require(to >= 0, at + ".to", "must be a time of day such as 17:00 (24:00 is the end of the day)");
				if (from >= 0 && from < 24 * 60 && to >= 0) {
					if (to <= from) {
						checks.require(false, at, "is reversed or empty: " + range.to() + " is not after " + range.from());
					}
					else {
						parsed.add(new BusinessCalendar.WorkingHours(from, to));
					}
				}
			}
			parsed.sort(java.util.Comparator.comparingInt(BusinessCalendar.WorkingHours::fromMinute));
			for (int i = 1; i < parsed.size(); i++) {
				if (parsed.get(i).fromMinute() < parsed.get(i - 1).toMinute()) {
					checks.require(false, field, "has overlapping ranges: " + parsed.get(i - 1).from() + "-" + parsed.get(i - 1).to()
							+ " and " + parsed.get(i).from() + "-" + parsed.get(i).to());
				}
			}
			hours.put(day, parsed);
		}
		return hours;
	}

	/** The calendar as the API shows it. */
	public static CalendarView view(BusinessCalendar calendar) {
		List<String> days = new ArrayList<>();
		calendar.workingDays().stream().sorted().forEach(d -> days.add(d.name()));
		Map<String, List<HoursRange>> hours = new java.util.LinkedHashMap<>();
		calendar.workingDays()
			.stream()
			.sorted()
			.forEach(d -> hours.put(d.name(), calendar.hoursOn(d).stream().map(h -> new HoursRange(h.from(), h.to())).toList()));
		return new CalendarView(calendar.regionCode(), calendar.zone().getId(), days, calendar.holidays(), hours);
	}

	/**
	 * A full replacement of a region's calendar: weekday names, holidays and, per working weekday, its
	 * working hours (a working weekday left out works 09:00 to 17:00).
	 */
	public record CalendarChanges(List<String> workingDays, List<BusinessCalendar.Holiday> holidays,
			Map<String, List<HoursRange>> workingHours) {

		public CalendarChanges(List<String> workingDays, List<BusinessCalendar.Holiday> holidays) {
			this(workingDays, holidays, null);
		}
	}

	/** One range of working hours, local {@code HH:MM} to {@code HH:MM} ({@code 24:00} ends the day). */
	public record HoursRange(String from, String to) {
	}

	/** A region's calendar over the API: every working weekday with its hours. */
	public record CalendarView(String regionCode, String timeZone, List<String> workingDays, List<BusinessCalendar.Holiday> holidays,
			Map<String, List<HoursRange>> workingHours) {
	}
}
