package com.greenroom.tasks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class TodayBrowserTest extends BrowserTest {

	@Autowired
	Tasks tasks;

	@Autowired
	TaskQueries queries;

	@Autowired
	Clock clock;

	private Task task(String title, String creatorId, Long ownerId, double hoursFromNow) {
		return tasks.create(new TaskDraft(title, TaskSource.manual(null), creatorId, "LATAM", ownerId, ownerId == null ? Role.CREATOR_MANAGER : null,
				clock.instant().plus(Duration.ofMinutes((long) (hoursFromNow * 60)))));
	}

	@Test
	void aManagersMorningAtVolumeAssignmentMovesTheWorkTodayCountsTrulyFiltersPagesAndActsInPlace() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-luna", "luna", "BR");
		for (int i = 0; i < 180; i++) {
			task("Welcome call " + i, null, null, 2 + i % 100);
		}
		for (int i = 0; i < 40; i++) {
			task("Overdue check " + i, null, ana.id(), -1 - i);
		}
		for (int i = 0; i < 60; i++) {
			task("Plan " + i, null, ana.id(), 30 + i);
		}
		task("Call luna about her first stream", "c-luna", null, -3);

		// assigning luna to ana moves luna's open manager work to her, in the same change
		api.patch("/api/v1/creators/c-luna", TestData.ADMIN_TOKEN, "{\"managerId\": %d}".formatted(ana.id()));
		TaskQueries.TaskCounts counts = queries.counts(data.viewerOf(ana), tasks.zoneOf(data.viewerOf(ana), null), clock.instant());
		org.assertj.core.api.Assertions.assertThat(counts.upForGrabs()).isEqualTo(180);
		org.assertj.core.api.Assertions.assertThat(counts.overdue()).isEqualTo(41);

		signIn("ana", TestData.PASSWORD);
		page.navigate(url("/"));
		assertThat(page.locator("#my-tasks-today")).containsText("41 overdue");
		assertThat(page.locator("#my-tasks-today")).containsText("180 up for grabs");
		page.locator("#my-tasks-today").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("41 overdue")).click();

		assertThat(page.locator("h1")).hasText("Today");
		assertThat(page.locator("#count-overdue")).hasText("41");
		assertThat(page.locator("#count-claimable")).hasText("180");
		assertThat(page.locator("#task-total")).hasText("1–41 of 41 tasks");
		assertThat(page.locator("#task-list")).containsText("Call luna about her first stream");
		assertAccessible("Today");
		screenshot("today-overdue");

		// up for grabs pages through all 180, never a silent cap
		page.locator("#view-grabs").click();
		assertThat(page.locator("#task-total")).hasText("1–50 of 180 tasks");
		page.locator("#next-page").click();
		assertThat(page.locator("#task-total")).hasText("51–100 of 180 tasks");
		org.assertj.core.api.Assertions.assertThat(page.url()).contains("view=grabs").contains("page=2");

		// filters live in the URL: Back returns to the previous view
		page.getByLabel("Creator or task").fill("Welcome call 42");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
		assertThat(page.locator("#task-total")).hasText("1–1 of 1 task");
		org.assertj.core.api.Assertions.assertThat(page.url()).contains("q=Welcome");
		page.goBack();
		assertThat(page.locator("#task-total")).hasText("51–100 of 180 tasks");

		// claim in place: the row and the counters change, the page does not reload
		page.navigate(url("/today?view=grabs"));
		page.evaluate("() => window.__sameDocument = true");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Claim Welcome call 0")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Claimed “Welcome call 0”");
		assertThat(page.locator("#count-claimable")).hasText("179");
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete Welcome call 0"))).isVisible();
		org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.__sameDocument === true")).isEqualTo(true);

		// complete in place, then reopen the done task
		page.navigate(url("/today?view=overdue"));
		page.evaluate("() => window.__sameDocument = true");
		page.getByLabel("Note for Overdue check 0").fill("Spoke to the creator");
		double scrolled = ((Number) page.evaluate("() => window.scrollY")).doubleValue();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete Overdue check 0")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Completed “Overdue check 0”");
		assertThat(page.locator("#count-overdue")).hasText("40");
		// the page stays where it was (only the acted row's own height may change a little)
		org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate("() => window.scrollY")).doubleValue()).as("the page does not jump")
			.isGreaterThan(1000)
			.isCloseTo(scrolled, org.assertj.core.api.Assertions.within(20.0));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reopen Overdue check 0")).click();
		assertThat(page.locator("#count-overdue")).hasText("41");
		org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.__sameDocument === true")).isEqualTo(true);

		// bulk: a refused action keeps the selection and changes nothing; with a reason it applies
		page.getByLabel("Select Overdue check 1", new Page.GetByLabelOptions().setExact(true)).check();
		page.getByLabel("Select Overdue check 2", new Page.GetByLabelOptions().setExact(true)).check();
		assertThat(page.locator("#tasks-selected-count")).hasText("2 tasks selected");
		page.getByLabel("Action for selected tasks").selectOption("skip");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply to selected")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("reason");
		assertThat(page.getByLabel("Select Overdue check 1", new Page.GetByLabelOptions().setExact(true))).isChecked();
		assertThat(page.getByLabel("Select Overdue check 2", new Page.GetByLabelOptions().setExact(true))).isChecked();
		assertThat(page.locator("#count-overdue")).hasText("41");
		page.getByLabel("Note or reason for selected tasks").fill("Duplicates of the welcome call");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply to selected")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Skipped 2 task(s)");
		assertThat(page.locator("#count-overdue")).hasText("39");
		org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.__sameDocument === true")).isEqualTo(true);

		// keyboard: j moves to the first row, x selects it
		page.locator("h1").click();
		page.keyboard().press("j");
		page.keyboard().press("x");
		assertThat(page.locator("#tasks-selected-count")).hasText("1 task selected");

		// group by creator; then the same at phone width (the top navigation's phone layout is the console's work this round)
		page.navigate(url("/today?view=mine&group=creator"));
		assertThat(page.locator("tr.group-head").first()).containsText("luna");
		assertAccessible("Today grouped by creator");
		page.setViewportSize(390, 844);
		page.reload();
		assertThat(page.locator("tr.group-head").first()).isVisible();
		screenshot("today-phone");
	}

	@Test
	void theCreatorPageLetsTheOwnerActOnTheCreatorsOpenTasksRightThere() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-luna", "luna", "BR", ana.id());
		task("Send luna the overlay guide", "c-luna", ana.id(), 5);
		signIn("ana", TestData.PASSWORD);

		page.navigate(url("/creators/c-luna"));
		Locator panel = page.locator("#tasks-panel");
		assertThat(panel).containsText("Send luna the overlay guide");
		assertThat(panel).containsText("Welcome call");
		page.evaluate("() => window.__sameDocument = true");
		panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Complete Send luna the overlay guide")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Completed “Send luna the overlay guide”");
		assertThat(panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reopen Send luna the overlay guide"))).isVisible();
		org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.__sameDocument === true")).isEqualTo(true);
		page.waitForFunction("() => !document.querySelector('[hx-trigger=load]')");
		assertAccessible("creator page with its tasks panel");
		screenshot("creator-tasks-panel");
	}

	@Test
	void aLeadSeesTheRegionsOpenWorkByOwnerAndOpensOneOwnersTasks() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary bob = data.manager("bob", "LATAM");
		data.user("lena", List.of("REGIONAL_LEAD"), "LATAM");
		task("Late one", null, ana.id(), -5);
		task("Late two", null, ana.id(), -2);
		task("Fine", null, bob.id(), 30);
		signIn("lena", TestData.PASSWORD);

		page.navigate(url("/today"));
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Region board")).click();

		assertThat(page.locator("h1")).hasText("LATAM board");
		assertThat(page.locator("#board-overdue")).hasText("2");
		assertThat(page.locator("tr[data-owner='Ana'] .overdue-count")).hasText("2");
		assertThat(page.locator("tr[data-owner='Bob'] .overdue-count")).hasText("0");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ana").setExact(true)).click();
		assertThat(page.locator("#task-list")).containsText("Late one");
		assertThat(page.locator("#task-list")).not().containsText("Fine");
		assertAccessible("the lead's board");
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
