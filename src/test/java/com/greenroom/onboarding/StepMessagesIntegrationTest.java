package com.greenroom.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.notifications.Outbox;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.support.TestMail;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Onboarding steps that send the creator a message template when they open, over real SMTP. */
@IntegrationTest
class StepMessagesIntegrationTest {

	/** Friday 23 October 2026, 10:00 in Berlin (CEST); clocks go back to CET on Sunday the 25th. */
	private static final Instant FRIDAY_BEFORE_DST_ENDS = OffsetDateTime.parse("2026-10-23T10:00:00+02:00").toInstant();

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Creators creators;

	@Autowired
	Checklists checklists;

	@Autowired
	Timers timers;

	@Autowired
	Outbox outbox;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	private final TestMail mail = TestMail.get();

	@BeforeEach
	void reset() {
		data.reset();
		mail.clear();
		api.post("/api/v1/templates", TestData.ADMIN_TOKEN,
				"""
						{"key": "welcome-aboard", "channel": "EMAIL", "locale": "en", "subject": "Welcome, {{creator.handle}}", "body": "Glad you are here."}""");
		api.post("/api/v1/templates", TestData.ADMIN_TOKEN, """
				{"key": "follow-up-note", "channel": "EMAIL", "locale": "en", "subject": "How is it going?", "body": "Tell us."}""");
	}

	private long globalTemplate() {
		for (JsonNode template : api.get("/api/v1/onboarding/templates", TestData.ADMIN_TOKEN).json()) {
			if (!template.has("region") || template.get("region").isNull()) {
				return template.get("id").asLong();
			}
		}
		throw new AssertionError("no global template");
	}

	private Api.Response saveDraft(long template, String steps) {
		return api.put("/api/v1/onboarding/templates/" + template + "/versions/2", TestData.ADMIN_TOKEN, "{\"steps\": " + steps + "}");
	}

	private List<String> subjects() throws Exception {
		List<String> subjects = new ArrayList<>();
		for (MimeMessage message : mail.received()) {
			subjects.add(message.getSubject());
		}
		return subjects;
	}

	/** What the runners do at {@code at}: due timers fire (steps opening, sends), then the outbox delivers. */
	private void runAt(Instant at) {
		clock.set(at);
		timers.fireDue(at);
		outbox.deliverDue(at);
	}

	@Test
	void aStepSendsItsTemplateOnceWhenItOpensAtOnceOrOnATimerAcrossTheDstChange() throws Exception {
		long global = globalTemplate();
		assertThat(api.post("/api/v1/onboarding/templates/" + global + "/versions", TestData.ADMIN_TOKEN, "").status()).isEqualTo(201);
		Api.Response saved = saveDraft(global, """
				[{"key": "hello", "title": "Say hello", "ownerRole": "CREATOR_MANAGER", "dueOffset": 1, "dueUnit": "BUSINESS_DAYS",
				  "templateKey": "welcome-aboard"},
				 {"key": "follow-up", "title": "Follow up", "ownerRole": "CREATOR_MANAGER", "dueOffset": 2, "after": "hello",
				  "templateKey": "follow-up-note"}]""");
		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
		assertThat(saved.json().get("steps").get(0).get("templateKey").asString()).isEqualTo("welcome-aboard");
		assertThat(api.post("/api/v1/onboarding/templates/" + global + "/versions/2/publish", TestData.ADMIN_TOKEN, "").status()).isEqualTo(200);
		clock.set(FRIDAY_BEFORE_DST_ENDS);

		Creator creator = creators.create(data.admin(), new CreatorDraft("c-1", "luna", "DE", null, "en", null, null, null,
				FRIDAY_BEFORE_DST_ENDS, null, "luna@example.com", false));
		await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find("c-1").isPresent());
		long checklistId = checklists.find("c-1").orElseThrow().id();
		// a second start (a re-delivered registration) sends nothing more
		assertThat(checklists.startFor(creator, "system")).isEmpty();
		runAt(FRIDAY_BEFORE_DST_ENDS.plusSeconds(1));
		assertThat(subjects()).containsExactly("Welcome, luna");

		// "follow-up" opens when "hello" falls due: one business day later, Monday 10:00 CET = 09:00Z
		Instant opens = Instant.parse("2026-10-26T09:00:00Z");
		assertThat(timers.find(StepMessages.timerKey(checklistId, "follow-up")).orElseThrow().dueAt()).isEqualTo(opens);
		runAt(opens.minusSeconds(1));
		assertThat(subjects()).containsExactly("Welcome, luna");
		runAt(opens);
		runAt(opens.plusSeconds(5));
		runAt(opens.plus(Duration.ofDays(1)));
		assertThat(subjects()).containsExactly("Welcome, luna", "How is it going?");
	}

	@Test
	void aStepNamingAnUnknownTemplateIsAProblemNamingTheStepsField() {
		long global = globalTemplate();
		api.post("/api/v1/onboarding/templates/" + global + "/versions", TestData.ADMIN_TOKEN, "");

		Api.Response refused = saveDraft(global, """
				[{"key": "hello", "title": "Say hello", "ownerRole": "CREATOR_MANAGER", "dueOffset": 1},
				 {"key": "nudge", "title": "Nudge", "ownerRole": "CREATOR_MANAGER", "dueOffset": 2, "templateKey": "no-such-template"}]""");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("steps[1].templateKey");
		assertThat(api.get("/api/v1/onboarding/templates/" + global + "/versions/2", TestData.ADMIN_TOKEN).json().get("steps").get(0)
			.has("templateKey")).isFalse();
	}
}
