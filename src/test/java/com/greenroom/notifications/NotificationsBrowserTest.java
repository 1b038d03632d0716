package com.greenroom.notifications;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import com.greenroom.support.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;

class NotificationsBrowserTest extends BrowserTest {

	@Autowired
	Notifications notifications;

	@Autowired
	NotificationPreferences preferences;

	@Autowired
	Outbox outbox;

	@Autowired
	Clock clock;

	@Test
	void aManagerSeesTheUnreadCountOnTheBellAndWorksThroughTheInbox() {
		UserSummary ana = data.manager("ana", "LATAM");
		notifications.notify(new Notice(ana.id(), NoticeKind.ASSIGNED, "Follow up with luna is yours", "Due today 17:00", "/today", "task:1"));
		notifications.notify(new Notice(ana.id(), NoticeKind.BREACH, "Ticket 42 breached", "First response 5 minutes late", null, "t:42"));
		signIn("ana", TestData.PASSWORD);

		assertThat(page.locator("#inbox-bell")).hasAttribute("aria-label", "Inbox, 2 unread");
		assertThat(page.locator("#inbox-bell .bell-count")).hasText("2");
		page.locator("#inbox-bell").click();
		assertThat(page.locator("h1")).hasText("Inbox");
		assertThat(page.locator("#inbox-list li.unread")).hasCount(2);
		assertThat(page.locator("#inbox-list li").first()).containsText("Ticket 42 breached");
		assertAccessible("inbox");
		screenshot("inbox");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark “Ticket 42 breached” read")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Marked “Ticket 42 breached” read.");
		assertThat(page.locator("#inbox-bell")).hasAttribute("aria-label", "Inbox, 1 unread");
		assertThat(page.locator("#inbox-list li.unread")).hasCount(1);

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Unread").setExact(true)).click();
		assertThat(page.locator("#inbox-list li")).hasCount(1);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark all read")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Marked 1 notice read.");
		assertThat(page.locator("#inbox-bell")).hasAttribute("aria-label", "Inbox, nothing unread");
		assertThat(page.locator("#inbox-bell .bell-count")).hasCount(0);

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Follow up with luna is yours")).click();
		page.waitForURL(u -> u.endsWith("/today"));
	}

	@Test
	void aManagerChoosesEmailForBreachesAndABadWebhookUrlIsRefusedWithNothingSaved() {
		UserSummary ana = data.manager("ana", "LATAM");
		signIn("ana", TestData.PASSWORD);
		page.navigate(url("/inbox/preferences"));
		assertThat(page.locator("#email-note")).hasText("Email goes to ana@example.com.");

		page.getByLabel("Breach by email").check();
		page.getByLabel("Escalation by email").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save channels")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved your notification channels.");
		assertThat(page.getByLabel("Breach by email")).isChecked();
		assertThat(page.getByLabel("Assigned by email")).not().isChecked();
		assertAccessible("notification channels");
		screenshot("notification-channels");

		page.getByLabel("Mention by webhook").check();
		page.getByLabel("Your webhook URL").fill("ftp://hooks.example.com/x");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save channels")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("Nothing was saved");
		assertThat(page.locator("#error-webhookUrl")).containsText("http:// or https://");
		assertThat(page.getByLabel("Mention by webhook")).isChecked();
		assertAccessible("notification channels with errors");

		NotificationPreferences.Preferences saved = preferences.of(ana.id());
		assertThat(saved.has(NoticeKind.BREACH, NotificationChannel.EMAIL)).isTrue();
		assertThat(saved.has(NoticeKind.MENTION, NotificationChannel.WEBHOOK)).isFalse();
		assertThat(saved.webhookUrl()).isNull();
	}

	@Test
	void anAdminSeesAFailedDeliveryWithItsReasonAndRetriesIt() {
		WebhookReceiver receiver = WebhookReceiver.get();
		receiver.clear();
		receiver.failNext("/hooks/ops", 404, 1);
		long id = outbox.enqueue(new OutboxMessage(OutboxChannel.WEBHOOK, receiver.url("/hooks/ops"), "Daily digest", "3 breaches",
				"digest:1", "test"));
		outbox.deliverDue(clock.instant());
		signIn("admin", "admin-password-for-tests");

		page.navigate(url("/"));
		page.locator("summary", new Page.LocatorOptions().setHasText("Admin")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Outbox").setExact(true)).click();
		assertThat(page.locator("h1")).hasText("Outbox");
		assertThat(page.locator("tr[data-message-id='" + id + "']")).containsText("HTTP 404");
		assertThat(page.locator("tr[data-message-id='" + id + "']")).not().containsText("/hooks/ops");
		assertAccessible("outbox");
		screenshot("outbox");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry message " + id)).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Message " + id + " is queued again.");
		assertThat(page.locator("tr[data-message-id='" + id + "']")).hasCount(0);
		outbox.deliverDue(clock.instant());
		page.reload();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sent (1)")).click();
		assertThat(page.locator("tr[data-message-id='" + id + "']")).containsText("Sent");
		assertThat(receiver.delivered("/hooks/ops")).hasSize(1);
	}
}
