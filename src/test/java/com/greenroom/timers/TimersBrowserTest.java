package com.greenroom.timers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

class TimersBrowserTest extends BrowserTest {

	@Autowired
	Timers timers;

	@Test
	void anAdminSeesCountsPerKindAFailedTimerWithItsReasonAndRetriesIt() {
		timers.schedule(TimerRequest.of("retired-kind", "retired:1", TestClock.START));
		timers.schedule(TimerRequest.of(NoopTimerHandler.KIND, "noop:tomorrow", TestClock.START.plusSeconds(86_400)));
		timers.fireDue(TestClock.START);

		signIn("admin", "admin-password-for-tests");
		page.locator("summary", new Page.LocatorOptions().setHasText("Admin")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Timers")).click();

		assertThat(page.locator("#counts-table")).containsText("retired-kind");
		assertThat(page.locator("#total-FAILED")).hasText("1");
		// other modules seed timers of their own (playbook reviews): count relative to what is there
		int pending = Integer.parseInt(page.locator("#total-PENDING").textContent().strip());
		assertThat(page.locator("#timers-table")).containsText("retired:1");
		assertThat(page.locator("#timers-table")).containsText("no handler for timer kind retired-kind");
		assertAccessible("timers page");
		screenshot("timers-laptop");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry timer retired:1")).click();
		assertThat(page.locator(".flash")).containsText("retired:1 is pending again");
		assertThat(page.locator("#total-PENDING")).hasText(String.valueOf(pending + 1));

		page.locator("#view-PENDING").click();
		assertThat(page.locator("#timers-table")).containsText("noop:tomorrow");
		assertAccessible("timers page, pending");
	}
}
