package com.greenroom.growth;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.Role;
import com.greenroom.insights.RetentionRefresh;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.EventFeed;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A regional lead plans a campaign, reads its ROI chart, and prints the week's review. */
class CampaignsBrowserTest extends BrowserTest {

	@Autowired
	EventFeed feed;

	@Autowired
	ApplicationContext context;

	void revenue() {
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		List<String> events = new ArrayList<>();
		events.add(EventFeed.registered("r-de-1", "de-1", "DE", "Europe/Berlin", Instant.parse("2026-09-01T10:00:00Z")));
		events.add(EventFeed.registered("r-de-2", "de-2", "DE", "Europe/Berlin", Instant.parse("2026-11-17T10:00:00Z")));
		int n = 0;
		for (LocalDate day = LocalDate.of(2026, 10, 19); day.isBefore(LocalDate.of(2026, 11, 23)); day = day.plusDays(1)) {
			// ten dollars a day before, thirty during the campaign (from 16 November)
			String usd = day.isBefore(LocalDate.of(2026, 11, 16)) ? "10.00" : "30.00";
			events.add(EventFeed.gift("g" + n++, "de-1", "de-1-s", "v1", usd, day.atTime(20, 0).atZone(berlin).toInstant()));
		}
		feed.send(events);
		RetentionRefresh.refresh(context);
	}

	@Test
	void aLeadCreatesACampaignAndSeesItsRoiAgainstTheBaseline() {
		revenue();
		data.user("lena", List.of(Role.REGIONAL_LEAD.name()), "EU");
		signIn("lena", TestData.PASSWORD);
		page.navigate(url("/insights/campaigns?region=EU"));
		assertThat(page.locator("#campaigns-empty")).isVisible();

		// a refused campaign keeps what was typed and names the field
		page.locator("#campaign-form input[name=name]").fill("Black Friday week");
		page.locator("#campaign-form input[name=start]").fill("2026-11-16");
		page.locator("#campaign-form input[name=end]").fill("2026-11-15");
		page.locator("#campaign-form input[name=costValue]").fill("0");
		page.locator("#campaign-form textarea[name=creators]").fill("de-1");
		page.locator("#campaign-form button[type=submit]").click();
		assertThat(page.locator("#campaign-errors")).containsText("end: must not be before start");
		assertThat(page.locator("#campaign-errors")).containsText("cost.value: must be greater than 0");
		assertThat(page.locator("#campaign-form input[name=name]")).hasValue("Black Friday week");
		assertAccessible("campaign form with errors");

		page.locator("#campaign-form input[name=end]").fill("2026-11-22");
		page.locator("#campaign-form input[name=costValue]").fill("100");
		page.locator("#campaign-form select[name=costCurrency]").selectOption("EUR");
		page.locator("#campaign-form button[type=submit]").click();
		page.waitForURL(u -> u.matches(".*/insights/campaigns/\\d+$"));
		// 7 days × 30 USD = 210 against a baseline of 7 × 10 = 70; cost 108 USD: ROI (140 − 108) / 108 = 29.6%
		assertThat(page.locator("#campaign-roi tr[data-region=EU] td.roi")).hasText("29.6%");
		assertThat(page.locator("#campaign-cost")).containsText("108.00 USD");
		assertThat(page.locator("#campaign-chart[data-chart-ready=true] canvas")).hasCount(1);
		screenshot("campaign-roi-1366");
		assertAccessible("campaign page");

		page.setViewportSize(390, 844);
		page.reload();
		assertThat(page.locator("#campaign-chart[data-chart-ready=true] canvas")).hasCount(1);
		screenshot("campaign-roi-390");
		assertAccessible("campaign page at phone width");

		page.setViewportSize(1366, 860);
		page.navigate(url("/insights/campaigns?region=EU"));
		assertThat(page.locator("#campaigns tbody tr")).hasCount(1);
		assertThat(page.locator("#campaigns td.roi")).hasText("29.6%");
		assertAccessible("campaign list");
	}

	@Test
	void aLeadPrintsTheWeeklyReviewWithoutNavigationOrForms() {
		revenue();
		data.user("lena", List.of(Role.REGIONAL_LEAD.name()), "EU");
		api.post("/api/v1/campaigns", TestData.ADMIN_TOKEN, """
				{"name": "Black Friday week", "regions": ["EU"], "start": "2026-11-16", "end": "2026-11-22",
				 "cost": {"value": "100", "currency": "EUR"}, "creators": ["de-1"]}""");
		signIn("lena", TestData.PASSWORD);
		page.navigate(url("/insights/review?region=EU&week=2026-W47"));
		assertThat(page.locator("h1")).hasText("Weekly review: Europe & CIS, 2026-W47");
		assertThat(page.locator("#review-funnel tr[data-step=REGISTERED] td").first()).hasText("1");
		assertThat(page.locator("#review-campaigns td.roi")).hasText("29.6%");
		assertThat(page.locator("#review-retention tr[data-cohort='2026-11-16'] td").first()).hasText("1");
		screenshot("weekly-review-1366");
		assertAccessible("weekly review");

		page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
		assertThat(page.locator("header.topbar")).isHidden();
		assertThat(page.locator("#review-filters")).isHidden();
		assertThat(page.locator("#review-csv")).isHidden();
		assertThat(page.locator("#review-campaigns")).isVisible();
		screenshot("weekly-review-print");

		page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));
		page.locator("#review-filters input[name=week]").fill("2026-48");
		page.locator("#review-filters button").click();
		assertThat(page.locator("#review-error")).containsText("week: must be an ISO week such as 2026-W48");

		page.setViewportSize(390, 844);
		page.navigate(url("/insights/review?region=EU&week=2026-W47"));
		screenshot("weekly-review-390");
		assertAccessible("weekly review at phone width");

		page.navigate(url("/insights/review?region=SA&week=2026-W47"));
		assertThat(page.locator("h1")).not().hasText("Weekly review: South & Central Asia, 2026-W47");
	}
}
