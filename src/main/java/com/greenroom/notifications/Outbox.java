package com.greenroom.notifications;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.audit.AuditLog;
import com.greenroom.notifications.OutboxSender.Claimed;
import com.greenroom.notifications.OutboxSender.DeliveryFailure;
import com.greenroom.system.Checks;
import com.greenroom.system.Cursor;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one durable outbox for everything that leaves Greenroom. {@link #enqueue} joins the caller's transaction,
 * so a message exists exactly when the change that caused it commits; a repeated dedup key is the same message.
 * {@link #deliverDue} (run by every node's workers, or by tests at their own instants) claims one due message at
 * a time with {@code FOR UPDATE SKIP LOCKED}, marks it SENDING and commits before it sends, then records the
 * result: sent; retried with backoff; or failed with its reason after {@code greenroom.outbox.max-attempts}.
 * A message is never sent twice: one left SENDING longer than {@code greenroom.outbox.sending-timeout} (its
 * node died mid-send) may or may not have arrived, so it becomes FAILED "outcome unknown" and only an admin's
 * retry sends it again.
 */
@Service
public class Outbox {

	private static final Logger log = LoggerFactory.getLogger(Outbox.class);

	static final int MAX_SUBJECT = 1000;

	static final int MAX_BODY = 100_000;

	static final int MAX_KEY = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog audit;

	private final Map<OutboxChannel, OutboxSender> senders = new EnumMap<>(OutboxChannel.class);

	private final TransactionTemplate own;

	private final int maxAttempts;

	private final Duration sendingTimeout;

	private final String node;

	private final WebhookHosts webhookHosts;

	Outbox(JdbcClient jdbc, Clock clock, AuditLog audit, List<OutboxSender> senders, PlatformTransactionManager transactions,
			WebhookHosts webhookHosts, @Value("${greenroom.outbox.max-attempts:8}") int maxAttempts,
			@Value("${greenroom.outbox.sending-timeout:PT5M}") Duration sendingTimeout) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
		for (OutboxSender sender : senders) {
			this.senders.put(sender.channel(), sender);
		}
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.maxAttempts = maxAttempts;
		this.sendingTimeout = sendingTimeout;
		this.node = nodeName();
		this.webhookHosts = webhookHosts;
	}

	/**
	 * Queues a message for delivery (joining the caller's transaction) and returns its id; a message with the
	 * same dedup key is not queued again, its id is returned. Bad input is refused naming the field.
	 */
	@Transactional
	public long enqueue(OutboxMessage message) {
		check(message);
		Optional<Long> id = jdbc.sql("""
				insert into outbox_message (channel, recipient, subject, body, dedup_key, source, status, next_attempt_at, created_at)
				values (:channel, :recipient, :subject, :body, :key, :source, 'QUEUED', :now, :now)
				on conflict (dedup_key) do nothing
				returning id""")
			.param("channel", message.channel().name())
			.param("recipient", message.recipient().strip())
			.param("subject", message.subject())
			.param("body", message.body())
			.param("key", message.dedupKey())
			.param("source", message.source())
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.optional();
		return id.orElseGet(() -> jdbc.sql("select id from outbox_message where dedup_key = :key")
			.param("key", message.dedupKey())
			.query(Long.class)
			.single());
	}

	/** Where the message stands; a message still being sent counts as {@link DeliveryStatus#QUEUED}. */
	public Delivery status(long id) {
		return jdbc.sql("select id, status, attempts, failure, sent_at from outbox_message where id = :id")
			.param("id", id)
			.query((rs, row) -> new Delivery(rs.getLong("id"), publicStatus(rs.getString("status")), rs.getInt("attempts"),
					rs.getString("failure"), instant(rs, "sent_at")))
			.optional()
			.orElseThrow(() -> new NotFoundException("Outbox message", id));
	}

	/** Where each of the messages stands, by id, in one query; unknown ids are left out. */
	public Map<Long, Delivery> statuses(java.util.Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, Delivery> found = new java.util.HashMap<>();
		jdbc.sql("select id, status, attempts, failure, sent_at from outbox_message where id = any(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query(rs -> {
				found.put(rs.getLong("id"), new Delivery(rs.getLong("id"), publicStatus(rs.getString("status")), rs.getInt("attempts"),
						rs.getString("failure"), instant(rs, "sent_at")));
			});
		return found;
	}

	/**
	 * Sends every message due at {@code now} that this caller can claim, one at a time, until none is left;
	 * returns how many it tried. First marks messages abandoned mid-send (older SENDING claims) as failed.
	 * Safe to run on any number of threads and nodes at once. Never call it inside a transaction of your own.
	 */
	public int deliverDue(Instant now) {
		failAbandoned(now);
		int tried = 0;
		Optional<Claimed> next;
		while ((next = claim(now)).isPresent()) {
			deliver(next.get(), now);
			tried++;
		}
		return tried;
	}

	/** Puts a failed message back in the queue, due at once with fresh attempts (admins); audited. */
	@Transactional
	public Delivery retry(long id) {
		Delivery before = status(id);
		if (before.status() != DeliveryStatus.FAILED) {
			throw new com.greenroom.system.ConflictException("status", "only a failed message can be retried; this one is "
					+ before.status().name().toLowerCase(java.util.Locale.ROOT));
		}
		jdbc.sql("""
				update outbox_message set status = 'QUEUED', attempts = 0, next_attempt_at = :now, claim_token = null
				where id = :id and status = 'FAILED'""").param("id", id).param("now", Timestamp.from(clock.instant())).update();
		Delivery after = status(id);
		audit.record("outbox_message", id, "retry", null, before, after);
		return after;
	}

	/** Messages newest first, optionally of one status (admins). Webhook URLs are shown without their path. */
	PageOf<OutboxEntry> list(String status, String cursor, int limit) {
		if (status != null && !List.of("QUEUED", "SENDING", "SENT", "FAILED").contains(status)) {
			throw new InvalidInputException("status", "must be one of QUEUED, SENDING, SENT, FAILED");
		}
		Long after = Cursor.parse(cursor).map(Cursor::id).orElse(null);
		List<OutboxEntry> rows = jdbc.sql("""
				select * from outbox_message
				where (cast(:status as text) is null or status = :status) and (cast(:after as bigint) is null or id < :after)
				order by id desc limit :limit""")
			.param("status", status)
			.param("after", after)
			.param("limit", limit + 1)
			.query(Outbox::entry)
			.list();
		return PageOf.fromOverfetch(rows, limit, e -> new Cursor("", e.id()));
	}

	/** How many messages are in each status (admins). */
	Map<String, Long> counts() {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (String status : List.of("QUEUED", "SENDING", "SENT", "FAILED")) {
			counts.put(status, 0L);
		}
		jdbc.sql("select status, count(*) as n from outbox_message group by status")
			.query((rs, row) -> counts.put(rs.getString("status"), rs.getLong("n")))
			.list();
		return counts;
	}

	private void failAbandoned(Instant now) {
		int abandoned = own.execute(status -> jdbc.sql("""
				update outbox_message
				set status = 'FAILED',
				    failure = 'outcome unknown: claimed by ' || coalesce(claimed_by, 'a node') || ' at ' || claimed_at
				              || ' and not finished within the sending timeout (the node stopped mid-send?); it may have arrived,'
				              || ' so it is not sent again unless an admin retries it'
				where status = 'SENDING' and claimed_at < :cutoff""")
			.param("cutoff", Timestamp.from(now.minus(sendingTimeout)))
			.update());
		if (abandoned > 0) {
			log.warn("{} outbox message(s) were left mid-send past the sending timeout and are now failed (outcome unknown)", abandoned);
		}
	}

	/** Claims one due message in its own committed transaction: SENDING, one more attempt, a fresh token. */
	private Optional<Claimed> claim(Instant now) {
		UUID token = UUID.randomUUID();
		return own.execute(status -> jdbc.sql("""
				update outbox_message set status = 'SENDING', attempts = attempts + 1, claim_token = :token, claimed_at = :now,
				       claimed_by = :node
				where id = (select id from outbox_message where status = 'QUEUED' and next_attempt_at <= :now
				            order by next_attempt_at, id limit 1 for update skip locked)
				returning id, channel, recipient, subject, body, dedup_key, source, attempts""")
			.param("token", token)
			.param("now", Timestamp.from(now))
			.param("node", node)
			.query((rs, row) -> new Claimed(rs.getLong("id"), OutboxChannel.valueOf(rs.getString("channel")), rs.getString("recipient"),
					rs.getString("subject"), rs.getString("body"), rs.getString("dedup_key"), rs.getString("source"),
					rs.getInt("attempts"), token))
			.optional());
	}

	/** Sends outside any transaction, then records the result against the claim token. */
	private void deliver(Claimed message, Instant polledAt) {
		OutboxSender sender = senders.get(message.channel());
		// the attempt's instant: the poll's, or later when the clock has moved on while this poll ran
		Instant now = latest(polledAt, clock.instant());
		try {
			if (sender == null) {
				throw DeliveryFailure.giveUp("no sender for channel " + message.channel());
			}
			sender.send(message);
			markSent(message, now);
		}
		catch (DeliveryFailure failure) {
			boolean retry = failure.outcome() == DeliveryFailure.Outcome.RETRY && message.attempt() < maxAttempts;
			String reason = failure.outcome() == DeliveryFailure.Outcome.UNKNOWN
					? "outcome unknown, not retried so it is never sent twice: " + failure.getMessage()
					: failure.getMessage() + (failure.outcome() == DeliveryFailure.Outcome.RETRY && !retry
							? " (gave up after " + message.attempt() + " attempts)" : "");
			log.info("Outbox message {} ({}) attempt {} failed{}: {}", message.id(), message.channel(), message.attempt(),
					retry ? ", will retry" : "", reason);
			if (retry) {
				requeue(message, now.plus(backoff(message.attempt())), reason);
			}
			else {
				markFailed(message, reason);
			}
		}
		catch (RuntimeException ex) {
			// a bug in a sender: the message may have gone out, so it is not retried automatically
			log.error("Outbox message {} ({}) failed unexpectedly", message.id(), message.channel(), ex);
			markFailed(message, "outcome unknown: " + ex);
		}
	}

	// results are recorded against the claim token: a late result after an abandoned claim was failed still
	// tells the truth, and a result never lands on a later claim of the same message

	private void markSent(Claimed message, Instant now) {
		own.executeWithoutResult(status -> jdbc.sql("""
				update outbox_message set status = 'SENT', sent_at = :now, failure = null
				where id = :id and claim_token = :token""")
			.param("now", Timestamp.from(now))
			.param("id", message.id())
			.param("token", message.token())
			.update());
	}

	private void requeue(Claimed message, Instant next, String reason) {
		own.executeWithoutResult(status -> jdbc.sql("""
				update outbox_message set status = 'QUEUED', next_attempt_at = :next, failure = :reason
				where id = :id and claim_token = :token""")
			.param("next", Timestamp.from(next))
			.param("reason", truncate(reason))
			.param("id", message.id())
			.param("token", message.token())
			.update());
	}

	private void markFailed(Claimed message, String reason) {
		own.executeWithoutResult(status -> jdbc.sql("""
				update outbox_message set status = 'FAILED', failure = :reason
				where id = :id and claim_token = :token""")
			.param("reason", truncate(reason))
			.param("id", message.id())
			.param("token", message.token())
			.update());
	}

	private static Instant latest(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/** 10 s after the first failed attempt, doubling, at most an hour. */
	static Duration backoff(int attempts) {
		long seconds = 10L << Math.min(Math.max(attempts, 1) - 1, 9);
		return Duration.ofSeconds(Math.min(seconds, 3600));
	}

	private void check(OutboxMessage message) {
		if (message == null) {
			throw new InvalidInputException("message", "is required");
		}
		Checks checks = new Checks();
		checks.require(message.channel() != null, "channel", "is required: EMAIL, WEBHOOK or PLATFORM");
		if (message.channel() != null) {
			switch (message.channel()) {
				case EMAIL -> {
					checks.text(message.recipient(), "recipient", 320);
					checks.email(message.recipient() == null ? null : message.recipient().strip(), "recipient");
				}
				case WEBHOOK -> webhookHosts.check(checks, message.recipient() == null ? null : message.recipient().strip(), "recipient");
				case PLATFORM -> checks.identifier(message.recipient(), "recipient");
			}
		}
		checks.text(message.subject(), "subject", MAX_SUBJECT);
		checks.optionalText(message.body(), "body", MAX_BODY);
		checks.text(message.dedupKey(), "dedupKey", MAX_KEY);
		checks.optionalText(message.source(), "source", 200);
		checks.throwIfAny();
	}

	private static DeliveryStatus publicStatus(String status) {
		return switch (status) {
			case "SENT" -> DeliveryStatus.SENT;
			case "FAILED" -> DeliveryStatus.FAILED;
			default -> DeliveryStatus.QUEUED;
		};
	}

	private static String truncate(String reason) {
		return reason.length() > 2000 ? reason.substring(0, 2000) + "…" : reason;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
		OutboxChannel channel = OutboxChannel.valueOf(rs.getString("channel"));
		String recipient = rs.getString("recipient");
		return new OutboxEntry(rs.getLong("id"), channel, channel == OutboxChannel.WEBHOOK ? WebhookUrls.masked(recipient) : recipient,
				rs.getString("subject"), rs.getString("source"), rs.getString("status"), rs.getInt("attempts"), rs.getString("failure"),
				instant(rs, "created_at"), rs.getString("status").equals("QUEUED") ? instant(rs, "next_attempt_at") : null,
				instant(rs, "sent_at"));
	}

	private static String nodeName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + ":" + ProcessHandle.current().pid();
	}

	/** One outbox message as admins see it ({@code state}: QUEUED, SENDING, SENT or FAILED). */
	record OutboxEntry(long id, OutboxChannel channel, String recipient, String subject, String source, String state, int attempts,
			String failure, Instant createdAt, Instant nextAttemptAt, Instant sentAt) {
	}
}
