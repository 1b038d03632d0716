package com.greenroom.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.support.TestMail;
import com.greenroom.support.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class NotificationsIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Notifications notifications;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	TestClock clock;

	private final WebhookReceiver receiver = WebhookReceiver.get();

	private final TestMail mail = TestMail.get();

	UserSummary ana;

	String anaToken;

	@BeforeEach
	void reset() {
		data.reset();
		receiver.clear();
		mail.clear();
		ana = data.manager("ana", "LATAM");
		anaToken = data.tokenOf(ana);
	}

	@Test
	void aNoticeReachesTheInboxAndTheChannelsTheUserChoseForItsKind() throws Exception {
		var saved = api.put("/api/v1/notification-preferences", anaToken, """
				{"webhookUrl": "%s", "kinds": [{"kind": "BREACH", "channels": ["EMAIL", "WEBHOOK"]}]}"""
			.formatted(receiver.url("/hooks/ana")));
		assertThat(saved.status()).as(saved.body()).isEqualTo(200);

		notifications.notify(new Notice(ana.id(), NoticeKind.BREACH, "Ticket 42 breached", "First response is 5 minutes late.",
				"/tickets/42", "ticket:42:breach"));
		notifications.notify(new Notice(ana.id(), NoticeKind.ASSIGNED, "Ticket 43 is yours", null, "/tickets/43", "ticket:43:assigned"));
		outbox.deliverDue(clock.instant());

		assertThat(notifications.unreadCount(ana.id())).isEqualTo(2);
		List<MimeMessage> emails = mail.received();
		assertThat(emails).hasSize(1);
		assertThat(emails.get(0).getSubject()).isEqualTo("Ticket 42 breached");
		assertThat(emails.get(0).getAllRecipients()[0].toString()).isEqualTo("ana@example.com");
		assertThat((String) emails.get(0).getContent()).contains("First response is 5 minutes late.").contains("/tickets/42");
		List<WebhookReceiver.Received> hooks = receiver.delivered("/hooks/ana");
		assertThat(hooks).hasSize(1);
		assertThat(hooks.get(0).body()).contains("Ticket 42 breached");
	}

	@Test
	void aRepeatedNoticeForOneEventGoesNowhereTwice() {
		api.put("/api/v1/notification-preferences", anaToken, """
				{"webhookUrl": "%s", "kinds": [{"kind": "WARNING", "channels": ["IN_APP", "EMAIL", "WEBHOOK"]}]}"""
			.formatted(receiver.url("/hooks/ana")));

		Notice warning = new Notice(ana.id(), NoticeKind.WARNING, "Ticket 7 at 80%", null, "/tickets/7", "ticket:7:warning");
		assertThat(notifications.notify(warning)).isTrue();
		outbox.deliverDue(clock.instant());
		assertThat(notifications.notify(warning)).isFalse();
		outbox.deliverDue(clock.instant());

		assertThat(notifications.unreadCount(ana.id())).isEqualTo(1);
		assertThat(mail.received()).hasSize(1);
		assertThat(receiver.delivered("/hooks/ana")).hasSize(1);
	}

	@Test
	void aNoticeInAChangeThatRollsBackLeavesNoTrace() {
		api.put("/api/v1/notification-preferences", anaToken, """
				{"kinds": [{"kind": "ASSIGNED", "channels": ["EMAIL"]}]}""");

		try {
			new TransactionTemplate(transactions).executeWithoutResult(status -> {
				notifications.notify(new Notice(ana.id(), NoticeKind.ASSIGNED, "Yours", null, null, "rolled-back"));
				throw new IllegalStateException("the assignment fails");
			});
		}
		catch (IllegalStateException expected) {
			// the caller's change failed: neither the inbox row nor the email may remain
		}

		assertThat(notifications.unreadCount(ana.id())).isZero();
		assertThat(outbox.deliverDue(clock.instant())).isZero();
	}

	@Test
	void theInboxListsMyNoticesNewestFirstAndMarksThemRead() {
		UserSummary bea = data.manager("bea", "LATAM");
		for (int i = 1; i <= 3; i++) {
			notifications.notify(new Notice(ana.id(), NoticeKind.ASSIGNED, "Task " + i, null, "/today", "task:" + i));
			clock.advance(java.time.Duration.ofMinutes(1));
		}
		notifications.notify(new Notice(bea.id(), NoticeKind.MENTION, "Bea's own", null, null, "bea:1"));

		JsonNode first = api.get("/api/v1/notifications?limit=2", anaToken).json();
		assertThat(first.get("items")).extracting(n -> n.get("subject").asString()).containsExactly("Task 3", "Task 2");
		JsonNode second = api.get("/api/v1/notifications?limit=2&cursor=" + first.get("nextCursor").asString(), anaToken).json();
		assertThat(second.get("items")).extracting(n -> n.get("subject").asString()).containsExactly("Task 1");
		assertThat(second.get("nextCursor")).isNull();

		long task2 = first.get("items").get(1).get("id").asLong();
		var read = api.post("/api/v1/notifications/" + task2 + "/read", anaToken, "");
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("readAt").asString()).isEqualTo(clock.instant().toString());
		assertThat(api.get("/api/v1/notifications?unread=true", anaToken).json().get("items"))
			.extracting(n -> n.get("subject").asString())
			.containsExactly("Task 3", "Task 1");
		assertThat(api.get("/api/v1/notifications/unread-count", anaToken).json().get("unread").asInt()).isEqualTo(2);

		long beas = notifications.inbox(bea.id(), 1).get(0).id();
		assertThat(api.post("/api/v1/notifications/" + beas + "/read", anaToken, "").status()).as("someone else's notice").isEqualTo(404);

		assertThat(api.post("/api/v1/notifications/read-all", anaToken, "").json().get("marked").asInt()).isEqualTo(2);
		assertThat(notifications.unreadCount(ana.id())).isZero();
		assertThat(notifications.unreadCount(bea.id())).isEqualTo(1);
	}

	@Test
	void preferencesListEveryKindWithTheInboxAlwaysOn() {
		api.put("/api/v1/notification-preferences", anaToken, """
				{"kinds": [{"kind": "escalation", "channels": ["email"]}]}""");

		JsonNode preferences = api.get("/api/v1/notification-preferences", anaToken).json();
		assertThat(preferences.get("kinds")).hasSize(NoticeKind.values().length);
		assertThat(preferences.get("email").asString()).isEqualTo("ana@example.com");
		assertThat(preferences.get("emailOn").asBoolean()).isTrue();
		for (JsonNode kind : preferences.get("kinds")) {
			List<String> channels = kind.get("channels").valueStream().map(JsonNode::asString).toList();
			assertThat(channels).isEqualTo(kind.get("kind").asString().equals("ESCALATION") ? List.of("IN_APP", "EMAIL") : List.of("IN_APP"));
		}
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'notification_preferences'").query(Integer.class).single())
			.isEqualTo(1);
	}

	@Test
	void badPreferencesAreRefusedNamingTheFieldAndChangeNothing() {
		api.put("/api/v1/notification-preferences", anaToken, """
				{"kinds": [{"kind": "BREACH", "channels": ["EMAIL"]}]}""");
		String before = api.get("/api/v1/notification-preferences", anaToken).body();

		assertRefused("""
				{"kinds": [{"kind": "SOMETIMES", "channels": ["EMAIL"]}]}""", "kinds[0].kind");
		assertRefused("""
				{"kinds": [{"kind": "BREACH", "channels": ["EMAIL", "PIGEON"]}]}""", "kinds[0].channels[1]");
		assertRefused("""
				{"webhookUrl": "ftp://hooks.example.com/x", "kinds": []}""", "webhookUrl");
		assertRefused("""
				{"webhookUrl": "javascript:alert(1)", "kinds": []}""", "webhookUrl");
		assertRefused("""
				{"webhookUrl": "https://hooks.example.com/%s", "kinds": []}""".formatted("x".repeat(2100)), "webhookUrl");
		assertRefused("""
				{"kinds": [{"kind": "BREACH", "channels": ["WEBHOOK"]}]}""", "kinds[0].channels[0]");

		assertThat(api.get("/api/v1/notification-preferences", anaToken).body()).isEqualTo(before);
	}

	@Test
	void onlyAdminsSeeTheOutboxAndRetryFailedMessages() {
		receiver.failNext("/hooks/ana", 410, 1);
		api.put("/api/v1/notification-preferences", anaToken, """
				{"webhookUrl": "%s", "kinds": [{"kind": "MENTION", "channels": ["WEBHOOK"]}]}""".formatted(receiver.url("/hooks/ana")));
		notifications.notify(new Notice(ana.id(), NoticeKind.MENTION, "Bea mentioned you", null, null, "mention:1"));
		outbox.deliverDue(clock.instant());

		assertThat(api.get("/api/v1/outbox?status=FAILED", anaToken).status()).isEqualTo(403);
		var failed = api.get("/api/v1/outbox?status=FAILED", TestData.ADMIN_TOKEN);
		assertThat(failed.status()).isEqualTo(200);
		JsonNode message = failed.json().get("items").get(0);
		assertThat(message.get("failure").asString()).contains("HTTP 410");
		assertThat(message.get("recipient").asString()).as("a webhook URL's path is its secret").doesNotContain("/hooks/ana");
		assertThat(api.get("/api/v1/outbox?status=LOST", TestData.ADMIN_TOKEN).json().get("field").asString()).isEqualTo("status");

		long id = message.get("id").asLong();
		assertThat(api.post("/api/v1/outbox/" + id + "/retry", anaToken, "").status()).isEqualTo(403);
		assertThat(api.post("/api/v1/outbox/" + id + "/retry", TestData.ADMIN_TOKEN, "").json().get("status").asString()).isEqualTo("QUEUED");
		assertThat(api.post("/api/v1/outbox/" + id + "/retry", TestData.ADMIN_TOKEN, "").status()).as("no longer failed").isEqualTo(409);
		outbox.deliverDue(clock.instant());
		assertThat(receiver.delivered("/hooks/ana")).hasSize(1);
	}

	private void assertRefused(String body, String field) {
		var response = api.put("/api/v1/notification-preferences", anaToken, body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("errors")).extracting(e -> e.get("field").asString()).contains(field);
	}
}
