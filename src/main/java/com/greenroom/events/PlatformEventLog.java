package com.greenroom.events;

import java.time.Instant;
import java.util.List;

/** Read access to the retained raw events, for projections that recompute a key from its events. */
public interface PlatformEventLog {

	/** Every retained event of a creator, ordered by event time (then arrival). */
	List<PlatformEvent> eventsOf(String creatorId);

	/** A creator's events with {@code from <= occurredAt < to}, ordered by event time (then arrival). */
	List<PlatformEvent> eventsOf(String creatorId, Instant from, Instant to);

	/**
	 * The events of several creator windows ({@code from <= occurredAt < to} each) in one read: one list per
	 * window, in the order given, each ordered by event time (then arrival).
	 */
	List<List<PlatformEvent>> eventsOf(List<CreatorWindow> windows);

	/** A creator's events between two instants ({@code from} inclusive, {@code to} exclusive). */
	record CreatorWindow(String creatorId, Instant from, Instant to) {
	}

	/** Every retained event of one stream, ordered by event time (then arrival). */
	List<PlatformEvent> eventsOfStream(String streamId);
}
