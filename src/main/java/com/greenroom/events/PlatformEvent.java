package com.greenroom.events;

import java.time.Instant;
import java.util.Map;

/**
 * One accepted platform event as stored in the log. {@code seq} is the arrival order (used only to
 * resume consumption); {@code occurredAt}, the event time, drives every derived fact.
 * {@code attributes} holds the type's other fields by their wire names (handle, country, language,
 * timezone, region, title, category, plan, note).
 */
public record PlatformEvent(long seq, String id, EventType type, Instant occurredAt, String creatorId, String streamId,
		String viewerId, Money amount, Map<String, String> attributes) {

	public String attribute(String name) {
		return attributes == null ? null : attributes.get(name);
	}
}
