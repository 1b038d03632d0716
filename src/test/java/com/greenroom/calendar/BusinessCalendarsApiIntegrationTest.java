package com.greenroom.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class BusinessCalendarsApiIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	BusinessCalendars calendars;

	@Autowired
	PlatformTransactionManager transactions;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void aRegionWithoutACalendarWorksMondayToFridayWithoutHolidays() {
		Api.Response calendar = api.get("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN);

		assertThat(calendar.status()).isEqualTo(200);
		assertThat(calendar.json().get("timeZone").asString()).isEqualTo("Europe/Berlin");
		assertThat(calendar.json().get("workingDays").toString()).isEqualTo("[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]");
		assertThat(calendar.json().get("holidays").size()).isZero();
	}

	@Test
	void anAdminsHolidaysMoveBusinessDayDueDatesAndTheChangeIsAudited() {
		Api.Response saved = api.put("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN, """
				{"workingDays": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],
				 "holidays": [{"date": "2026-10-26", "name": "National Day"}]}""");

		assertThat(saved.status()).isEqualTo(200);
		assertThat(calendars.addBusinessDays("EU", Instant.parse("2026-10-23T07:00:00Z"), 1)).isEqualTo(Instant.parse("2026-10-27T08:00:00Z"));
		assertThat(api.get("/api/v1/audit?entityType=business_calendar&entityId=EU", TestData.ADMIN_TOKEN).json().get("items").size())
			.isEqualTo(1);
	}

	@Test
	void aTransactionReadsARegionsCalendarOnceAndSeesItsOwnChangeButNotOthersUntilItEnds() {
		BusinessCalendar.Holiday nationalDay = new BusinessCalendar.Holiday(java.time.LocalDate.parse("2026-10-26"), "National Day");
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			BusinessCalendar first = calendars.of("EU");
			// another transaction (the API's) changes the calendar meanwhile
			assertThat(api.put("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN, """
					{"workingDays": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],
					 "holidays": [{"date": "2026-10-26", "name": "National Day"}]}""").status()).isEqualTo(200);

			assertThat(calendars.of("EU")).isSameAs(first);
			assertThat(calendars.of("EU").holidays()).isEmpty();
			assertThat(calendars.of("SEA")).isNotSameAs(first).isSameAs(calendars.of("SEA"));

			BusinessCalendar changedHere = calendars.update(data.admin(), "EU",
					new BusinessCalendars.CalendarChanges(java.util.List.of("MONDAY", "TUESDAY"), java.util.List.of(nationalDay)));
			assertThat(changedHere.workingDays()).hasSize(2);
			assertThat(calendars.of("EU")).isSameAs(changedHere);
			status.setRollbackOnly();
		});

		BusinessCalendar afterwards = calendars.of("EU");
		assertThat(afterwards.holidays()).containsExactly(nationalDay);
		assertThat(afterwards.workingDays()).hasSize(5);
		assertThat(calendars.of("EU")).isNotSameAs(afterwards);
	}

	@Test
	void badWeekdaysAndDuplicateHolidaysAreNamedAndChangeNothing() {
		Api.Response refused = api.put("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN, """
				{"workingDays": ["MONDAY","FUNDAY"], "holidays": [{"date": "2026-12-25"}, {"date": "2026-12-25"}]}""");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("workingDays[1]");
		assertThat(refused.json().get("detail").asString()).contains("holidays[1].date: is listed twice");
		assertThat(api.get("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN).json().get("holidays").size()).isZero();
	}

	@Test
	void onlyAnAdminChangesACalendarAndAnUnknownRegionIsNotFound() {
		String lead = data.tokenOf(data.user("lead", java.util.List.of("REGIONAL_LEAD"), "EU"));

		assertThat(api.put("/api/v1/regions/EU/calendar", lead, """
				{"workingDays": ["MONDAY"], "holidays": []}""").status()).isEqualTo(403);
		assertThat(api.get("/api/v1/regions/EU/calendar", lead).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/regions/XX/calendar", TestData.ADMIN_TOKEN).status()).isEqualTo(404);
	}

	@Test
	void workingHoursAreKeptPerWeekdayAndCountInWorkingTime() {
		Api.Response saved = api.put("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN, """
				{"workingDays": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"], "holidays": [],
				 "workingHours": {"MONDAY": [{"from": "08:00", "to": "12:00"}, {"from": "13:00", "to": "17:00"}]}}""");

		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.json().get("workingHours").get("MONDAY").toString())
			.isEqualTo("[{\"from\":\"08:00\",\"to\":\"12:00\"},{\"from\":\"13:00\",\"to\":\"17:00\"}]");
		assertThat(saved.json().get("workingHours").get("TUESDAY").toString()).isEqualTo("[{\"from\":\"09:00\",\"to\":\"17:00\"}]");
		// Monday 2026-10-19 11:30 CEST (09:30 UTC) + 60 working minutes: 30 before lunch, 30 after.
		assertThat(calendars.addWorkingMinutes("EU", Instant.parse("2026-10-19T09:30:00Z"), 60)).isEqualTo(Instant.parse("2026-10-19T11:30:00Z"));
	}

	@Test
	void reversedOrOverlappingWorkingHoursAreNamedAndChangeNothing() {
		Api.Response reversed = api.put("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN, """
				{"workingDays": ["MONDAY"], "holidays": [], "workingHours": {"MONDAY": [{"from": "17:00", "to": "08:00"}]}}""");
		Api.Response overlapping = api.put("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN, """
				{"workingDays": ["MONDAY"], "holidays": [],
				 "workingHours": {"MONDAY": [{"from": "08:00", "to": "12:00"}, {"from": "11:00", "to": "17:00"}]}}""");
		Api.Response dayOff = api.put("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN, """
				{"workingDays": ["MONDAY"], "holidays": [], "workingHours": {"SUNDAY": [{"from": "08:00", "to": "12:00"}]}}""");

		assertThat(reversed.status()).isEqualTo(400);
		assertThat(reversed.json().get("field").asString()).isEqualTo("workingHours.MONDAY[0]");
		assertThat(overlapping.status()).isEqualTo(400);
		assertThat(overlapping.json().get("field").asString()).isEqualTo("workingHours.MONDAY");
		assertThat(dayOff.json().get("field").asString()).isEqualTo("workingHours.SUNDAY");
		assertThat(api.get("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN).json().get("workingDays").size()).isEqualTo(5);
	}
}
