package com.greenroom.insights;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.greenroom.support.BrowserTest;
import com.greenroom.support.EventFeed;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class RetentionBrowserTest extends BrowserTest {

	@Autowired
	EventFeed feed;

	@Autowired
	RetentionRollup rollup;

	@Test
	void aManagerReadsHerRegionsHeatmapAndTheHomeTile() {
		data.manager("ana", "LATAM");
		ZoneId zone = ZoneId.of("America/Sao_Paulo");
		List<String> events = new ArrayList<>();
		// six weeks of registrations in Brazil, two a week; the first of each week streams again on its day 7
		LocalDate monday = LocalDate.of(2026, 10, 12);
		for (int week = 0; week < 7; week++) {
			for (int i = 0; i < 2; i++) {
				String id = "br-" + week + "-" + i;
				Instant registered = monday.plusWeeks(week).plusDays(i).atTime(12, 0).atZone(zone).toInstant();
				events.add(EventFeed.registered(id + "-r", id, "BR", null, registered));
				Instant day7 = registered.plus(Duration.ofDays(7));
				if (i == 0 && day7.isBefore(TestClock.START)) {
					events.add(EventFeed.started(id + "-s", id, id + "-stream", day7));
				}
			}
		}
		events.add(EventFeed.registered("mx-r", "de-1", "DE", null, monday.atTime(12, 0).atZone(zone).toInstant()));
		feed.send(events);
		rollup.refresh();

		signIn("ana", TestData.PASSWORD);
		assertThat(page.locator("#day7-tile tr[data-region=LATAM]")).containsText("50.0% of 2");
		assertThat(page.locator("#day7-tile tr[data-region=EU]")).hasCount(0);
		assertAccessible("home with the day-7 tile");

		page.locator("#day7-tile tr[data-region=LATAM] a").click();
		assertThat(page.locator("#retention-heatmap tbody tr")).hasCount(7);
		assertThat(page.locator("#retention-heatmap tr[data-cohort='2026-10-12'] td[data-day='7']")).containsText("50.0%");
		assertThat(page.locator("#retention-heatmap tr[data-cohort='2026-10-12'] td[data-day='7']")).containsText("1/2");
		assertThat(page.locator("#retention-heatmap tr[data-cohort='2026-11-23'] td[data-day='7']")).hasClass("num heat incomplete");
		assertAccessible("retention heatmap");
		screenshot("retention-heatmap");

		page.locator("input[name=from]").fill("2026-12-01");
		page.locator("input[name=to]").fill("2026-11-01");
		page.locator("#retention-filters button[type=submit]").click();
		assertThat(page.locator("#retention-errors")).containsText("from: must not be after to");
		assertAccessible("retention with a filter error");
	}
}
