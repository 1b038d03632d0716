package com.greenroom.events.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.greenroom.events.EventType;

/** A validated event not yet appended; {@code index} is its position in the batch it came in. */
record IncomingEvent(int index, String id, EventType type, Instant occurredAt, String creatorId, String streamId, String viewerId,
		BigDecimal amountValue, String currency, BigDecimal usd, Map<String, String> attributes) {
}
