package com.greenroom.activity;

import static com.greenroom.support.EventFeed.*;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.support.BrowserTest;
import com.greenroom.support.EventFeed;
import org.springframework.beans.factory.annotation.Autowired;

/** The Top rooms page and the creator page's milestone path and activity chart, in Chromium. */
class ActivityBrowserTest extends BrowserTest {

	@Autowired
	EventFeed feed;

	@Autowired
	Clock clock;

	@Test
	void topRoomsShowsAnEmptyStateThenRefreshesItselfWhenARoomGoesLive() {
		data.creator("ana", "ana", "BR");
		signIn("admin", "admin-password-for-tests");
		page.navigate(url("/live"));
		assertThat(page.locator("#rooms-empty")).containsText("No rooms are live");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Top rooms"))).hasClass("active");

		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		feed.send(started("a1", "ana", "s1", now.minus(Duration.ofMinutes(20))));
		feed.send(joins("j", "ana", "s1", "v", 4, now.minus(Duration.ofMinutes(1))));

		Locator row = page.locator("#rooms-table tr[data-stream-id=s1]");
		assertThat(row).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(12_000));
		assertThat(row.locator(".viewers")).hasText("4");
		assertAccessible("top rooms");
		screenshot("top-rooms");
	}

	@Test
	void theCreatorPageShowsTheMilestonePathAndTheActivityChart() {
		data.creator("ana", "ana", "BR");
		Instant t = clock.instant().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
		feed.send(started("a1", "ana", "s1", t), joined("a2", "ana", "s1", "v1", t.plusSeconds(60)),
				gift("a3", "ana", "s1", "v1", "12.00", t.plusSeconds(120)), ended("a4", "ana", "s1", t.plusSeconds(3600)));
		signIn("admin", "admin-password-for-tests");

		page.navigate(url("/creators/ana"));
		Locator path = page.locator("#milestones-panel");
		assertThat(path.locator("[data-milestone=FIRST_STREAM]")).hasClass(java.util.regex.Pattern.compile("reached"));
		assertThat(path.locator("[data-milestone=FIRST_REVENUE]")).hasClass(java.util.regex.Pattern.compile("reached"));
		assertThat(path.locator("[data-milestone=TEN_RETAINED_VIEWERS]")).containsText("0 / 10");
		assertThat(path.locator("[data-milestone=FIRST_SUBSCRIPTION]")).containsText("0 / 1");
		assertThat(path).containsText("since registration");
		assertThat(page.locator("#activity-active-days")).hasText("1");
		assertThat(page.locator("#activity-live-minutes")).hasText("60");
		assertThat(page.locator("#activity-chart[data-chart-ready=true] canvas")).isVisible();
		assertAccessible("creator milestones");
		screenshot("creator-milestones");
	}

	@Test
	void aCreatorWithoutEventsShowsTheWholePathAheadAndAQuietChart() {
		data.creator("newbie", "newbie", "ID");
		signIn("admin", "admin-password-for-tests");
		page.navigate(url("/creators/newbie"));
		assertThat(page.locator("#milestones-panel li.reached")).hasCount(0);
		assertThat(page.locator("#milestones-panel [data-milestone=FIRST_STREAM]")).containsText("0 / 1");
		assertThat(page.locator("#activity-active-days")).hasText("0");
		assertThat(page.locator("#activity-chart[data-chart-ready=true]")).isVisible();
	}

	@Test
	void anAdminAddsAMilestoneAndSeesWhatIsWrongWithABadOne() {
		signIn("admin", "admin-password-for-tests");
		page.navigate(url("/admin/milestones"));
		page.getByLabel("Code").fill("FIFTY_FOLLOWS");
		page.getByLabel("Name").fill("Fifty follows");
		page.getByLabel("Counts").selectOption("FOLLOWS");
		page.getByLabel("Threshold").fill("0");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add milestone")).click();
		assertThat(page.locator(".field-error")).containsText("greater than zero");

		page.getByLabel("Threshold").fill("50");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add milestone")).click();
		assertThat(page.locator("#milestones-table")).containsText("FIFTY_FOLLOWS");
		assertThat(page.locator(".flash")).containsText("Added milestone Fifty follows");
	}
}
