package com.greenroom.schedule;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.onboarding.Checklists;
import com.greenroom.support.Api;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class CalendarBrowserTest extends BrowserTest {

	@Autowired
	Checklists checklists;

	private void plan(String title, String kind, String date, String from, String to, String rrule, String creators) {
		page.navigate(url("/calendar/events/new?region=EU"));
		page.getByLabel("Title").fill(title);
		page.getByLabel("Kind").selectOption(kind);
		page.getByLabel("Start date").fill(date);
		page.getByLabel("Start time").fill(from);
		page.getByLabel("End date").fill(date);
		page.getByLabel("End time").fill(to);
		page.getByLabel("Repeats").fill(rrule);
		page.getByLabel("Creators taking part").fill(creators);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan event")).click();
	}

	@Test
	void aManagerPlansAWeeklyPkBattleSeesTheCoachingClashFlaggedInEveryViewAndSubscribes() {
		data.manager("hans", "EU");
		data.creator("c-eu-1", "lena", "DE");
		await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find("c-eu-1").isPresent());
		signIn("hans", TestData.PASSWORD);

		plan("PK night", "PK_BATTLE", "2026-12-07", "18:00", "17:00", "FREQ=WEEKLY;COUNT=3", "c-eu-1");
		assertThat(page.locator("#form-errors")).containsText("must be after start");
		assertAccessible("event form with an error");
		page.getByLabel("End time").fill("19:30");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan event")).click();
		assertThat(page.locator("[role=status]")).containsText("Planned PK night.");
		assertThat(page.locator("#occurrences tbody tr")).hasCount(3);
		assertThat(page.locator("#event-creators")).containsText("lena");

		plan("Coaching lena", "COACHING", "2026-12-14", "19:00", "20:00", "", "c-eu-1");
		assertThat(page.locator("[role=status]")).containsText("1 conflict(s)");
		assertThat(page.locator("#conflict-list")).containsText("lena is also in PK night");
		assertAccessible("event page with a conflict");
		screenshot("calendar-event");

		page.navigate(url("/calendar?view=month&date=2026-12-01&region=EU"));
		assertThat(page.locator("#calendar-month a.conflict")).hasCount(2);
		assertThat(page.locator("#calendar-month td[data-date='2026-12-07'] a")).containsText("18:00–19:30 PK night");
		assertThat(page.locator("#conflict-count")).hasText("2 with a conflict");
		assertAccessible("calendar month");
		screenshot("calendar-month");

		page.navigate(url("/calendar?view=week&date=2026-12-14&region=EU"));
		assertThat(page.locator("#calendar-week .panel[data-date='2026-12-14'] .badge.conflict")).hasCount(2);
		assertAccessible("calendar week");

		// cancel the clashing occurrence from the PK night's page: the flags go away
		page.locator("#calendar-week .panel[data-date='2026-12-14'] a", new Page.LocatorOptions().setHasText("PK night")).click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel the occurrence of 2026-12-14T18:00")).click();
		assertThat(page.locator("[role=status]")).containsText("Cancelled the occurrence of 2026-12-14T18:00");
		assertThat(page.locator("#occurrences tbody tr")).hasCount(2);
		page.navigate(url("/calendar?view=agenda&date=2026-12-01&region=EU"));
		assertThat(page.locator("#calendar-agenda .badge.conflict")).hasCount(0);
		assertThat(page.locator("#calendar-agenda")).containsText("Coaching lena");

		page.navigate(url("/calendar/feeds"));
		page.getByLabel("Region code, user id or creator id").fill("EU");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make feed")).click();
		String feedUrl = page.locator("#feed-url").textContent().strip();
		Api.Response feed = api.get(feedUrl.substring(api.baseUrl().length()), null);
		org.assertj.core.api.Assertions.assertThat(feed.status()).isEqualTo(200);
		org.assertj.core.api.Assertions.assertThat(feed.body()).contains("SUMMARY:PK night", "EXDATE;TZID=Europe/Berlin:20261214T180000");
		assertAccessible("calendar feeds");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke Greenroom · Europe & CIS")).click();
		org.assertj.core.api.Assertions.assertThat(api.get(feedUrl.substring(api.baseUrl().length()), null).status()).isEqualTo(404);

		// on a phone the calendar opens as the agenda
		page.setViewportSize(390, 844);
		page.navigate(url("/calendar?region=EU&date=2026-12-01"));
		page.waitForURL(u -> u.contains("view=agenda"));
		assertThat(page.locator("#calendar-agenda")).containsText("PK night");
		assertAccessible("calendar agenda at 390 px");
		screenshot("calendar-agenda-phone");
	}
}
