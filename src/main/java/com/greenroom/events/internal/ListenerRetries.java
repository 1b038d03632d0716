package com.greenroom.events.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.audit.AuditLog;
import com.greenroom.system.ConflictException;
import com.greenroom.system.Cursor;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Service;

/**
 * Cross-module listeners (Spring Modulith's event publication registry) that failed are retried on a
 * schedule with exponential backoff instead of only at the next restart, and admins see what is still
 * incomplete. Resubmission goes through Modulith, which marks each publication resubmitted with a
 * conditional update, so two nodes running the job do not deliver one publication twice at once.
 */
@Service
public class ListenerRetries {

	private static final Logger log = LoggerFactory.getLogger(ListenerRetries.class);

	private static final String COLUMNS = """
			select id, listener_id, event_type, publication_date, status, completion_attempts, last_resubmission_date
			from event_publication where completion_date is null""";

	private final FailedEventPublications failed;

	private final JdbcClient jdbc;

	private final ListenerRetryProperties settings;

	private final Clock clock;

	private final AuditLog audit;

	ListenerRetries(FailedEventPublications failed, JdbcClient jdbc, ListenerRetryProperties settings, Clock clock, AuditLog audit) {
		this.failed = failed;
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
		this.audit = audit;
	}

	/** A publication whose listener has not completed yet. */
	public record IncompletePublication(UUID id, String listener, String eventType, Instant publishedAt, String status, int attempts,
			Instant lastResubmittedAt, Instant nextAttemptAt) {
	}

	/** Resubmits every failed publication whose backoff has passed; returns how many. */
	public int resubmitDue() {
		Instant now = clock.instant();
		AtomicInteger due = new AtomicInteger();
		failed.resubmit(ResubmissionOptions.defaults().withFilter(publication -> {
			boolean ready = !nextAttempt(publication.getPublicationDate(), publication.getLastResubmissionDate(),
					publication.getCompletionAttempts())
				.isAfter(now);
			if (ready) {
				due.incrementAndGet();
			}
			return ready;
		}));
		if (due.get() > 0) {
			log.info("Resubmitted {} failed event publication(s) to their listeners", due.get());
		}
		return due.get();
	}

	/** Resubmits one failed publication now, whatever its backoff (an admin's retry); audited. 409 unless it is failed. */
	public void resubmitNow(UUID id) {
		IncompletePublication publication = find(id).orElseThrow(() -> new NotFoundException("incomplete event publication", id));
		if (!"FAILED".equals(publication.status())) {
			throw new ConflictException("status", "only a failed publication can be resubmitted; this one is " + publication.status()
					+ " (its listener is running or about to)");
		}
		audit.record("event_publication", id, "resubmitted", null, publication, null);
		failed.resubmit(ResubmissionOptions.defaults().withFilter(p -> p.getIdentifier().equals(id)));
	}

	/** When the next automatic attempt is due: the last attempt plus the backoff for the attempts so far. */
	Instant nextAttempt(Instant publishedAt, Instant lastResubmittedAt, int attempts) {
		Instant last = lastResubmittedAt != null ? lastResubmittedAt : publishedAt;
		return last.plus(backoff(attempts));
	}

	/** initialBackoff × 2^(attempts − 1), capped at maxBackoff. */
	Duration backoff(int attempts) {
		Duration backoff = settings.initialBackoff();
		for (int i = 1; i < attempts && backoff.compareTo(settings.maxBackoff()) < 0; i++) {
			backoff = backoff.multipliedBy(2);
		}
		return backoff.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff;
	}

	public long countIncomplete() {
		return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single();
	}

	public long countFailed() {
		return jdbc.sql("select count(*) from event_publication where completion_date is null and status = 'FAILED'")
			.query(Long.class)
			.single();
	}

	/** Oldest first, keyset-paged by publication time and id. */
	public PageOf<IncompletePublication> incomplete(String cursor, int limit) {
		String[] after = Cursor.parse(cursor).map(c -> c.key().split(" ", 2)).orElse(null);
		Timestamp afterTime = null;
		UUID afterId = null;
		if (after != null) {
			try {
				afterTime = Timestamp.from(Cursor.instant(after[0]));
				afterId = UUID.fromString(after[1]);
			}
			catch (RuntimeException ex) {
				throw new InvalidInputException("cursor", "is not a cursor issued by this server; start again without it");
			}
		}
		List<IncompletePublication> rows = jdbc.sql(COLUMNS + (after == null ? "" : " and (publication_date, id) > (:at, :id)")
				+ " order by publication_date, id limit :limit")
			.param("at", afterTime)
			.param("id", afterId)
			.param("limit", limit + 1)
			.query(this::map)
			.list();
		return PageOf.fromOverfetch(rows, limit, p -> new Cursor(p.publishedAt() + " " + p.id(), 0));
	}

	java.util.Optional<IncompletePublication> find(UUID id) {
		return jdbc.sql(COLUMNS + " and id = :id").param("id", id).query(this::map).optional();
	}

	private IncompletePublication map(ResultSet rs, int row) throws SQLException {
		Instant published = rs.getTimestamp("publication_date").toInstant();
		Timestamp resubmitted = rs.getTimestamp("last_resubmission_date");
		int attempts = rs.getInt("completion_attempts");
		String status = rs.getString("status");
		Instant next = "FAILED".equals(status) ? nextAttempt(published, resubmitted == null ? null : resubmitted.toInstant(), attempts) : null;
		return new IncompletePublication(rs.getObject("id", UUID.class), rs.getString("listener_id"), rs.getString("event_type"), published,
				status, attempts, resubmitted == null ? null : resubmitted.toInstant(), next);
	}
}
