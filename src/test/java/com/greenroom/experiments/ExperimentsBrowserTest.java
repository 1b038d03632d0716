package com.greenroom.experiments;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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

/** A regional lead reads the playbook loop, then runs an experiment from draft to retirement in the console. */
class ExperimentsBrowserTest extends BrowserTest {

	@Autowired
	EventFeed feed;

	@Test
	void aLeadComparesCoachingAndRunsAnExperimentToRetirement() {
		data.user("lea", List.of("REGIONAL_LEAD"), "LATAM");
		ZoneId zone = ZoneId.of("America/Sao_Paulo");
		List<String> events = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			String id = "br-" + i;
			Instant registered = LocalDate.of(2026, 10, 5).plusDays(i).atTime(12, 0).atZone(zone).toInstant();
			events.add(EventFeed.registered(id + "-r", id, "BR", null, registered));
			Instant day7 = registered.plus(java.time.Duration.ofDays(7));
			if (i % 2 == 0 && day7.isBefore(TestClock.START)) {
				events.add(EventFeed.started(id + "-s", id, id + "-stream", day7));
			}
		}
		feed.send(events);

		signIn("lea", TestData.PASSWORD);
		page.navigate(url("/insights/playbook-loop?from=2026-10-01&to=2026-11-30"));
		assertThat(page.locator("#loop-table tbody tr")).not().hasCount(0);
		assertThat(page.locator("#loop-table td[data-measure=day7]").first()).containsText("of");
		assertAccessible("playbook loop");
		screenshot("playbook-loop");

		page.navigate(url("/insights/experiments?region=LATAM"));
		page.locator("input[name=name]").fill("Welcome call on day 0");
		page.locator("textarea[name=hypothesis]").fill("A welcome call on day 0 lifts day-7 retention");
		page.locator("input[name=seed]").fill("11");
		page.locator("input[name=startsOn]").fill("2026-10-05");
		page.locator("input[name=endsOn]").fill("2026-10-28");
		page.locator("input[name=variants]").fill("only one");
		page.locator("#experiment-form button[type=submit]").click();
		assertThat(page.locator("#experiment-errors")).containsText("variants");
		assertAccessible("experiments with a form error");

		page.locator("input[name=variants]").fill("control, day-0 call");
		page.locator("#experiment-form button[type=submit]").click();
		assertThat(page.locator("h1")).hasText("Welcome call on day 0");
		assertThat(page.locator("#results-table tbody tr")).hasCount(2);
		page.locator("#start-experiment").click();
		assertThat(page.locator("#experiment-status")).hasText("running");
		page.locator("#conclude-experiment").click();
		assertThat(page.locator("#experiment-status")).hasText("concluded");
		assertAccessible("a concluded experiment with results");
		screenshot("experiment-results");

		page.locator("#retire-form textarea[name=reason]").fill("No lift after four weeks");
		page.locator("#retire-form select[name=playbookKey]").selectOption("creator-onboarding");
		page.locator("#retire-form button[type=submit]").click();
		assertThat(page.locator("#experiment-status")).hasText("retired");
		assertThat(page.locator("#retirement")).containsText("Playbook change request");
		screenshot("experiment-retired");
		assertAccessible("a retired experiment");
	}
}
