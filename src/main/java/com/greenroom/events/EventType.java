package com.greenroom.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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

	/** Wire name to type: looked up for every event read or ingested, where a scan of the values showed on the profiles. */
	private static final Map<String, EventType> BY_WIRE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

	public static Optional<EventType> fromWire(String name) {
		return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(name));
	}
}
