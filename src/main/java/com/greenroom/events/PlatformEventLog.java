package com.greenroom.events;

import java.time.Instant;
import java.util.List;

/** Read access to the retained raw events, for projections that recompute a key from its events. */
public interface PlatformEventLog {

	/** Every retained event of a creator, ordered by event time (then arrival). */
	List<PlatformEvent> eventsOf(String creatorId);

	/** A creator's events with {@code from <= occurredAt < to}, ordered by event time (then arrival). */
	List<PlatformEvent> eventsOf(String creatorId, Instant from, Instant to);

	/** Every retained event of one stream, ordered by event time (then arrival). */
	List<PlatformEvent> eventsOfStream(String streamId);
}
