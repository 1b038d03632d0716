package com.greenroom.milestones;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.EventFeed;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class MilestonePathBrowserTest extends BrowserTest {

	@Autowired
	EventFeed feed;

	@Autowired
	Clock clock;

	@Test
	void aMilestoneNotYetReachedShowsItsWholeProgressBarAndCountAtLaptopAndPhoneWidth() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR", ana.id());
		// Four viewers come back on two days: 4 of the 10 retained viewers.
		Instant now = clock.instant();
		List<String> events = new ArrayList<>();
		for (int day = 1; day <= 2; day++) {
			String stream = "s-" + day;
			Instant start = now.minus(Duration.ofDays(day));
			events.add(EventFeed.started(stream, "c-1", stream, start));
			for (int v = 1; v <= 4; v++) {
				events.add(EventFeed.joined(stream + "-j" + v, "c-1", stream, "v-" + v, start.plusSeconds(10 + v)));
			}
		}
		feed.send(events);
		signIn("ana", TestData.PASSWORD);
		page.navigate(url("/creators/c-1"));

		Locator retained = page.locator("#milestones-panel li[data-milestone=TEN_RETAINED_VIEWERS]");
		assertThat(retained.locator(".milestone-progress")).containsText("4 / 10");
		assertThat(page.getByRole(AriaRole.PROGRESSBAR, new Page.GetByRoleOptions().setName("Ten retained viewers: progress")))
			.hasAttribute("value", "4");
		for (int width : new int[] { 1366, 390 }) {
			page.setViewportSize(width, 860);
			assertThat(unclipped(retained.locator(".milestone-progress"))).as("bar and count fit their box at " + width + " px").isTrue();
			assertThat(retained.locator("progress").boundingBox().height).as("bar height at " + width + " px").isGreaterThanOrEqualTo(6);
		}
		assertAccessible("creator page with the milestone path");
		screenshot("milestone-path");
	}

	private static boolean unclipped(Locator box) {
		return (Boolean) box.evaluate("""
				el => { const r = el.getBoundingClientRect();
				  return el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1
				    && [...el.children].every(c => { const k = c.getBoundingClientRect();
				      return k.top >= r.top - 1 && k.bottom <= r.bottom + 1 && k.left >= r.left - 1 && k.right <= r.right + 1; }); }""");
	}
}
