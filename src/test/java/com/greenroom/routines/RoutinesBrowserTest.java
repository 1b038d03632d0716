package com.greenroom.routines;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/** The rhythm in the console: routine list, a routine, today's routine task, and the view it opens. */
class RoutinesBrowserTest extends BrowserTest {

	@Autowired
	Routines routines;

	@Test
	void aLeadGoesFromTheRoutineListToTodaysRoutineTaskToTheRegionsTopRooms() {
		UserSummary lena = data.user("lena", List.of("REGIONAL_LEAD"), "EU");
		// Monday 30 November 2026, 10:00 in Berlin: due at 18:00 today
		Routine evening = routines.create(data.viewerOf(lena),
				new RoutineDraft("Evening top-room check", "Look for **falling** rooms <script>x</script>",
						"EU", "REGIONAL_LEAD", lena.id(), "FREQ=DAILY", null, "18:00", null, 2, "TOP_ROOMS", List.of("Ten rooms"), null));

		signIn("lena", TestData.PASSWORD);
		page.navigate(url("/routines?region=EU"));
		Locator row = page.locator("#routines-table tr[data-routine='" + evening.id() + "']");
		assertThat(row).containsText("18:00");
		assertThat(row).containsText("Top rooms");
		assertAccessible("routine list");
		row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Evening top-room check")).click();
		page.waitForURL(u -> u.endsWith("/routines/" + evening.id()));
		assertThat(page.locator("#routine-guidance strong")).hasText("falling");
		assertThat(page.locator("#routine-guidance script")).hasCount(0);
		assertThat(page.locator("#routine-checklist")).containsText("Ten rooms");
		assertThat(page.locator("#preview-list li").first()).containsText("Mon 30 Nov 2026, 18:00");
		assertAccessible("routine page");

		page.navigate(url("/today"));
		Locator task = page.locator(".task-row").filter(new Locator.FilterOptions().setHasText("Evening top-room check")).first();
		task.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Evening top-room check")).click();
		page.waitForURL(u -> u.contains("/live?region=EU"));
		assertThat(page).hasURL(java.util.regex.Pattern.compile("/live\\?region=EU$"));
	}

	@Test
	void aLeadSchedulesARoutineWithAPreviewAndSeesItsAccountability() {
		data.user("lena", List.of("REGIONAL_LEAD"), "EU");
		signIn("lena", TestData.PASSWORD);
		page.navigate(url("/routines/new"));
		page.getByLabel("Title").fill("Coach mid-tier creators");
		page.getByLabel("Recurrence (RFC 5545 RRULE)").fill("FREQ=SOMETIMES");
		page.getByLabel("Recurrence (RFC 5545 RRULE)").dispatchEvent("change");
		assertThat(page.locator("#preview-error")).containsText("rrule");
		page.getByLabel("Recurrence (RFC 5545 RRULE)").fill("FREQ=WEEKLY;BYDAY=TU,FR");
		page.getByLabel("Recurrence (RFC 5545 RRULE)").dispatchEvent("change");
		assertThat(page.locator("#preview-list li").first()).containsText("Tue 1 Dec 2026, 09:00");
		assertAccessible("new routine form");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create routine")).click();
		page.waitForURL(u -> u.matches(".*/routines/\\d+$"));
		assertThat(page.locator("[role=status]")).containsText("Created the routine Coach mid-tier creators");

		page.navigate(url("/routines/accountability?region=EU&week=2026-W50"));
		assertThat(page.locator("h1")).hasText("Accountability · 2026-W50");
		assertAccessible("accountability");
	}
}
