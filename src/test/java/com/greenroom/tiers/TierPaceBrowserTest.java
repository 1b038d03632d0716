package com.greenroom.tiers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.onboarding.Checklists;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.EventFeed;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class TierPaceBrowserTest extends BrowserTest {

	/** Wednesday 9 December 2026, 12:00 UTC: day 10 of the tier period 30 November to 27 December. */
	static final Instant NOW = Instant.parse("2026-12-09T12:00:00Z");

	@Autowired
	Creators creators;

	@Autowired
	Checklists checklists;

	@Autowired
	EventFeed feed;

	@Autowired
	TestClock clock;

	@Autowired
	Tiers tiers;

	@Test
	void aManagerSeesPaceOnTheCreatorPageTheMidTierViewAndTheRosterFilter() {
		clock.set(NOW);
		UserSummary ana = data.manager("ana", "LATAM");
		List<String> events = new ArrayList<>();
		// With top 10% and mid 30% of four active creators: luna top, sol mid, mar and rio emerging. Rio earned
		// before this period began, so nothing yet in it.
		String[][] roster = { { "c-1", "luna", "400", "2" }, { "c-2", "sol", "300", "2" }, { "c-3", "mar", "200", "2" },
				{ "c-4", "rio", "100", "12" } };
		for (String[] c : roster) {
			creators.create(data.admin(),
					new CreatorDraft(c[0], c[1], "BR", null, null, "UTC", ana.id(), null, NOW.minus(Duration.ofDays(60)), null));
			await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find(c[0]).isPresent());
			Instant at = NOW.minus(Duration.ofDays(Long.parseLong(c[3])));
			events.add(EventFeed.started(c[0] + "-s", c[0], c[0] + "-stream", at));
			events.add(EventFeed.gift(c[0] + "-g", c[0], c[0] + "-stream", "v-1", c[2], at.plusSeconds(60)));
			events.add(EventFeed.ended(c[0] + "-e", c[0], c[0] + "-stream", at.plus(Duration.ofMinutes(45))));
		}
		feed.send(events);
		tiers.recompute("LATAM", NOW);

		signIn("ana", TestData.PASSWORD);
		page.navigate(url("/creators/c-3"));
		page.waitForFunction("() => !document.querySelector('[hx-trigger=load]')");
		assertThat(page.locator("#tier-pace-panel")).hasAttribute("data-next-tier", "MID");
		assertThat(page.locator("#tier-pace-panel")).containsText("day 10 of 28");
		assertThat(page.locator("#pace-summary")).hasText("$100.00 more revenue by Sun 27 Dec for Mid.");
		assertThat(page.locator("#pace-measures tr[data-measure=revenueUsd]")).containsText("560.00");
		assertThat(page.locator("#pace-within-reach")).isVisible();
		assertAccessible("creator page with the tier pace panel");
		screenshot("tier-pace-panel-1366");
		page.setViewportSize(390, 844);
		screenshot("tier-pace-panel-390");
		page.locator("#tier-pace-panel").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
			.setPath(java.nio.file.Path.of("target", "screenshots", "tier-pace-panel-only-390.png")));
		org.assertj.core.api.Assertions
			.assertThat((Integer) page.locator("#tier-pace-panel .table-wrap").evaluate("p => p.scrollWidth - p.clientWidth"))
			.as("the pace panel fits a phone")
			.isLessThanOrEqualTo(0);
		page.setViewportSize(1366, 860);

		page.navigate(url("/tiers/mid?manager=all&region=LATAM"));
		assertThat(page.locator("#mid-tier tbody tr")).hasCount(1);
		assertThat(page.locator("#mid-tier tr[data-creator=c-2] .gap")).hasText("100.00");
		assertThat(page.locator("#mid-tier tr[data-creator=c-2] .pace-tier")).hasText("Top");
		assertThat(page.locator("#mid-tier tr[data-creator=c-2] .within-reach")).isVisible();
		assertAccessible("mid-tier view with pace columns");
		screenshot("tier-pace-mid-1366");
		page.setViewportSize(390, 844);
		screenshot("tier-pace-mid-390");
		page.setViewportSize(1366, 860);

		page.navigate(url("/creators"));
		page.locator("#roster-filters select[name=reach]").selectOption("next-tier");
		assertThat(page).hasURL(Pattern.compile("reach=next-tier"));
		assertThat(page.locator("#roster-table tbody tr")).hasCount(2);
		assertThat(page.locator("#roster-table tr[data-creator-id=c-2]")).isVisible();
		assertThat(page.locator("#roster-table tr[data-creator-id=c-3]")).isVisible();
		page.navigate(url("/creators?reach=next-tier&columns=handle,tier,paceTier,nextTierGap,withinReach&sort=nextTierGap"));
		assertThat(page.locator("#roster-table tbody tr").first()).containsText("sol");
		assertAccessible("roster filtered to creators within reach of the next tier");
		screenshot("tier-pace-roster-1366");
	}
}
