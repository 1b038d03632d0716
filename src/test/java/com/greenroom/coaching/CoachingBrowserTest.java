package com.greenroom.coaching;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.UserSummary;
import com.greenroom.onboarding.Checklists;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class CoachingBrowserTest extends BrowserTest {

	@Autowired
	Clock clock;

	@Autowired
	Checklists checklists;

	@Test
	void aManagerLogsASessionAndFindsTheFollowUpOnTheirTodayPage() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR", ana.id());
		await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find("c-1").isPresent());
		LocalDate followUp = LocalDate.ofInstant(clock.instant(), ZoneId.of("America/Sao_Paulo")).plusDays(2);
		signIn("ana", TestData.PASSWORD);

		page.navigate(url("/creators/c-1"));
		assertThat(page.locator("#coaching-empty")).hasText("No coaching sessions yet.");
		page.getByText("Log a session").click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log session")).click();
		assertThat(page.locator("#coaching-panel [role=alert]")).containsText("pick at least one topic");

		page.getByLabel("Content cadence").check();
		page.getByLabel("Monetization prompts").check();
		page.getByLabel("Notes").fill("Streams twice a week, wants to grow gifts");
		page.getByLabel("Agreed next step").fill("Three streams a week");
		page.getByLabel("Follow-up date").fill(followUp.toString());
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log session")).click();

		assertThat(page.locator("#coaching-panel [role=status]")).containsText("Logged the session with Ana; follow-up on " + followUp);
		assertThat(page.locator("#coaching-sessions li")).hasCount(1);
		assertThat(page.locator("#coaching-sessions")).containsText("Monetization prompts");
		assertThat(page.locator("#timeline-entries li[data-kind=COACHING]"))
			.containsText("Coaching session: Content cadence, Monetization prompts");
		assertAccessible("creator coaching");
		screenshot("creator-coaching");

		page.navigate(url("/today"));
		assertThat(page.locator("#section-upcoming")).containsText("Follow up with luna: Three streams a week");
	}

	@Test
	void anAdminAddsATopicAndRetiresAnother() {
		signIn("admin", "admin-password-for-tests");

		page.navigate(url("/"));
		page.locator("summary", new Page.LocatorOptions().setHasText("Admin")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Coaching").setExact(true)).click();
		assertThat(page.locator("h1")).hasText("Coaching topics");
		page.getByLabel("New topic").fill("Collabs & duets");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add topic")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Added the topic Collabs & duets");

		page.getByLabel("New topic").fill("community");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add topic")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("already exists");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retire Community")).click();
		assertThat(page.locator("tr[data-topic=community]")).containsText("Retired");
		assertThat(page.locator("tr[data-topic=collabs-duets]")).containsText("Active");
		assertAccessible("coaching topics");
		screenshot("coaching-topics");
	}
}
