package com.greenroom.comms;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A send and where each recipient stands. {@code counts} are per recipient status: PENDING (waiting for the
 * channel's rate limit), QUEUED (in the outbox), SENT, FAILED, SKIPPED, over every recipient the reader may see;
 * {@code recipients} is one page of them ({@code page} from 1, {@code size} at most 500, by creator id) out of
 * {@code total}. {@code repeated} is true when this answer is to a repeated idempotency key: nothing new was sent.
 */
public record Send(long id, String template, Channel channel, String idempotencyKey, String requestedBy, String source, String sourceRef,
		String audience, String locale, Instant createdAt, Map<String, Integer> counts, List<Recipient> recipients, int total, int page, int size,
		boolean repeated) {

	/** One creator of a send; {@code reason} says why it was skipped or failed. */
	public record Recipient(String creatorId, String status, String reason, String locale, Integer version, String address, String subject,
			Long messageId, int attempts, Instant queuedAt, Instant sentAt) {
	}
}
