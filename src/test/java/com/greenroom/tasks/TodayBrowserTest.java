package com.greenroom.tasks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class TodayBrowserTest extends BrowserTest {

	@Autowired
	Tasks tasks;

	@Autowired
	Clock clock;

	private Task task(String title, long ownerId, long hoursFromNow) {
		return tasks.create(new TaskDraft(title, TaskSource.manual(null), null, "LATAM", ownerId, null,
				clock.instant().plus(Duration.ofHours(hoursFromNow))));
	}

	@Test
	void aManagerCompletesAnOverdueTaskAndSkipsAnotherInBulkWithAReason() {
		UserSummary ana = data.manager("ana", "LATAM");
		task("Welcome call with luna", ana.id(), -1);
		task("Plan content cadence", ana.id(), 72);
		signIn("ana", TestData.PASSWORD);

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Today").setExact(true)).click();
		assertThat(page.locator("h1")).hasText("Today");
		assertThat(page.locator("#section-overdue")).containsText("Welcome call with luna");
		assertThat(page.locator("#section-upcoming")).containsText("Plan content cadence");
		assertThat(page.locator("#count-overdue")).hasText("1");

		page.getByLabel("Note for Welcome call with luna").fill("Agreed on three streams a week");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete Welcome call with luna")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Completed “Welcome call with luna”");
		assertThat(page.locator("#count-overdue")).hasText("0");

		page.getByLabel("Select Plan content cadence").check();
		assertThat(page.locator("#tasks-selected-count")).hasText("1 task selected");
		page.getByLabel("Action for selected tasks").selectOption("skip");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply to selected")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("reason");

		page.getByLabel("Select Plan content cadence").check();
		page.getByLabel("Action for selected tasks").selectOption("skip");
		page.getByLabel("Note or reason for selected tasks").fill("Creator is travelling this month");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply to selected")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Skipped 1 task(s)");
		assertThat(page.locator("#section-upcoming")).containsText("Nothing due in the next 7 days");
		screenshot("today");
	}

	@Test
	void aLeadSeesTheRegionsOpenWorkByOwnerWithOverdueCounts() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary bob = data.manager("bob", "LATAM");
		data.user("lena", List.of("REGIONAL_LEAD"), "LATAM");
		task("Late one", ana.id(), -5);
		task("Late two", ana.id(), -2);
		task("Fine", bob.id(), 30);
		signIn("lena", TestData.PASSWORD);

		page.navigate(url("/today"));
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Region board")).click();

		assertThat(page.locator("h1")).hasText("LATAM board");
		assertThat(page.locator("#board-overdue")).hasText("2");
		assertThat(page.locator("tr[data-owner='Ana'] .overdue-count")).hasText("2");
		assertThat(page.locator("tr[data-owner='Bob'] .overdue-count")).hasText("0");
		screenshot("board");

		signInAs("ana");
		var refused = page.navigate(url("/today/board"));
		org.assertj.core.api.Assertions.assertThat(refused.status()).isEqualTo(403);
	}

	private void signInAs(String username) {
		context.clearCookies();
		signIn(username, TestData.PASSWORD);
	}
}
