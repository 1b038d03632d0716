package com.greenroom.events;

import java.util.Optional;

/** The event types of the platform event contract v1. */
public enum EventType {

	CREATOR_REGISTERED("creator.registered"), STREAM_STARTED("stream.started"), STREAM_ENDED("stream.ended"),
	VIEWER_JOINED("viewer.joined"), VIEWER_LEFT("viewer.left"), GIFT_SENT("gift.sent"),
	SUBSCRIPTION_STARTED("subscription.started"), FOLLOW_CREATED("follow.created"), REPORT_FILED("report.filed");

	private final String wireName;

	EventType(String wireName) {
		this.wireName = wireName;
	}

	/** The name on the wire, e.g. {@code stream.started}. */
	public String wireName() {
		return wireName;
	}

	private static final EventType[] ALL = values();

	public static Optional<EventType> fromWire(String name) {
		// a plain loop: this runs for every event read or ingested, where a stream per call showed on the profiles
		for (EventType type : ALL) {
			if (type.wireName.equals(name)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}
}
