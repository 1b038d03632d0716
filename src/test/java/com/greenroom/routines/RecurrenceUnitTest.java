package com.greenroom.routines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** When routines fall due: RRULEs in a region's local time, across DST changes, with exceptions and working days. */
class RecurrenceUnitTest {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

	private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

	private static final Predicate<LocalDate> EVERY_DAY = d -> true;

	private static final Predicate<LocalDate> WEEKDAYS = d -> d.getDayOfWeek().getValue() <= 5;

	private static Recurrence daily(String dueTime, LocalDate startsOn) {
		return Recurrence.of("FREQ=DAILY", LocalTime.parse(dueTime), startsOn, Set.of(), NonWorkingDay.KEEP);
	}

	private static List<Instant> dues(Recurrence recurrence, ZoneId zone, String after, String upTo) {
		return recurrence.between(zone, EVERY_DAY, Instant.parse(after), Instant.parse(upTo)).stream().map(Recurrence.Occurrence::dueAt).toList();
	}

	@Test
	void aDailyBerlinRoutineStaysAtNineLocalAcrossSpringForwardAndFallBack() {
		Recurrence nine = daily("09:00", LocalDate.of(2026, 1, 1));
		// summer time starts on Sunday 29 March 2026: 09:00 is 08:00Z before and 07:00Z after
		assertThat(dues(nine, BERLIN, "2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z")).containsExactly(Instant.parse("2026-03-28T08:00:00Z"),
				Instant.parse("2026-03-29T07:00:00Z"), Instant.parse("2026-03-30T07:00:00Z"));
		// and ends on Sunday 25 October 2026
		assertThat(dues(nine, BERLIN, "2026-10-23T12:00:00Z", "2026-10-26T12:00:00Z")).containsExactly(Instant.parse("2026-10-24T07:00:00Z"),
				Instant.parse("2026-10-25T08:00:00Z"), Instant.parse("2026-10-26T08:00:00Z"));
	}

	@Test
	void aDueTimeInTheSpringForwardGapIsDueAtTheNextValidLocalTime() {
		Recurrence halfPastTwo = daily("02:30", LocalDate.of(2026, 1, 1));
		List<Recurrence.Occurrence> around = halfPastTwo.between(BERLIN, EVERY_DAY, Instant.parse("2026-03-27T12:00:00Z"),
				Instant.parse("2026-03-30T12:00:00Z"));
		assertThat(around).extracting(Recurrence.Occurrence::dueAt)
			.containsExactly(Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
		// 02:30 does not exist on 29 March: the task is due at 03:00 local, and keeps the rule's 02:30 as its identity
		assertThat(around.get(1).localAt()).isEqualTo(LocalDateTime.of(2026, 3, 29, 3, 0));
		assertThat(around.get(1).ruleAt()).isEqualTo(LocalDateTime.of(2026, 3, 29, 2, 30));
	}

	@Test
	void aDueTimeThatHappensTwiceOnFallBackIsDueOnceAtTheFirst() {
		Recurrence halfPastTwo = daily("02:30", LocalDate.of(2026, 1, 1));
		assertThat(dues(halfPastTwo, BERLIN, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z")).containsExactly(Instant.parse("2026-10-25T00:30:00Z"));
	}

	@Test
	void saoPauloUnderIts2018RulesSkipsMidnightOnTheDstStartAndRepeatsAnHourAtTheEnd() {
		// Brazil's DST 2017/18 ended at midnight on 18 February 2018 (clocks back to 23:00 on the 17th) and the
		// 2018/19 one began at midnight on 4 November 2018 (00:00 to 00:59 did not exist)
		Recurrence halfPastMidnight = daily("00:30", LocalDate.of(2018, 1, 1));
		assertThat(dues(halfPastMidnight, SAO_PAULO, "2018-11-02T12:00:00Z", "2018-11-05T12:00:00Z")).containsExactly(
				Instant.parse("2018-11-03T03:30:00Z"), Instant.parse("2018-11-04T03:00:00Z"), Instant.parse("2018-11-05T02:30:00Z"));
		Recurrence halfPastEleven = daily("23:30", LocalDate.of(2018, 1, 1));
		// 23:30 on 17 February happened twice (-02:00, then -03:00): due at the first
		assertThat(dues(halfPastEleven, SAO_PAULO, "2018-02-16T12:00:00Z", "2018-02-19T12:00:00Z")).containsExactly(
				Instant.parse("2018-02-17T01:30:00Z"), Instant.parse("2018-02-18T01:30:00Z"), Instant.parse("2018-02-19T02:30:00Z"));
	}

	@Test
	void saoPauloWithoutDstSince2019KeepsOneOffset() {
		Recurrence nine = daily("09:00", LocalDate.of(2019, 1, 1));
		assertThat(dues(nine, SAO_PAULO, "2019-11-02T00:00:00Z", "2019-11-05T00:00:00Z")).containsExactly(Instant.parse("2019-11-02T12:00:00Z"),
				Instant.parse("2019-11-03T12:00:00Z"), Instant.parse("2019-11-04T12:00:00Z"));
	}

	@Test
	void kolkataHalfHourOffsetTwiceWeeklyOnTuesdayAndFriday() {
		Recurrence coaching = Recurrence.of("FREQ=WEEKLY;BYDAY=TU,FR", LocalTime.of(14, 0), LocalDate.of(2026, 1, 1), Set.of(), NonWorkingDay.KEEP);
		assertThat(coaching.between(KOLKATA, EVERY_DAY, Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-13T00:00:00Z")))
			.extracting(Recurrence.Occurrence::dueAt)
			.containsExactly(Instant.parse("2026-12-01T08:30:00Z"), Instant.parse("2026-12-04T08:30:00Z"), Instant.parse("2026-12-08T08:30:00Z"),
					Instant.parse("2026-12-11T08:30:00Z"));
	}

	@Test
	void exceptionsLeaveOutTheirDates() {
		Recurrence weekly = Recurrence.of("RRULE:freq=weekly;byday=mo", LocalTime.of(10, 0), LocalDate.of(2026, 1, 1),
				Set.of(LocalDate.of(2026, 12, 7)), NonWorkingDay.KEEP);
		assertThat(weekly.between(BERLIN, EVERY_DAY, Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-15T00:00:00Z")))
			.extracting(o -> o.localAt().toLocalDate())
			.containsExactly(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 14));
	}

	@Test
	void theFirstWorkingDayOfTheMonthMovesPastWeekendsAndHolidays() {
		Predicate<LocalDate> workingDays = d -> WEEKDAYS.test(d) && !d.equals(LocalDate.of(2027, 1, 1));
		Recurrence monthly = Recurrence.of("FREQ=MONTHLY;BYMONTHDAY=1", LocalTime.of(10, 0), LocalDate.of(2026, 1, 1), Set.of(),
				NonWorkingDay.NEXT_WORKING_DAY);
		List<Recurrence.Occurrence> months = monthly.between(BERLIN, workingDays, Instant.parse("2026-10-15T00:00:00Z"),
				Instant.parse("2027-03-15T00:00:00Z"));
		// 1 Nov 2026 is a Sunday, 1 Jan 2027 a Friday holiday, 1 Feb a Monday, 1 Mar a Monday
		assertThat(months).extracting(o -> o.localAt().toLocalDate())
			.containsExactly(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 4), LocalDate.of(2027, 2, 1),
					LocalDate.of(2027, 3, 1));
		assertThat(months.get(0).ruleAt().toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 1));
	}

	@Test
	void skippingNonWorkingDaysMakesADailyRoutineWeekdaysOnly() {
		Recurrence daily = Recurrence.of("FREQ=DAILY", LocalTime.of(9, 0), LocalDate.of(2026, 1, 1), Set.of(), NonWorkingDay.SKIP);
		assertThat(daily.between(BERLIN, WEEKDAYS, Instant.parse("2026-12-04T00:00:00Z"), Instant.parse("2026-12-08T00:00:00Z")))
			.extracting(o -> o.localAt().toLocalDate().getDayOfWeek())
			.containsExactly(DayOfWeek.FRIDAY, DayOfWeek.MONDAY);
	}

	@Test
	void countAndUntilEndARuleAndAreCountedFromItsStart() {
		Recurrence three = Recurrence.of("FREQ=DAILY;COUNT=3", LocalTime.of(9, 0), LocalDate.of(2026, 12, 1), Set.of(), NonWorkingDay.KEEP);
		assertThat(three.bounded()).isTrue();
		assertThat(three.between(BERLIN, EVERY_DAY, Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))).hasSize(2);
		assertThat(daily("09:00", LocalDate.of(2026, 1, 1)).bounded()).isFalse();
	}

	@Test
	void rulesThatDoNotParseOrNameATimeOfDayAreRefusedWithTheReason() {
		assertThatThrownBy(() -> Recurrence.of("FREQ=SOMETIMES", LocalTime.NOON, LocalDate.of(2026, 1, 1), Set.of(), NonWorkingDay.KEEP))
			.hasMessageContaining("does not parse");
		assertThatThrownBy(() -> Recurrence.of("every monday", LocalTime.NOON, LocalDate.of(2026, 1, 1), Set.of(), NonWorkingDay.KEEP))
			.hasMessageContaining("does not parse");
		assertThatThrownBy(() -> Recurrence.of("FREQ=HOURLY", LocalTime.NOON, LocalDate.of(2026, 1, 1), Set.of(), NonWorkingDay.KEEP))
			.hasMessageContaining("DAILY, WEEKLY, MONTHLY or YEARLY");
		assertThatThrownBy(() -> Recurrence.of("FREQ=DAILY;BYHOUR=9", LocalTime.NOON, LocalDate.of(2026, 1, 1), Set.of(), NonWorkingDay.KEEP))
			.hasMessageContaining("BYHOUR");
		assertThatThrownBy(() -> Recurrence.of("FREQ=DAILY;INTERVAL=0", LocalTime.NOON, LocalDate.of(2026, 1, 1), Set.of(), NonWorkingDay.KEEP))
			.hasMessageContaining("INTERVAL");
		assertThatThrownBy(() -> Recurrence.of("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", LocalTime.NOON, LocalDate.of(2026, 1, 1), Set.of(),
				NonWorkingDay.KEEP))
			.hasMessageContaining("no occurrence");
	}
}
