package com.greenroom.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.notifications.Outbox;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestChannels;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.support.TestMail;
import com.greenroom.support.WebhookReceiver;
import com.greenroom.timers.Timer;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Sends delivered through the outbox to a real SMTP server and the platform's webhook, both in the test JVM. */
@IntegrationTest
class SendDeliveryIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Creators creators;

	@Autowired
	Timers timers;

	@Autowired
	Outbox outbox;

	@Autowired
	TestClock clock;

	@Autowired
	SendDelivery delivery;

	@Autowired
	PlatformTransactionManager transactions;

	private final TestMail mail = TestMail.get();

	private final WebhookReceiver receiver = WebhookReceiver.get();

	private final JsonMapper json = JsonMapper.builder().build();

	UserSummary ana;

	String anaToken;

	@BeforeEach
	void reset() {
		data.reset();
		mail.clear();
		receiver.clear();
		ana = data.manager("ana", "LATAM");
		anaToken = data.tokenOf(ana);
		creators.create(data.admin(), new CreatorDraft("c-br", "luna", "BR", null, "pt-BR", null, ana.id(), null, null, null,
				"luna@example.com", false));
		creators.create(data.admin(), new CreatorDraft("c-mx", "sol", "MX", null, "es-MX", null, ana.id(), null, null, null,
				"sol@example.com", true));
		creators.create(data.admin(), new CreatorDraft("c-ar", "rio", "AR", null, "es", null, ana.id(), null, null, null,
				"rio@example.com", false));
		api.post("/api/v1/templates", TestData.ADMIN_TOKEN, """
				{"key": "welcome", "channel": "EMAIL", "locale": "es", "subject": "Hola {{creator.handle}}",
				 "body": "Soy {{manager.name}}, tu manager."}""");
		api.post("/api/v1/templates", TestData.ADMIN_TOKEN, """
				{"key": "welcome", "channel": "EMAIL", "locale": "pt", "subject": "Oi {{creator.handle}}",
				 "body": "Sou {{manager.name}}, sua manager."}""");
		api.post("/api/v1/templates", TestData.ADMIN_TOKEN,
				"""
						{"key": "go-live", "channel": "IN_APP", "locale": "en", "subject": "Go live tonight", "body": "{{creator.handle}}, your fans wait."}""");
	}

	/** What the runner does every second: fire due timers, then deliver what they queued. */
	private void runDeliveries(Instant at) {
		timers.fireDue(at);
		outbox.deliverDue(at);
	}

	private JsonNode send(String body) {
		Api.Response response = api.post("/api/v1/sends", anaToken, body);
		assertThat(response.status()).as(response.body()).isIn(200, 201);
		return response.json();
	}

	private Map<String, String> statuses(long sendId) {
		Map<String, String> statuses = new java.util.TreeMap<>();
		api.get("/api/v1/sends/" + sendId, anaToken).json().get("recipients")
			.forEach(r -> statuses.put(r.get("creatorId").asString(), r.get("status").asString()));
		return statuses;
	}

	@Test
	void anEmailSendReachesEachCreatorOnceOverSmtpInTheirLanguageEvenWhenRepeatedAndRunAgain() throws Exception {
		String request = """
				{"template": "welcome", "segment": {"manager": "me"}, "idempotencyKey": "welcome-nov"}""";
		long id = send(request).get("id").asLong();

		runDeliveries(clock.instant());
		send(request);
		runDeliveries(clock.instant());
		clock.advance(Duration.ofMinutes(5));
		runDeliveries(clock.instant());

		List<MimeMessage> received = mail.received();
		assertThat(received).hasSize(2);
		MimeMessage luna = received.stream().filter(m -> to(m).equals("luna@example.com")).findFirst().orElseThrow();
		assertThat(luna.getSubject()).isEqualTo("Oi luna");
		assertThat((String) luna.getContent()).contains("Sou Ana, sua manager.");
		MimeMessage rio = received.stream().filter(m -> to(m).equals("rio@example.com")).findFirst().orElseThrow();
		assertThat(rio.getSubject()).isEqualTo("Hola rio");
		assertThat(statuses(id)).isEqualTo(Map.of("c-ar", "SENT", "c-br", "SENT", "c-mx", "SKIPPED"));
		JsonNode sent = api.get("/api/v1/sends/" + id, anaToken).json();
		assertThat(sent.get("counts").get("SENT").asInt()).isEqualTo(2);
		assertThat(api.get("/api/v1/creators/c-br/messages", anaToken).json().get(0).get("status").asString()).isEqualTo("SENT");
	}

	@Test
	void aDeliveryTimerThatFiresAgainAfterARestartQueuesNobodyTwice() {
		long id = send("""
				{"template": "welcome", "creatorIds": ["c-br", "c-ar"], "idempotencyKey": "k1"}""").get("id").asLong();
		Timer timer = timers.find(Sends.timerKey(id, 1)).orElseThrow();
		TransactionTemplate tx = new TransactionTemplate(transactions);

		// a node claims and runs the batch, then dies before its FIRED mark is seen: another node runs it again
		tx.executeWithoutResult(s -> delivery.fire(timer));
		tx.executeWithoutResult(s -> delivery.fire(timer));
		runDeliveries(clock.instant());
		runDeliveries(clock.instant().plusSeconds(60));

		assertThat(mail.received()).hasSize(2);
		assertThat(statuses(id)).isEqualTo(Map.of("c-ar", "SENT", "c-br", "SENT"));
	}

	@Test
	void anInAppSendIsOneSignedPostPerCreatorToThePlatformAndAReceiverErrorIsRetriedThenDeliveredOnce() {
		receiver.failNext(TestChannels.PLATFORM_PATH, 500, 1);
		long id = send("""
				{"template": "go-live", "creatorIds": ["c-br", "c-ar"], "idempotencyKey": "k1"}""").get("id").asLong();

		runDeliveries(clock.instant());
		JsonNode afterFirst = api.get("/api/v1/sends/" + id, anaToken).json();
		clock.advance(Duration.ofMinutes(2));
		runDeliveries(clock.instant());

		List<WebhookReceiver.Received> posts = receiver.delivered(TestChannels.PLATFORM_PATH);
		assertThat(posts).extracting(p -> json.readTree(p.body()).get("creatorId").asString()).containsExactlyInAnyOrder("c-br", "c-ar");
		assertThat(posts).extracting(p -> json.readTree(p.body()).get("body").asString())
			.containsExactlyInAnyOrder("luna, your fans wait.", "rio, your fans wait.");
		assertThat(receiver.all()).hasSize(3);
		assertThat(afterFirst.get("counts").get("SENT").asInt()).isEqualTo(1);
		assertThat(afterFirst.get("counts").get("QUEUED").asInt()).as("waiting for its retry, with the failure").isEqualTo(1);
		assertThat(statuses(id)).isEqualTo(Map.of("c-ar", "SENT", "c-br", "SENT"));
	}

	@Test
	void aCreatorWhoOptsOutBeforeDeliveryIsSkippedWithTheReason() {
		long id = send("""
				{"template": "welcome", "creatorIds": ["c-br"], "idempotencyKey": "k1"}""").get("id").asLong();
		api.patch("/api/v1/creators/c-br", anaToken, "{\"commsOptOut\": true}");

		runDeliveries(clock.instant());

		assertThat(mail.received()).isEmpty();
		JsonNode recipient = api.get("/api/v1/sends/" + id, anaToken).json().get("recipients").get(0);
		assertThat(recipient.get("status").asString()).isEqualTo("SKIPPED");
		assertThat(recipient.get("reason").asString()).isEqualTo("opted out of communications");
	}

	private static String to(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
