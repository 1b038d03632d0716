package com.greenroom.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BusinessCalendarUnitTest {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void oneBusinessDayAfterFridayNineInBerlinIsMondayNineAfterTheClocksGoBack() {
		BusinessCalendar eu = BusinessCalendar.standard("EU", BERLIN);
		Instant fridayNineCest = Instant.parse("2026-10-23T07:00:00Z");

		assertThat(eu.addBusinessDays(fridayNineCest, 1)).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
	}

	@Test
	void oneBusinessDayAfterFridayTenInNewYorkIsMondayTenAfterTheClocksGoForward() {
		BusinessCalendar na = BusinessCalendar.standard("NA", NEW_YORK);
		Instant fridayTenEst = Instant.parse("2026-03-06T15:00:00Z");

		assertThat(na.addBusinessDays(fridayTenEst, 1)).isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
	}

	@Test
	void calendarDaysKeepTheLocalTimeAcrossTheSpringForwardSunday() {
		BusinessCalendar na = BusinessCalendar.standard("NA", NEW_YORK);

		assertThat(na.addDays(Instant.parse("2026-03-07T15:00:00Z"), 1)).isEqualTo(Instant.parse("2026-03-08T14:00:00Z"));
		assertThat(na.addDays(Instant.parse("2026-03-07T15:00:00Z"), 7)).isEqualTo(Instant.parse("2026-03-14T14:00:00Z"));
	}

	@Test
	void holidaysAndWeekendsAreSkipped() {
		BusinessCalendar eu = new BusinessCalendar("EU", BERLIN, BusinessCalendar.WEEKDAYS,
				List.of(new BusinessCalendar.Holiday(LocalDate.parse("2026-12-24"), "Christmas Eve"),
						new BusinessCalendar.Holiday(LocalDate.parse("2026-12-25"), "Christmas Day")));
		Instant wednesdayNine = Instant.parse("2026-12-23T08:00:00Z");

		assertThat(eu.addBusinessDays(wednesdayNine, 2)).isEqualTo(Instant.parse("2026-12-29T08:00:00Z"));
		assertThat(eu.isBusinessDay(LocalDate.parse("2026-12-25"))).isFalse();
		assertThat(eu.isBusinessDay(LocalDate.parse("2026-12-28"))).isTrue();
	}

	@Test
	void daysAreCountedInTheRegionsZoneNotInUtc() {
		BusinessCalendar sea = BusinessCalendar.standard("SEA", ZoneId.of("Asia/Singapore"));
		Instant saturdayFourAmInSingapore = Instant.parse("2026-03-06T20:00:00Z");

		assertThat(sea.addBusinessDays(saturdayFourAmInSingapore, 1)).isEqualTo(Instant.parse("2026-03-08T20:00:00Z"));
	}

	@Test
	void aSundayToThursdayWeekSkipsFridayAndSaturday() {
		BusinessCalendar mena = new BusinessCalendar("MENA", ZoneId.of("Asia/Dubai"),
				Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), List.of());
		Instant thursdayNine = Instant.parse("2026-03-05T05:00:00Z");

		assertThat(mena.addBusinessDays(thursdayNine, 1)).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
	}

	@Test
	void zeroBusinessDaysIsTheStartAndNegativeDaysAreRefused() {
		BusinessCalendar eu = BusinessCalendar.standard("EU", BERLIN);
		Instant saturday = Instant.parse("2026-10-24T10:00:00Z");

		assertThat(eu.addBusinessDays(saturday, 0)).isEqualTo(saturday);
		assertThatThrownBy(() -> eu.addBusinessDays(saturday, -1)).isInstanceOf(IllegalArgumentException.class);
	}
}
