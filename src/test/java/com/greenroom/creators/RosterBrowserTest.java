package com.greenroom.creators;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.EventFeed;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class RosterBrowserTest extends BrowserTest {

	@Autowired
	EventFeed feed;

	@Autowired
	Clock clock;

	@Test
	void aManagerSortsChoosesColumnsSavesAViewAndKeepsHerFiltersAcrossBackAndForward() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.manager("bea", "LATAM");
		data.creator("c-1", "amara", "BR", ana.id());
		data.creator("c-2", "bento", "BR", ana.id());
		data.creator("c-3", "caio", "MX");
		Instant yesterday = clock.instant().minus(Duration.ofDays(1));
		feed.send(EventFeed.started("s1", "c-1", "a1", yesterday), EventFeed.gift("g1", "c-1", "a1", "v1", "5.00", yesterday),
				EventFeed.started("s2", "c-2", "b1", yesterday), EventFeed.gift("g2", "c-2", "b1", "v1", "70.00", yesterday));

		signIn("ana", TestData.PASSWORD);
		page.navigate(url("/creators"));
		assertThat(page.locator("#roster-table tbody tr")).hasCount(3);
		assertAccessible("the roster");

		// choose a performance column, then sort by it (highest first)
		page.locator(".roster-columns summary").click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Show Revenue (28 d, USD)")).click();
		assertThat(page).hasURL(Pattern.compile("columns=.*revenue28d"));
		assertThat(page.locator("#roster-table th[data-column=revenue28d]")).isVisible();
		page.locator("#roster-table th[data-column=revenue28d] a").click();
		assertThat(page.locator("#roster-table th[data-column=revenue28d]")).hasAttribute("aria-sort", "descending");
		assertThat(page.locator("#roster-table tbody tr").first()).containsText("bento");
		assertThat(page.locator("#roster-table tbody tr").first()).containsText("$70.00");
		assertThat(page.locator("#hidden-sort")).hasCount(0);

		// hiding the sorted column keeps the order and says what it is, with a link that shows the column again
		page.locator(".roster-columns summary").click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Hide Revenue (28 d, USD)")).click();
		assertThat(page.locator("#roster-table th[data-column=revenue28d]")).hasCount(0);
		assertThat(page.locator("#hidden-sort")).containsText("Sorted by Revenue (28 d, USD), highest first, a column not shown.");
		assertThat(page.locator("#roster-table tbody tr").first()).containsText("bento");
		page.locator("#hidden-sort").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Show it")).click();
		assertThat(page.locator("#roster-table th[data-column=revenue28d]")).hasAttribute("aria-sort", "descending");
		assertThat(page.locator("#hidden-sort")).hasCount(0);
		// click() does not await a link's navigation: the new page's rows can be there before htmx (deferred) has run,
		// and a filter changed then sends nothing (CI155 failed at the status filter below, a local run here)
		page.waitForLoadState();

		// filter to her own creators: the URL, the CSV link and Back/Forward keep it
		page.locator("#roster-filters select[name=manager]").selectOption("me");
		assertThat(page).hasURL(Pattern.compile("manager=me"));
		assertThat(page.locator("#roster-table tbody tr")).hasCount(2);
		String csv = page.locator("#export-csv").getAttribute("href");
		org.assertj.core.api.Assertions.assertThat(csv).contains("manager=me").contains("sort=-revenue28d").contains("revenue28d");
		page.goBack();
		assertThat(page).not().hasURL(Pattern.compile("manager=me"));
		assertThat(page.locator("#roster-table tbody tr")).hasCount(3);
		assertThat(page.locator("#roster-filters select[name=manager]")).hasValue("");
		page.goForward();
		assertThat(page).hasURL(Pattern.compile("manager=me"));
		assertThat(page.locator("#roster-filters select[name=manager]")).hasValue("me");
		assertThat(page.locator("#roster-table tbody tr")).hasCount(2);

		// save it as a view and open it again from a clean roster
		page.locator(".roster-save summary").click();
		page.locator("#save-view input[name=name]").fill("My top earners");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save view")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved the view My top earners");
		page.navigate(url("/creators"));
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My top earners")).click();
		assertThat(page).hasURL(Pattern.compile("manager=me"));
		page.waitForLoadState();
		assertThat(page.locator("#roster-table tbody tr").first()).containsText("bento");

		// the empty states say why
		page.locator("#roster-filters select[name=status]").selectOption("PAUSED");
		assertThat(page.locator("#roster-empty")).containsText("No creators match these filters");
		context.clearCookies();
		signIn("bea", TestData.PASSWORD);
		page.navigate(url("/creators?manager=me"));
		assertThat(page.locator("#roster-empty")).containsText("You manage no creators yet");
		assertAccessible("the roster's empty state");

		// a hand-edited link with a column that does not exist says which parameter is wrong and shows the roster
		page.navigate(url("/creators?columns=creator,revenue28d"));
		assertThat(page.locator(".flash.error")).containsText("columns: has an unknown column 'creator'");
		assertThat(page.locator(".flash.error")).containsText("Showing the whole roster instead.");
		assertThat(page.locator("#roster-table tbody tr")).hasCount(3);

		page.navigate(url("/creators/c-1"));
		assertThat(page.locator("#profile")).containsText("amara");
		page.waitForFunction("() => !document.querySelector('[hx-trigger=load]')");
		assertAccessible("the creator page with its panels");
	}

	@Test
	void aLeadTurnsOnAutoAssignmentAndTheRosterFitsAPhone() {
		data.manager("ana", "LATAM");
		data.user("lea", List.of("REGIONAL_LEAD"), "LATAM");
		for (int i = 0; i < 3; i++) {
			data.creator("c-" + i, "creator-with-a-long-handle-" + i, "BR");
		}

		signIn("lea", TestData.PASSWORD);
		page.navigate(url("/creators"));
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Auto-assignment")).click();
		page.getByLabel("Auto-assignment in LATAM").selectOption("ROUND_ROBIN");
		page.locator("tr[data-region=LATAM] button").click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Auto-assignment in LATAM: round-robin");
		assertAccessible("auto-assignment");

		page.setViewportSize(390, 844);
		page.navigate(url("/creators"));
		// the roster's own content (the top navigation is the console frame's) stays within the screen; the table scrolls inside its frame
		Object wide = page
			.evaluate("() => [...document.querySelectorAll('#main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
					+ " && !e.parentElement.closest('.table-wrap')).map(e => e.tagName + '.' + e.className + '#' + e.id)");
		org.assertj.core.api.Assertions.assertThat((List<?>) wide).as("roster content wider than 390 px").isEmpty();
		assertThat(page.locator(".table-wrap")).hasAttribute("tabindex", "0");
		assertAccessible("the roster at phone width");
		screenshot("roster-phone");
	}
}
