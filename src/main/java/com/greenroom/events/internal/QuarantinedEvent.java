package com.greenroom.events.internal;

import java.time.Instant;

/** An event a projection failed to apply even on its own, set aside so the projection moves on. */
public record QuarantinedEvent(long id, String projection, long eventSeq, String eventId, String eventType, String creatorId,
		Instant occurredAt, String error, Instant firstFailedAt, Instant lastFailedAt, int attempts) {
}
