package com.greenroom.tickets;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket is in its life: new, open, waiting on the creator (the SLA clock pauses), resolved (the clock
 * stops; reopening resumes it), closed (final). {@link #next()} lists the transitions the lifecycle allows.
 */
public enum TicketStatus {

	NEW, OPEN, WAITING_ON_CREATOR, RESOLVED, CLOSED;

	public Set<TicketStatus> next() {
		return switch (this) {
			case NEW -> EnumSet.of(OPEN, WAITING_ON_CREATOR, RESOLVED);
			case OPEN -> EnumSet.of(WAITING_ON_CREATOR, RESOLVED);
			case WAITING_ON_CREATOR -> EnumSet.of(OPEN, RESOLVED);
			case RESOLVED -> EnumSet.of(OPEN, CLOSED);
			case CLOSED -> EnumSet.noneOf(TicketStatus.class);
		};
	}

	public boolean mayBecome(TicketStatus next) {
		return next().contains(next);
	}

	/** Whether the SLA clock stands still in this status. */
	boolean stopsClock() {
		return this == WAITING_ON_CREATOR || this == RESOLVED || this == CLOSED;
	}

	public boolean done() {
		return this == RESOLVED || this == CLOSED;
	}

	static TicketStatus parse(String value) {
		for (TicketStatus status : values()) {
			if (status.name().equalsIgnoreCase(value == null ? "" : value.strip().replace(' ', '_').replace('-', '_'))) {
				return status;
			}
		}
		return null;
	}
}
