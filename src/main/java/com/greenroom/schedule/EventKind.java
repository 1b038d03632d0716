package com.greenroom.schedule;

import java.util.Arrays;
import java.util.Optional;

/** What a calendar event is, as the ops team plans them. */
public enum EventKind {

	CAMPAIGN("Campaign"), LIVE_EVENT("Live event"), PK_BATTLE("PK battle"), COACHING("Coaching"), REVIEW("Review");

	private final String label;

	EventKind(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	public static Optional<EventKind> parse(String value) {
		return value == null ? Optional.empty()
				: Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(value.strip().replace('-', '_'))).findFirst();
	}
}
