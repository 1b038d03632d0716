package com.greenroom.events;

import java.util.List;

/**
 * A derived view of the event log (rollups, live rooms, milestones, the roster's registrations).
 * Beans of this type are fed every newly appended event, in batches in arrival order, inside the
 * transaction that also advances the projection's position, so each batch is applied exactly once.
 * <p>
 * Events arrive late and out of order: a projection must reach the same state whatever the order, as
 * a rebuild from the log (which calls {@link #reset()} and then replays everything) must give
 * identical results. The usual way: note which keys a batch touches, then recompute those keys from
 * {@link PlatformEventLog}.
 */
public interface Projection {

	/** Stable name under which the runner stores this projection's position. */
	String name();

	void apply(List<PlatformEvent> batch);

	/** Deletes everything this projection derived, before a rebuild. */
	void reset();
}
