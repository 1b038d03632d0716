package com.greenroom.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.greenroom.events.EventType;

/**
 * One generated platform event. {@code occurredAt} is event time, written with the creator's local
 * offset; {@code deliverAt} is when the platform would send it (later than event time when disorder
 * makes it late). {@code order} breaks ties so the delivery order never depends on anything but the seed.
 */
record SimulatedEvent(String id, EventType type, Instant occurredAt, ZoneId zone, String creatorId, String streamId,
		String viewerId, String amountValue, String currency, String[] attributes, Instant deliverAt, long order) {

	private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

	/** The same event, delivered at another time (a late or repeated delivery keeps the id). */
	SimulatedEvent deliveredAt(Instant instant, long newOrder) {
		return new SimulatedEvent(id, type, occurredAt, zone, creatorId, streamId, viewerId, amountValue, currency, attributes,
				instant, newOrder);
	}

	/** The same event, happening at another time (a time-lapse restamps the simulated future). */
	SimulatedEvent occurredAt(Instant instant) {
		return new SimulatedEvent(id, type, instant, zone, creatorId, streamId, viewerId, amountValue, currency, attributes, deliverAt,
				order);
	}

	/** The event as one line of NDJSON, fields in a fixed order. */
	String toJson() {
		StringBuilder json = new StringBuilder(192);
		json.append("{\"id\":\"").append(id).append("\",\"type\":\"").append(type.wireName()).append("\",\"occurredAt\":\"");
		RFC_3339.formatTo(occurredAt.atZone(zone), json);
		json.append("\",\"creatorId\":\"").append(creatorId).append('"');
		field(json, "streamId", streamId);
		field(json, "viewerId", viewerId);
		if (amountValue != null) {
			json.append(",\"amount\":{\"value\":\"").append(amountValue).append("\",\"currency\":\"").append(currency).append("\"}");
		}
		for (int i = 0; i + 1 < attributes.length; i += 2) {
			field(json, attributes[i], attributes[i + 1]);
		}
		return json.append('}').toString();
	}

	private static void field(StringBuilder json, String name, String value) {
		if (value == null) {
			return;
		}
		json.append(",\"").append(name).append("\":\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}
}
