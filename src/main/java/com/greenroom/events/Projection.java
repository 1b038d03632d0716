package com.greenroom.events;

import java.util.List;
import java.util.Set;

/**
 * A derived view of the event log (rollups, live rooms, milestones, the roster's registrations).
 * Beans of this type are fed every newly appended event, in batches in arrival order, inside the
 * transaction that also advances the projection's position, so each batch is applied exactly once.
 * <p>
 * Events arrive late and out of order: a projection must reach the same state whatever the order, as
 * a rebuild from the log (which calls {@link #reset()} and then replays everything) must give
 * identical results. The usual way: note which keys a batch touches, then recompute those keys from
 * {@link PlatformEventLog}.
 * <p>
 * A projection is split by creator unless it says otherwise ({@link #sharded()}): its batches then hold
 * the events of one shard of creators (all of a creator's events are in one shard, in arrival order), and
 * batches of different shards run at the same time on different threads or nodes.
 */
public interface Projection {

	/** Stable name under which the runner stores this projection's position. */
	String name();

	void apply(List<PlatformEvent> batch);

	/** Deletes everything this projection derived, before a rebuild. */
	void reset();

	/**
	 * Whether batches of different creators may be applied concurrently, in separate transactions, each
	 * holding only the events of its shard of creators. {@code false} for a projection with state shared
	 * across creators (counters per region, round-robin turns): it is fed the whole log in one sequence.
	 */
	default boolean sharded() {
		return true;
	}

	/**
	 * The event types this projection is fed, or {@code null} (the default) for every type. The runner reads
	 * only these from the log, and its positions still move past the others: a projection that needs one
	 * type of event does not pay for reading and decoding the whole log.
	 */
	default Set<EventType> types() {
		return null;
	}

	/**
	 * The event types whose {@link PlatformEvent#attributes()} this projection reads, or {@code null} (the
	 * default) for every type; events of the other types arrive with no attributes (neither sent by
	 * PostgreSQL nor parsed).
	 */
	default Set<EventType> attributesOf() {
		return null;
	}

	/**
	 * The event types whose fields this projection reads, or {@code null} (the default) for every type; events of the
	 * other types arrive with their {@link PlatformEvent#seq()}, {@link PlatformEvent#type()} and
	 * {@link PlatformEvent#creatorId()} alone (no id, time, stream, viewer, amount or attributes: neither formatted by
	 * PostgreSQL nor decoded). For a projection that needs of most events only the creator they belong to.
	 */
	default Set<EventType> fieldsOf() {
		return null;
	}
}
