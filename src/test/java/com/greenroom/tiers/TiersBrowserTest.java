package com.greenroom.tiers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.onboarding.Checklists;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.EventFeed;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class TiersBrowserTest extends BrowserTest {

	@Autowired
	Creators creators;

	@Autowired
	Checklists checklists;

	@Autowired
	EventFeed feed;

	@Autowired
	Clock clock;

	@Test
	void aLeadRecomputesAndAManagerSeesTheirMidTierCreators() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary bob = data.manager("bob", "LATAM");
		data.user("lena", List.of("REGIONAL_LEAD"), "LATAM");
		Instant now = clock.instant();
		List<String> events = new ArrayList<>();
		// Four active creators: with top 10% and mid 30%, rank 1 is top, rank 2 mid, ranks 3 and 4 emerging.
		String[][] roster = { { "c-1", "luna", "400" }, { "c-2", "sol", "300" }, { "c-3", "mar", "200" }, { "c-4", "rio", "100" } };
		for (String[] c : roster) {
			creators.create(data.admin(), new CreatorDraft(c[0], c[1], "BR", null, null, null, c[0].equals("c-2") ? ana.id() : bob.id(), null,
					now.minus(Duration.ofDays(40)), null));
			await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find(c[0]).isPresent());
			events.add(EventFeed.started(c[0] + "-s", c[0], c[0] + "-stream", now.minus(Duration.ofDays(2))));
			events.add(EventFeed.gift(c[0] + "-g", c[0], c[0] + "-stream", "v-1", c[2], now.minus(Duration.ofDays(2)).plusSeconds(60)));
		}
		feed.send(events);

		signIn("lena", TestData.PASSWORD);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mid-tier")).click();
		assertThat(page.locator("#mid-empty")).hasAttribute("data-reason", "no-run");
		assertThat(page.locator("#mid-empty")).containsText("Tiers have not been computed yet");
		assertAccessible("mid-tier before any tier run");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Recompute now")).click();
		// the job runs off the request thread: the page polls its progress per region until it is done (in one full-suite
		// run of stop 35 it was still computing after the default 5 s, hence the longer wait)
		assertThat(page.locator("#recompute-progress")).containsText("1 of 1 regions done",
				new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
		assertThat(page.locator("#recompute-progress")).hasAttribute("data-status", "DONE");
		assertThat(page.locator("#recompute-progress li[data-region=LATAM]")).containsText("done, 4 creators (1 top, 1 mid, 2 emerging)");
		assertAccessible("mid-tier, tier recompute progress");
		page.locator("#recompute-show").click();
		assertThat(page.locator("#mid-tier tbody tr")).hasCount(1);
		assertThat(page.locator("#mid-tier tr[data-creator=c-2]")).containsText("sol");
		assertThat(page.locator("#mid-tier tr[data-creator=c-2]")).containsText("300.00");
		page.getByLabel("Manager").selectOption(String.valueOf(bob.id()));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
		assertThat(page.locator("#mid-empty")).hasAttribute("data-reason", "none-mid");
		assertThat(page.locator("#mid-empty")).containsText("None of Bob’s creators is mid-tier right now");
		assertThat(page.locator("#mid-tier-counts")).containsText("1 top");
		assertThat(page.locator("#mid-tier-counts")).containsText("2 emerging");
		assertAccessible("mid-tier, none of a manager's creators in the tier");
		screenshot("mid-tier");

		// a routine's link opens the view already filtered to its region
		page.navigate(url("/tiers/mid?manager=all&region=LATAM"));
		assertThat(page.locator("#mid-tier tbody tr")).hasCount(1);
		assertThat(page.getByLabel("Region")).hasValue("LATAM");

		// the roster filtered by tier, as typed in an address (any case): the filter shows the tier it applied
		page.navigate(url("/creators?tier=mid"));
		assertThat(page.locator("#roster tbody tr")).hasCount(1);
		assertThat(page.locator("#roster tr[data-creator-id=c-2]")).containsText("sol");
		assertThat(page.locator("#roster-filters select[name=tier]")).hasValue("MID");

		context.clearCookies();
		signIn("ana", TestData.PASSWORD);
		page.navigate(url("/tiers/mid"));
		assertThat(page.locator("#mid-tier tr[data-creator=c-2]")).containsText("Ana");
	}

	@Test
	void aManagerWithoutCreatorsIsToldSoInsteadOfAnEmptyList() {
		data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR");
		signIn("ana", TestData.PASSWORD);
		page.navigate(url("/tiers/mid"));
		assertThat(page.locator("#mid-empty")).hasAttribute("data-reason", "no-creators");
		assertThat(page.locator("#mid-empty")).containsText("You manage no creators yet.");
		page.getByLabel("Manager").selectOption("all");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
		assertThat(page.locator("#mid-empty")).hasAttribute("data-reason", "no-run");
	}
}
