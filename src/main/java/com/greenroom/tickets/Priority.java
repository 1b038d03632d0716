package com.greenroom.tickets;

/** A ticket's class in the escalation map: P1 is the most urgent. */
public enum Priority {

	P1, P2, P3;

	/** The priority named by {@code value} (any case), or null. */
	static Priority parse(String value) {
		for (Priority priority : values()) {
			if (priority.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
				return priority;
			}
		}
		return null;
	}
}
