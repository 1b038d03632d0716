package com.greenroom.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Working-time arithmetic: hours, days, holidays and DST in the calendar's own zone. */
class WorkingTimeUnitTest {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final List<BusinessCalendar.WorkingHours> EIGHT_TO_FIVE = List.of(BusinessCalendar.WorkingHours.of("08:00", "17:00"));

	static BusinessCalendar berlin(BusinessCalendar.Holiday... holidays) {
		Map<DayOfWeek, List<BusinessCalendar.WorkingHours>> hours = Map.of(DayOfWeek.MONDAY, EIGHT_TO_FIVE, DayOfWeek.TUESDAY, EIGHT_TO_FIVE,
				DayOfWeek.WEDNESDAY, EIGHT_TO_FIVE, DayOfWeek.THURSDAY, EIGHT_TO_FIVE, DayOfWeek.FRIDAY, EIGHT_TO_FIVE);
		return new BusinessCalendar("EU", BERLIN, BusinessCalendar.WEEKDAYS, List.of(holidays), hours);
	}

	@Test
	void timeBeforeOpeningStartsCountingAtOpening() {
		assertThat(berlin().addWorkingMinutes(Instant.parse("2015-09-21T05:30:00Z"), 120)).isEqualTo(Instant.parse("2015-09-21T08:00:00Z"));
	}

	@Test
	void aHolidayIsSkippedWhole() {
		BusinessCalendar calendar = berlin(new BusinessCalendar.Holiday(LocalDate.parse("2015-09-22"), "Holiday"));

		assertThat(calendar.addWorkingMinutes(Instant.parse("2015-09-21T14:30:00Z"), 120)).isEqualTo(Instant.parse("2015-09-23T07:30:00Z"));
		assertThat(calendar.workingMinutesBetween(Instant.parse("2015-09-21T14:30:00Z"), Instant.parse("2015-09-23T07:30:00Z")))
			.isEqualTo(120);
	}

	@Test
	void fridayAfternoonRunsOnIntoMonday() {
		// Friday 2015-09-25 16:00 Berlin (14:00 UTC): one hour left, the other hour on Monday from 08:00.
		assertThat(berlin().addWorkingMinutes(Instant.parse("2015-09-25T14:00:00Z"), 120)).isEqualTo(Instant.parse("2015-09-28T07:00:00Z"));
	}

	@Test
	void anAmountEndingAtClosingTimeIsDueAtClosingTime() {
		assertThat(berlin().addWorkingMinutes(Instant.parse("2015-09-21T14:00:00Z"), 60)).isEqualTo(Instant.parse("2015-09-21T15:00:00Z"));
	}

	@Test
	void workingHoursStayLocalAcrossTheDstChange() {
		// Friday 2015-10-23 16:00 CEST (14:00 UTC) + 2 h: 1 h on Friday, 1 h from Monday 08:00 CET (07:00 UTC).
		assertThat(berlin().addWorkingMinutes(Instant.parse("2015-10-23T14:00:00Z"), 120)).isEqualTo(Instant.parse("2015-10-26T08:00:00Z"));
	}

	@Test
	void aRangeOverTheNightOfTheDstChangeCountsRealTime() {
		Map<DayOfWeek, List<BusinessCalendar.WorkingHours>> allDay = Map.of(DayOfWeek.SUNDAY,
				List.of(BusinessCalendar.WorkingHours.of("00:00", "24:00")));
		BusinessCalendar sundays = new BusinessCalendar("EU", BERLIN, java.util.Set.of(DayOfWeek.SUNDAY), List.of(), allDay);

		// 2015-10-25 had 25 hours in Berlin; 2015-03-29 had 23.
		assertThat(sundays.workingMinutesBetween(Instant.parse("2015-10-24T00:00:00Z"), Instant.parse("2015-10-26T00:00:00Z"))).isEqualTo(25 * 60);
		assertThat(sundays.workingMinutesBetween(Instant.parse("2015-03-28T00:00:00Z"), Instant.parse("2015-03-30T00:00:00Z"))).isEqualTo(23 * 60);
	}

	@Test
	void splitShiftsCountOnlyTheHoursWorked() {
		Map<DayOfWeek, List<BusinessCalendar.WorkingHours>> split = Map.of(DayOfWeek.MONDAY,
				List.of(BusinessCalendar.WorkingHours.of("08:00", "12:00"), BusinessCalendar.WorkingHours.of("13:00", "17:00")));
		BusinessCalendar calendar = new BusinessCalendar("EU", BERLIN, java.util.Set.of(DayOfWeek.MONDAY), List.of(), split);

		// Monday 2015-09-21 11:30 Berlin + 60 min: 30 before lunch, 30 after.
		assertThat(calendar.addWorkingMinutes(Instant.parse("2015-09-21T09:30:00Z"), 60)).isEqualTo(Instant.parse("2015-09-21T11:30:00Z"));
	}

	@Test
	void aWorkingDayWithoutHoursWorksNineToFive() {
		BusinessCalendar standard = BusinessCalendar.standard("EU", BERLIN);

		assertThat(standard.addWorkingMinutes(Instant.parse("2015-09-21T05:00:00Z"), 60)).isEqualTo(Instant.parse("2015-09-21T08:00:00Z"));
	}

	@Test
	void overlappingOrReversedHoursAreRefused() {
		assertThatThrownBy(() -> BusinessCalendar.WorkingHours.of("17:00", "08:00")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new BusinessCalendar("EU", BERLIN, java.util.Set.of(DayOfWeek.MONDAY), List.of(), Map.of(DayOfWeek.MONDAY,
				List.of(BusinessCalendar.WorkingHours.of("08:00", "12:00"), BusinessCalendar.WorkingHours.of("11:00", "17:00")))))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
