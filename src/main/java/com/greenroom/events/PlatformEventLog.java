package com.greenroom.events;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Read access to the retained raw events, for projections that recompute a key from its events. */
public interface PlatformEventLog {

	/**
	 * Every retained event of a creator, ordered by event time (then arrival). Not bounded in time: it plans and reads
	 * every day partition (at a year of partitions tens of ms of planning and as much reading, measured by partitions5),
	 * so it is for the rare re-derivation of a whole creator (the activity projection when a creator's time zone
	 * changes), tests and tools; everything else reads a window.
	 */
	List<PlatformEvent> eventsOf(String creatorId);

	/** A creator's events with {@code from <= occurredAt < to}, ordered by event time (then arrival). */
	List<PlatformEvent> eventsOf(String creatorId, Instant from, Instant to);

	/**
	 * The events of several creator windows ({@code from <= occurredAt < to} each) in one read, of the given event
	 * types only (null: all): one list per window, in the order given, each ordered by event time (then arrival).
	 */
	List<List<PlatformEvent>> eventsOf(List<CreatorWindow> windows, Set<EventType> types);

	/** A creator's events between two instants ({@code from} inclusive, {@code to} exclusive). */
	record CreatorWindow(String creatorId, Instant from, Instant to) {
	}

	/**
	 * Every retained event of one stream, ordered by event time (then arrival). The log has no index by
	 * stream: this scans every day partition, for checks and tools; projections use the bounded form.
	 */
	List<PlatformEvent> eventsOfStream(String streamId);

	/**
	 * The events of one stream sent under the given creators with {@code from <= occurredAt <= to}, ordered by
	 * event time (then arrival): index ranges of the creators' events (the log is indexed by creator and event
	 * time, not by stream), so the caller bounds the stream's event times (a projection keeps them).
	 */
	List<PlatformEvent> eventsOfStream(String streamId, Set<String> creatorIds, Instant from, Instant to);
}
