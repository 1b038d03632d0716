package com.greenroom.calendar;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
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

/** The business calendar of each region (default Monday to Friday, no holidays), and due-date arithmetic on it. */
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

	/** The region's calendar; 404 for an unknown region. */
	public BusinessCalendar of(String regionCode) {
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
		return new BusinessCalendar(regionCode, region.zone(), days.isEmpty() ? BusinessCalendar.WEEKDAYS : Set.copyOf(days), holidays);
	}

	/** {@code days} business days after {@code start} in the region's calendar and time zone. */
	public Instant addBusinessDays(String regionCode, Instant start, int days) {
		return of(regionCode).addBusinessDays(start, days);
	}

	/** {@code days} calendar days after {@code start}, keeping the local time of day in the region's time zone. */
	public Instant addDays(String regionCode, Instant start, int days) {
		return of(regionCode).addDays(start, days);
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
		BusinessCalendar after = of(regionCode);
		audit.record("business_calendar", regionCode, "updated", regionCode, view(before), view(after));
		return after;
	}

	/** The calendar as the API shows it. */
	public static CalendarView view(BusinessCalendar calendar) {
		List<String> days = new ArrayList<>();
		calendar.workingDays().stream().sorted().forEach(d -> days.add(d.name()));
		return new CalendarView(calendar.regionCode(), calendar.zone().getId(), days, calendar.holidays());
	}

	/** A full replacement of a region's calendar: weekday names and holidays. */
	public record CalendarChanges(List<String> workingDays, List<BusinessCalendar.Holiday> holidays) {
	}

	/** A region's calendar over the API. */
	public record CalendarView(String regionCode, String timeZone, List<String> workingDays, List<BusinessCalendar.Holiday> holidays) {
	}
}
