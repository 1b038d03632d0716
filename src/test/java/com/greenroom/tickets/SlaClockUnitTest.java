package com.greenroom.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.greenroom.calendar.BusinessCalendar;

/**
 * The SLA clock's rules with fixed instants. The first three are the golden cases of a public helpdesk's own
 * suite: calendar Monday to Friday 08:00 to 17:00 Europe/Berlin (summer time, UTC+2), a 120-minute first
 * response target.
 */
class SlaClockUnitTest {

	private static final SlaClock.Targets FRT_120 = new SlaClock.Targets(120, 16 * 60, 80);

	private static WorkingTime berlin(String... holidays) {
		List<BusinessCalendar.WorkingHours> eightToFive = List.of(BusinessCalendar.WorkingHours.of("08:00", "17:00"));
		Map<DayOfWeek, List<BusinessCalendar.WorkingHours>> hours = Map.of(DayOfWeek.MONDAY, eightToFive, DayOfWeek.TUESDAY, eightToFive,
				DayOfWeek.WEDNESDAY, eightToFive, DayOfWeek.THURSDAY, eightToFive, DayOfWeek.FRIDAY, eightToFive);
		List<BusinessCalendar.Holiday> days = new ArrayList<>();
		for (String holiday : holidays) {
			days.add(new BusinessCalendar.Holiday(LocalDate.parse(holiday), "Holiday"));
		}
		return WorkingTime.of(new BusinessCalendar("EU", ZoneId.of("Europe/Berlin"), BusinessCalendar.WEEKDAYS, days, hours));
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

	private static StatusChange change(TicketStatus status, String instant) {
		return new StatusChange(status, at(instant));
	}

	private static SlaClock clock(String openedAt, WorkingTime time, StatusChange... history) {
		return SlaClock.of(at(openedAt), List.of(history), null, FRT_120, time);
	}

	@Test
	void aTicketOpenedBeforeOfficeHoursIsDueTwoHoursAfterOpening() {
		SlaClock clock = clock("2015-09-21T05:30:00Z", berlin());

		assertThat(clock.at(at("2015-09-21T05:30:00Z")).firstResponseDueAt()).isEqualTo(at("2015-09-21T08:00:00Z"));
	}

	@Test
	void aHolidayTuesdayMovesMondayAfternoonsTicketToWednesdayMorning() {
		SlaClock clock = clock("2015-09-21T14:30:00Z", berlin("2015-09-22"));

		assertThat(clock.at(at("2015-09-21T14:30:00Z")).firstResponseDueAt()).isEqualTo(at("2015-09-23T07:30:00Z"));
	}

	@Test
	void slaPausesWhileTicketWaitsOnCreator() {
		SlaClock clock = clock("2015-09-21T09:00:00Z", berlin(), change(TicketStatus.OPEN, "2015-09-21T09:00:00Z"),
				change(TicketStatus.WAITING_ON_CREATOR, "2015-09-21T10:00:00Z"), change(TicketStatus.OPEN, "2015-09-21T10:30:00Z"));

		assertThat(clock.at(at("2015-09-21T10:40:00Z")).firstResponseDueAt()).isEqualTo(at("2015-09-21T11:30:00Z"));
		assertThat(clock.at(at("2015-09-21T10:40:00Z")).elapsedMinutes()).isEqualTo(70);
	}

	@Test
	void whilePausedTheRemainingTimeStandsStillAndTheDueTimeIsProjectedFromNow() {
		SlaClock clock = clock("2015-09-21T09:00:00Z", berlin(), change(TicketStatus.WAITING_ON_CREATOR, "2015-09-21T10:00:00Z"));

		Sla sla = clock.at(at("2015-09-21T12:00:00Z"));
		assertThat(sla.paused()).isTrue();
		assertThat(sla.elapsedMinutes()).isEqualTo(60);
		assertThat(sla.remainingMinutes()).isEqualTo(60);
		assertThat(sla.firstResponseDueAt()).isEqualTo(at("2015-09-21T13:00:00Z"));
		assertThat(sla.state()).isEqualTo(SlaState.ON_TRACK);
	}

	@Test
	void businessHoursFollowTheLocalClockAcrossTheEndOfSummerTime() {
		// Friday 2015-10-23 16:00 CEST: one hour that day, the second from Monday 08:00 CET (07:00 UTC).
		SlaClock clock = clock("2015-10-23T14:00:00Z", berlin());

		assertThat(clock.at(at("2015-10-23T14:00:00Z")).firstResponseDueAt()).isEqualTo(at("2015-10-26T08:00:00Z"));
	}

	@Test
	void aRoundTheClockTargetCountsTheRealHoursOfTheDstNight() {
		// 2015-10-25 01:00 UTC is 03:00 CEST; four real hours later it is 04:00 CET.
		SlaClock clock = SlaClock.of(at("2015-10-25T00:00:00Z"), List.of(), null, new SlaClock.Targets(15, 240, 80), WorkingTime.always());

		assertThat(clock.at(at("2015-10-25T00:00:00Z")).resolutionDueAt()).isEqualTo(at("2015-10-25T04:00:00Z"));
	}

	@Test
	void aPauseAcrossMidnightStopsOnlyTheWorkingHoursInsideIt() {
		// Monday 15:00 Berlin: one working hour, then waiting from 16:00 to Tuesday 09:00; the second hour runs to 10:00.
		SlaClock business = clock("2015-09-21T13:00:00Z", berlin(), change(TicketStatus.WAITING_ON_CREATOR, "2015-09-21T14:00:00Z"),
				change(TicketStatus.OPEN, "2015-09-22T07:00:00Z"));
		// Round the clock: opened 22:00 UTC, waiting 22:30 to 01:30: four hours run until 05:00.
		SlaClock always = SlaClock.of(at("2015-09-21T22:00:00Z"), List.of(change(TicketStatus.WAITING_ON_CREATOR, "2015-09-21T22:30:00Z"),
				change(TicketStatus.OPEN, "2015-09-22T01:30:00Z")), null, new SlaClock.Targets(15, 240, 80), WorkingTime.always());

		assertThat(business.at(at("2015-09-22T07:30:00Z")).firstResponseDueAt()).isEqualTo(at("2015-09-22T08:00:00Z"));
		assertThat(always.at(at("2015-09-22T02:00:00Z")).resolutionDueAt()).isEqualTo(at("2015-09-22T05:00:00Z"));
	}

	@Test
	void aReopenedTicketCarriesOnFromWhereItsClockStoppedAtResolution() {
		// Monday 11:00 Berlin, 16 business hours to resolve; resolved at 12:00 (60 min counted), reopened Tuesday 11:00.
		SlaClock resolved = SlaClock.of(at("2015-09-21T09:00:00Z"), List.of(change(TicketStatus.RESOLVED, "2015-09-21T10:00:00Z")),
				at("2015-09-21T09:30:00Z"), FRT_120, berlin());
		SlaClock reopened = SlaClock.of(at("2015-09-21T09:00:00Z"), List.of(change(TicketStatus.RESOLVED, "2015-09-21T10:00:00Z"),
				change(TicketStatus.OPEN, "2015-09-22T09:00:00Z")), at("2015-09-21T09:30:00Z"), FRT_120, berlin());

		assertThat(resolved.at(at("2015-09-22T08:00:00Z")).state()).isEqualTo(SlaState.MET);
		assertThat(resolved.at(at("2015-09-22T08:00:00Z")).resolvedAt()).isEqualTo(at("2015-09-21T10:00:00Z"));
		Sla sla = reopened.at(at("2015-09-22T09:00:00Z"));
		assertThat(sla.resolvedAt()).isNull();
		assertThat(sla.elapsedMinutes()).isEqualTo(60);
		// 900 minutes left: Tuesday 11:00-17:00 (360), Wednesday 08:00-17:00 (540).
		assertThat(sla.resolutionDueAt()).isEqualTo(at("2015-09-23T15:00:00Z"));
		assertThat(sla.state()).isEqualTo(SlaState.ON_TRACK);
	}

	@Test
	void theClockWarnsAtEightyPercentAndBreachesAtTheTarget() {
		SlaClock clock = clock("2015-09-21T09:00:00Z", berlin());

		assertThat(clock.at(at("2015-09-21T10:35:00Z")).state()).isEqualTo(SlaState.ON_TRACK);
		assertThat(clock.at(at("2015-09-21T10:36:00Z")).state()).isEqualTo(SlaState.WARNING);
		assertThat(clock.at(at("2015-09-21T11:00:00Z")).state()).isEqualTo(SlaState.BREACHED);
		assertThat(clock.at(at("2015-09-21T11:10:00Z")).remainingMinutes()).isEqualTo(-10);
		assertThat(clock.reaches(SlaClock.Target.FIRST_RESPONSE, FRT_120.warningOf(SlaClock.Target.FIRST_RESPONSE), at("2015-09-21T09:00:00Z")))
			.isEqualTo(at("2015-09-21T10:36:00Z"));
	}

	@Test
	void aFirstResponseOnTimeMovesTheClockToResolutionAndALateOneStaysBreached() {
		SlaClock onTime = SlaClock.of(at("2015-09-21T09:00:00Z"), List.of(change(TicketStatus.OPEN, "2015-09-21T11:00:00Z")),
				at("2015-09-21T11:00:00Z"), FRT_120, berlin());
		SlaClock late = SlaClock.of(at("2015-09-21T09:00:00Z"), List.of(change(TicketStatus.RESOLVED, "2015-09-21T11:30:00Z")),
				at("2015-09-21T11:01:00Z"), FRT_120, berlin());

		Sla sla = onTime.at(at("2015-09-21T12:00:00Z"));
		assertThat(sla.state()).isEqualTo(SlaState.ON_TRACK);
		assertThat(sla.elapsedMinutes()).isEqualTo(180);
		assertThat(sla.remainingMinutes()).isEqualTo(16 * 60 - 180);
		assertThat(late.at(at("2015-09-22T12:00:00Z")).state()).isEqualTo(SlaState.BREACHED);
	}
}
