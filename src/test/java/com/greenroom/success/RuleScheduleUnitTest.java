package com.greenroom.success;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.greenroom.calendar.BusinessCalendar;

/**
 * When a stall rule fires and when the task of a firing is due, in the creator's region's calendar: offsets
 * keep the local time of day across DST changes and skip the region's days off.
 */
class RuleScheduleUnitTest {

	private static final BusinessCalendar BERLIN = BusinessCalendar.standard("EU", ZoneId.of("Europe/Berlin"));

	private static final BusinessCalendar NEW_YORK = BusinessCalendar.standard("NA", ZoneId.of("America/New_York"));

	private static SupportRule stall(int after, OffsetUnit stallUnit, int dueOffset, OffsetUnit dueUnit) {
		return new SupportRule(1, "FIRST_STREAM", RuleKind.STALL, "no-first-stream", null, "No first stream yet", RuleAction.TASK,
				SupportRule.CREATORS_MANAGER, dueOffset, dueUnit, null, null, null, null, after, stallUnit, true,
				Instant.parse("2026-01-01T00:00:00Z"));
	}

	private static SupportRule onReached(int dueOffset, OffsetUnit dueUnit) {
		return new SupportRule(2, "FIRST_REVENUE", RuleKind.ON_REACHED, "thank-first-gifter", null, "Thank the first gifter", RuleAction.TASK,
				SupportRule.CREATORS_MANAGER, dueOffset, dueUnit, null, null, null, null, null, null, true, Instant.parse("2026-01-01T00:00:00Z"));
	}

	@Test
	void noFirstStreamThreeDaysAfterRegistrationFiresAtTheSameBerlinTimeAcrossTheSpringDstChange() {
		// Friday 20:30 winter time; three days later is Monday 20:30 summer time
		Instant registered = Instant.parse("2026-03-27T19:30:00Z");

		assertThat(RuleSchedule.stallDeadline(stall(3, OffsetUnit.DAYS, 1, OffsetUnit.DAYS), registered, BERLIN))
			.isEqualTo(Instant.parse("2026-03-30T18:30:00Z"));
	}

	@Test
	void businessDaysSkipTheWeekendAndKeepNineInTheMorningInNewYorkAcrossTheAutumnDstChange() {
		// Friday 30 October 09:00 EDT; two business days on is Tuesday 3 November 09:00 EST
		Instant registered = Instant.parse("2026-10-30T13:00:00Z");

		assertThat(RuleSchedule.stallDeadline(stall(2, OffsetUnit.BUSINESS_DAYS, 1, OffsetUnit.DAYS), registered, NEW_YORK))
			.isEqualTo(Instant.parse("2026-11-03T14:00:00Z"));
	}

	@Test
	void aRegionsHolidayIsNotABusinessDay() {
		BusinessCalendar withHoliday = new BusinessCalendar("NA", ZoneId.of("America/New_York"), BusinessCalendar.WEEKDAYS,
				List.of(new BusinessCalendar.Holiday(LocalDate.parse("2026-11-26"), "Thanksgiving")));
		Instant reachedWednesday = Instant.parse("2026-11-25T15:00:00Z");

		assertThat(RuleSchedule.dueAt(onReached(1, OffsetUnit.BUSINESS_DAYS), reachedWednesday, reachedWednesday, withHoliday))
			.isEqualTo(Instant.parse("2026-11-27T15:00:00Z"));
	}

	@Test
	void aFiringOnTimeIsDueItsOffsetAfterItShouldHaveFired() {
		Instant shouldFire = Instant.parse("2026-11-30T12:00:00Z");
		Instant now = Instant.parse("2026-11-30T09:00:00Z");

		assertThat(RuleSchedule.dueAt(onReached(2, OffsetUnit.DAYS), shouldFire, now, BERLIN)).isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));
	}

	@Test
	void aFiringGreenroomLearnsOfLateIsDueItsOffsetAfterNowSoItDoesNotStartOverdue() {
		Instant shouldFire = Instant.parse("2026-11-20T12:00:00Z");
		Instant now = Instant.parse("2026-11-30T09:00:00Z");

		assertThat(RuleSchedule.dueAt(onReached(2, OffsetUnit.DAYS), shouldFire, now, BERLIN)).isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
	}

	@Test
	void aWeekendOnlyTeamCountsSaturdaysAndSundaysAsBusinessDays() {
		BusinessCalendar weekends = new BusinessCalendar("SEA", ZoneId.of("Asia/Singapore"), Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
				List.of());
		// Monday 10:00 in Singapore; the first business day after it is Saturday, the second Sunday
		Instant registered = Instant.parse("2026-11-30T02:00:00Z");

		assertThat(RuleSchedule.stallDeadline(stall(2, OffsetUnit.BUSINESS_DAYS, 1, OffsetUnit.DAYS), registered, weekends))
			.isEqualTo(Instant.parse("2026-12-06T02:00:00Z"));
	}

	@Test
	void zeroDaysIsDueTheMomentTheRuleFires() {
		Instant shouldFire = Instant.parse("2026-11-28T12:00:00Z");

		assertThat(RuleSchedule.dueAt(onReached(0, OffsetUnit.BUSINESS_DAYS), shouldFire, shouldFire, BERLIN)).isEqualTo(shouldFire);
	}
}
