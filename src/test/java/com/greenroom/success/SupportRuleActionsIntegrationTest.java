package com.greenroom.success;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.milestones.MilestoneReached;
import com.greenroom.notifications.Outbox;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.support.TestMail;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Support rules that open a ticket, send a message template or name a playbook, from the platform's event to the result. */
@IntegrationTest
class SupportRuleActionsIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Creators creators;

	@Autowired
	SupportActions actions;

	@Autowired
	EventFeed feed;

	@Autowired
	Timers timers;

	@Autowired
	Outbox outbox;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	private final TestMail mail = TestMail.get();

	UserSummary hans;

	Instant registeredAt;

	@BeforeEach
	void reset() {
		data.reset();
		mail.clear();
		hans = data.manager("hans", "EU");
		registeredAt = TestClock.START.minus(Duration.ofDays(2));
	}

	private void register(String creatorId, String email, boolean optOut) {
		creators.create(data.admin(), new CreatorDraft(creatorId, "h-" + creatorId, "DE", null, "en", null, hans.id(), null, registeredAt, null,
				email, optOut));
		settle();
	}

	/** Waits until every cross-module listener has handled what was published so far. */
	private void settle() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);
	}

	private JsonNode rule(String milestone, String json) {
		Api.Response created = api.post("/api/v1/milestones/" + milestone + "/rules", TestData.ADMIN_TOKEN, json);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	/** The creator streams for the first time: the platform's event, projected, reaches FIRST_STREAM. */
	private void firstStream(String creatorId, String eventId) {
		feed.send(EventFeed.started(eventId, creatorId, "s-" + eventId, registeredAt.plus(Duration.ofHours(30))));
		settle();
	}

	private List<JsonNode> ticketsOf(String creatorId) {
		List<JsonNode> found = new ArrayList<>();
		api.get("/api/v1/tickets?creator=" + creatorId, TestData.ADMIN_TOKEN).json().get("items").forEach(found::add);
		return found;
	}

	private List<String> mailTo(String address) throws Exception {
		List<String> subjects = new ArrayList<>();
		for (MimeMessage message : mail.received()) {
			if (message.getRecipients(Message.RecipientType.TO)[0].toString().contains(address)) {
				subjects.add(message.getSubject());
			}
		}
		return subjects;
	}

	private void deliver() {
		timers.fireDue(clock.instant());
		outbox.deliverDue(clock.instant());
	}

	@Test
	void aTicketRuleOpensOneTicketNamingTheRuleAndItsGuidanceWhenTheCreatorFirstStreams() {
		rule("FIRST_STREAM", """
				{"kind": "ON_REACHED", "key": "kit-check", "title": "Check the streaming kit", "action": "TICKET", "ticketPriority": "P2",
				 "ticketCategory": "onboarding", "playbookKey": "creator-onboarding"}""");
		register("c-1", null, false);

		firstStream("c-1", "e-1");
		// the event delivered again, and the milestone's listener run again, open nothing more
		firstStream("c-1", "e-1");
		actions.onReached(new MilestoneReached("c-1", "FIRST_STREAM", registeredAt.plus(Duration.ofHours(30))), clock.instant());

		List<JsonNode> tickets = ticketsOf("c-1");
		assertThat(tickets).hasSize(1);
		JsonNode ticket = tickets.get(0);
		assertThat(ticket.get("subject").asString()).isEqualTo("Check the streaming kit · h-c-1");
		assertThat(ticket.get("priority").asString()).isEqualTo("P2");
		assertThat(ticket.get("category").asString()).isEqualTo("onboarding");
		assertThat(ticket.get("source").asString()).isEqualTo("SUPPORT_ACTION FIRST_STREAM:kit-check");
		assertThat(ticket.get("description").asString()).contains("Current guidance: /playbooks/creator-onboarding?region=EU");
		JsonNode fired = api.get("/api/v1/creators/c-1/support-actions", data.tokenOf(hans)).json();
		JsonNode kitCheck = null;
		for (JsonNode f : fired) {
			kitCheck = f.get("ruleKey").asString().equals("kit-check") ? f : kitCheck;
		}
		assertThat(kitCheck).isNotNull();
		assertThat(kitCheck.get("ticketId").asLong()).isEqualTo(ticket.get("id").asLong());
		assertThat(kitCheck.get("playbookUrl").asString()).isEqualTo("/playbooks/creator-onboarding?region=EU");
	}

	@Test
	void aMessageRuleEmailsTheCreatorOnceOverSmtpHoweverOftenItIsFiredAndSkipsOptedOutCreators() throws Exception {
		api.post("/api/v1/templates", TestData.ADMIN_TOKEN, """
				{"key": "first-stream-cheers", "channel": "EMAIL", "locale": "en", "subject": "Great first stream, {{creator.handle}}",
				 "body": "Keep going."}""");
		rule("FIRST_STREAM",
				"""
						{"kind": "ON_REACHED", "key": "cheers", "title": "Cheer the first stream", "action": "MESSAGE", "templateKey": "first-stream-cheers"}""");
		register("c-1", "luna@example.com", false);
		register("c-2", "sol@example.com", true);

		firstStream("c-1", "e-1");
		firstStream("c-2", "e-2");
		deliver();
		actions.onReached(new MilestoneReached("c-1", "FIRST_STREAM", registeredAt.plus(Duration.ofHours(30))), clock.instant());
		clock.advance(Duration.ofMinutes(5));
		deliver();

		assertThat(mailTo("luna@example.com")).containsExactly("Great first stream, h-c-1");
		assertThat(mailTo("sol@example.com")).isEmpty();
		JsonNode history = api.get("/api/v1/creators/c-2/messages", data.tokenOf(hans)).json();
		assertThat(history.toString()).contains("SKIPPED").contains("opted out");
	}

	@Test
	void aStallRuleCanSendATemplateToo() throws Exception {
		api.post("/api/v1/templates", TestData.ADMIN_TOKEN, """
				{"key": "go-live-nudge", "channel": "EMAIL", "locale": "en", "subject": "Ready for your first stream?", "body": "We can help."}""");
		clock.set(registeredAt);
		rule("FIRST_STREAM", """
				{"kind": "STALL", "key": "nudge", "title": "Nudge after two days", "action": "MESSAGE", "templateKey": "go-live-nudge",
				 "stallAfter": 2}""");
		register("c-1", "luna@example.com", false);

		clock.set(registeredAt.plus(Duration.ofDays(2)));
		deliver();
		clock.advance(Duration.ofSeconds(5));
		deliver();
		clock.advance(Duration.ofDays(1));
		deliver();

		assertThat(mailTo("luna@example.com")).containsExactly("Ready for your first stream?");
	}

	@Test
	void aTaskRuleNamingAPlaybookLinksItsTaskToTheCurrentGuidance() {
		rule("FIRST_REVENUE", """
				{"kind": "ON_REACHED", "key": "payout-setup", "title": "Walk through payout setup", "owner": "CREATORS_MANAGER", "dueOffset": 1,
				 "playbookKey": "creator-onboarding"}""");
		register("c-1", null, false);

		actions.onReached(new MilestoneReached("c-1", "FIRST_REVENUE", clock.instant()), clock.instant());

		JsonNode task = null;
		for (JsonNode t : api.get("/api/v1/tasks?limit=500&creatorId=c-1", TestData.ADMIN_TOKEN).json().get("items")) {
			task = t.get("sourceId").asString().equals("FIRST_REVENUE:payout-setup") ? t : task;
		}
		assertThat(task).isNotNull();
		assertThat(task.get("sourceUrl").asString()).isEqualTo("/playbooks/creator-onboarding?region=EU");
		assertThat(task.get("ownerId").asLong()).isEqualTo(hans.id());
	}

	@Test
	void badActionsAreProblemsNamingTheFieldAndAddNothing() {
		int before = api.get("/api/v1/milestones/FIRST_STREAM/rules", TestData.ADMIN_TOKEN).json().size();

		assertThat(field("""
				{"kind": "ON_REACHED", "title": "Welcome aboard", "action": "MESSAGE", "templateKey": "no-such-template"}"""))
			.containsExactly("templateKey");
		assertThat(field("""
				{"kind": "ON_REACHED", "title": "Welcome aboard", "action": "MESSAGE"}""")).containsExactly("templateKey");
		assertThat(field("""
				{"kind": "ON_REACHED", "title": "Welcome aboard", "action": "TICKET", "ticketPriority": "P9"}""")).containsExactly("ticketPriority");
		assertThat(field("""
				{"kind": "ON_REACHED", "title": "Welcome aboard", "action": "TICKET", "ticketPriority": "P1", "playbookKey": "no-such-playbook"}"""))
			.containsExactly("playbookKey");
		assertThat(field("""
				{"kind": "ON_REACHED", "title": "Welcome aboard", "action": "CALL"}""")).containsExactly("action");
		assertThat(field("""
				{"kind": "ON_REACHED", "title": "Welcome aboard", "owner": "CREATORS_MANAGER", "dueOffset": 1, "ticketPriority": "P1"}"""))
			.containsExactly("ticketPriority");
		long seeded = api.get("/api/v1/milestones/FIRST_STREAM/rules", TestData.ADMIN_TOKEN).json().get(0).get("id").asLong();
		Api.Response patch = api.patch("/api/v1/milestones/FIRST_STREAM/rules/" + seeded, TestData.ADMIN_TOKEN,
				"{\"action\": \"TICKET\", \"ticketPriority\": \"urgent\"}");
		assertThat(patch.status()).isEqualTo(400);
		assertThat(patch.body()).contains("\"field\":\"ticketPriority\"");

		assertThat(api.get("/api/v1/milestones/FIRST_STREAM/rules", TestData.ADMIN_TOKEN).json().size()).isEqualTo(before);
		assertThat(api.get("/api/v1/milestones/FIRST_STREAM/rules", TestData.ADMIN_TOKEN).json().get(0).get("action").asString())
			.isEqualTo("TASK");
	}

	private List<String> field(String json) {
		Api.Response response = api.post("/api/v1/milestones/FIRST_STREAM/rules", TestData.ADMIN_TOKEN, json);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		return fields;
	}
}
