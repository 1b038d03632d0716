package com.greenroom.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestChannels;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.support.TestMail;
import com.greenroom.support.WebhookReceiver;
import com.greenroom.system.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class OutboxIntegrationTest {

	private static final Instant T = TestClock.START;

	private static final String HOOK = "/hooks/team";

	@Autowired
	TestData data;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	private final WebhookReceiver receiver = WebhookReceiver.get();

	private final TestMail mail = TestMail.get();

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeEach
	void reset() {
		data.reset();
		receiver.clear();
		mail.clear();
	}

	@Test
	void aRepeatedDedupKeyIsTheSameMessageNeverASecondOne() {
		long first = outbox.enqueue(webhook("ticket:1:breach", "Ticket 1 breached"));
		long again = outbox.enqueue(webhook("ticket:1:breach", "Ticket 1 breached (again)"));

		assertThat(again).isEqualTo(first);
		assertThat(jdbc.sql("select count(*) from outbox_message").query(Integer.class).single()).isEqualTo(1);
		outbox.deliverDue(T);
		assertThat(receiver.delivered(HOOK)).hasSize(1);
	}

	@Test
	void aMessageExistsOnlyIfTheChangeThatQueuedItCommits() {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
			outbox.enqueue(webhook("rolled-back", "never"));
			throw new IllegalStateException("the caller's change fails");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(outbox.deliverDue(T)).isZero();
		assertThat(receiver.all()).isEmpty();
	}

	@Test
	void anEmailGoesOutOverSmtpOnceAndIsMarkedSent() throws Exception {
		long id = outbox.enqueue(new OutboxMessage(OutboxChannel.EMAIL, "ana@example.com", "Ticket 7 needs you",
				"Ticket 7 was assigned to you.\n/tickets/7", "notice:ana:7", "test"));
		assertThat(outbox.status(id).status()).isEqualTo(DeliveryStatus.QUEUED);

		assertThat(outbox.deliverDue(T)).isEqualTo(1);
		assertThat(outbox.deliverDue(T.plusSeconds(60))).isZero();

		List<MimeMessage> received = mail.received();
		assertThat(received).hasSize(1);
		MimeMessage email = received.get(0);
		assertThat(email.getSubject()).isEqualTo("Ticket 7 needs you");
		assertThat(email.getAllRecipients()[0].toString()).isEqualTo("ana@example.com");
		assertThat((String) email.getContent()).contains("Ticket 7 was assigned to you.").contains("/tickets/7");
		assertThat(email.getHeader(WebhookPoster.DELIVERY_HEADER)[0]).isEqualTo(Long.toString(id));
		Delivery delivery = outbox.status(id);
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(delivery.attempts()).isEqualTo(1);
		assertThat(delivery.sentAt()).isEqualTo(T);
		assertThat(delivery.failure()).isNull();
	}

	@Test
	void aWebhookIsSlackCompatibleJsonSignedWithTheSharedSecret() {
		long id = outbox.enqueue(new OutboxMessage(OutboxChannel.WEBHOOK, receiver.url(HOOK), "P1 ticket 9 breached",
				"Nobody answered within 15 minutes.", "ticket:9:breach:hook", "tickets"));

		outbox.deliverDue(T);

		WebhookReceiver.Received request = receiver.delivered(HOOK).get(0);
		JsonNode body = json.readTree(request.body());
		assertThat(body.get("text").asString()).isEqualTo("*P1 ticket 9 breached*\nNobody answered within 15 minutes.");
		assertThat(body.get("subject").asString()).isEqualTo("P1 ticket 9 breached");
		assertThat(body.get("messageId").asLong()).isEqualTo(id);
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(request.header("X-Greenroom-Signature"))
			.isEqualTo(Signatures.sign(TestChannels.WEBHOOK_SECRET, request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.matches("sha256=[0-9a-f]{64}");
		assertThat(request.header("X-Greenroom-Delivery")).isEqualTo(Long.toString(id));
		assertThat(outbox.status(id).status()).isEqualTo(DeliveryStatus.SENT);
	}

	@Test
	void anInAppMessageIsOnePostPerCreatorToThePlatformSignedWithThePlatformSecret() {
		outbox.enqueue(new OutboxMessage(OutboxChannel.PLATFORM, "c-1", "Welcome", "Hi Luna", "send:1:c-1", "send:1"));
		outbox.enqueue(new OutboxMessage(OutboxChannel.PLATFORM, "c-2", "Welcome", "Hi Sol", "send:1:c-2", "send:1"));

		assertThat(outbox.deliverDue(T)).isEqualTo(2);

		List<WebhookReceiver.Received> posts = receiver.delivered(TestChannels.PLATFORM_PATH);
		assertThat(posts).hasSize(2);
		assertThat(posts).extracting(p -> json.readTree(p.body()).get("creatorId").asString()).containsExactlyInAnyOrder("c-1", "c-2");
		for (WebhookReceiver.Received post : posts) {
			assertThat(post.header("X-Greenroom-Signature")).isEqualTo(
					Signatures.sign(TestChannels.PLATFORM_SECRET, post.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
	}

	@Test
	void aReceiverErrorIsRetriedWithBackoffAndDeliveredOnce() {
		receiver.failNext(HOOK, 500, 2);
		long id = outbox.enqueue(webhook("retry-me", "Retry me"));

		outbox.deliverDue(T);
		Delivery afterFirst = outbox.status(id);
		assertThat(afterFirst.status()).isEqualTo(DeliveryStatus.QUEUED);
		assertThat(afterFirst.attempts()).isEqualTo(1);
		assertThat(afterFirst.failure()).contains("HTTP 500");

		assertThat(outbox.deliverDue(T.plusSeconds(9))).as("not due before the 10 s backoff").isZero();
		assertThat(outbox.deliverDue(T.plusSeconds(10))).isEqualTo(1);
		assertThat(outbox.status(id).attempts()).isEqualTo(2);
		assertThat(outbox.deliverDue(T.plusSeconds(29))).as("the second backoff is 20 s").isZero();
		assertThat(outbox.deliverDue(T.plusSeconds(30))).isEqualTo(1);

		Delivery delivered = outbox.status(id);
		assertThat(delivered.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(delivered.attempts()).isEqualTo(3);
		assertThat(delivered.sentAt()).isEqualTo(T.plusSeconds(30));
		assertThat(receiver.all()).hasSize(3);
		assertThat(receiver.delivered(HOOK)).hasSize(1);
	}

	@Test
	void aMessageThatKeepsFailingIsGivenUpWithItsReasonAndAnAdminCanRetryIt() {
		receiver.failNext(HOOK, 503, 8);
		long id = outbox.enqueue(webhook("give-up", "Give up"));

		Instant now = T;
		for (int attempt = 1; attempt <= 8; attempt++) {
			assertThat(outbox.deliverDue(now)).isEqualTo(1);
			now = now.plus(Outbox.backoff(attempt));
		}
		Delivery failed = outbox.status(id);
		assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(failed.attempts()).isEqualTo(8);
		assertThat(failed.failure()).contains("HTTP 503").contains("gave up after 8 attempts");
		assertThat(outbox.deliverDue(now.plus(Duration.ofDays(1)))).isZero();

		outbox.retry(id);
		assertThat(outbox.status(id).status()).isEqualTo(DeliveryStatus.QUEUED);
		outbox.deliverDue(T);
		assertThat(outbox.status(id).status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(receiver.delivered(HOOK)).hasSize(1);
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'outbox_message' and action = 'retry'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aReceiverThatRefusesTheRequestIsNotAskedAgain() {
		receiver.failNext(HOOK, 404, 1);
		long id = outbox.enqueue(webhook("gone", "Gone"));

		outbox.deliverDue(T);

		Delivery failed = outbox.status(id);
		assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.failure()).contains("HTTP 404").doesNotContain("/hooks/team");
	}

	@Test
	void anUnreachableReceiverIsRetried() {
		long id = outbox.enqueue(new OutboxMessage(OutboxChannel.WEBHOOK, "http://127.0.0.1:1/nobody-listens", "Hello", null,
				"unreachable", "test"));

		outbox.deliverDue(T);

		Delivery delivery = outbox.status(id);
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.QUEUED);
		assertThat(delivery.failure()).contains("could not connect");
	}

	@Test
	void twoWorkersRacingNeverSendOneMessageTwice() throws Exception {
		int count = 200;
		for (int i = 0; i < count; i++) {
			outbox.enqueue(webhook("race:" + i, "Race " + i));
		}
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> workers = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				workers.add(pool.submit((Callable<Integer>) () -> {
					start.await();
					return outbox.deliverDue(T);
				}));
			}
			start.countDown();
			int tried = 0;
			for (Future<Integer> worker : workers) {
				tried += worker.get();
			}
			assertThat(tried).isEqualTo(count);
		}
		finally {
			pool.shutdownNow();
		}
		List<String> ids = receiver.delivered(HOOK).stream().map(r -> r.header("X-Greenroom-Delivery")).toList();
		assertThat(ids).hasSize(count).doesNotHaveDuplicates();
		assertThat(jdbc.sql("select count(*) from outbox_message where status = 'SENT'").query(Integer.class).single()).isEqualTo(count);
	}

	@Test
	void aMessageLeftMidSendByADeadNodeIsFailedAsUnknownAndNotSentAgain() {
		long id = outbox.enqueue(webhook("mid-send", "Mid-send"));
		// the state a node leaves behind when it dies after claiming and before recording the result
		jdbc.sql("""
				update outbox_message set status = 'SENDING', attempts = 1, claimed_at = :at, claimed_by = 'node-a:1',
				       claim_token = gen_random_uuid() where id = :id""")
			.param("at", java.sql.Timestamp.from(T))
			.param("id", id)
			.update();

		assertThat(outbox.deliverDue(T.plus(Duration.ofMinutes(4)))).isZero();
		assertThat(outbox.status(id).status()).as("still within the sending timeout").isEqualTo(DeliveryStatus.QUEUED);

		assertThat(outbox.deliverDue(T.plus(Duration.ofMinutes(6)))).isZero();
		Delivery delivery = outbox.status(id);
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(delivery.failure()).contains("outcome unknown").contains("node-a:1");
		assertThat(receiver.all()).isEmpty();
	}

	@Test
	void badMessagesAreRefusedNamingTheField() {
		assertThatThrownBy(() -> outbox.enqueue(new OutboxMessage(null, "a@example.com", "s", null, "k1", null)))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.errors()).extracting(e -> e.field()).containsExactly("channel"));
		assertThatThrownBy(() -> outbox.enqueue(new OutboxMessage(OutboxChannel.EMAIL, "not-an-address", "s", null, "k2", null)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors()).extracting(e -> e.field()).containsExactly("recipient"));
		assertThatThrownBy(() -> outbox.enqueue(new OutboxMessage(OutboxChannel.WEBHOOK, "ftp://example.com/x", "s", null, "k3", null)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors()).extracting(e -> e.field()).containsExactly("recipient"));
		assertThatThrownBy(() -> outbox.enqueue(new OutboxMessage(OutboxChannel.WEBHOOK, "https://example.com/" + "x".repeat(2100), "s", null,
				"k4", null)))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.getMessage()).contains("at most 2048"));
		assertThatThrownBy(() -> outbox.enqueue(new OutboxMessage(OutboxChannel.PLATFORM, "bad id/with slash", "s", null, "k5", null)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors()).extracting(e -> e.field()).containsExactly("recipient"));
		assertThatThrownBy(() -> outbox.enqueue(new OutboxMessage(OutboxChannel.EMAIL, "a@example.com", " ", null, null, null)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors()).extracting(e -> e.field()).containsExactly("subject", "dedupKey"));
		assertThat(jdbc.sql("select count(*) from outbox_message").query(Integer.class).single()).isZero();
	}

	private OutboxMessage webhook(String key, String subject) {
		return new OutboxMessage(OutboxChannel.WEBHOOK, receiver.url(HOOK), subject, "body of " + subject, key, "test");
	}
}
