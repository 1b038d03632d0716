package com.greenroom.creators;

import java.util.List;

/**
 * The creators one batch of the platform's {@code creator.registered} events added to the roster, in the
 * batch's order: each a {@link CreatorRegistered}, published once. One event per batch, not per creator, so that a
 * burst of thousands of registrations costs each module listener (onboarding, stall timers, retention) one
 * publication and one transaction per batch instead of one per creator (docs/benchmarks.md, stop 41). A listener
 * that cannot handle one of them on its own may publish that {@link CreatorRegistered} alone, to be retried by itself.
 * At most {@link #MAX_SIZE} registrations an event: see {@link #inEventsOf}.
 */
public record CreatorsRegistered(List<CreatorRegistered> registered) {

	/**
	 * The most registrations one event carries. Listeners handle each under a savepoint, a subtransaction once it
	 * writes; PostgreSQL keeps 64 of a transaction's subtransactions in shared memory, and beyond that every other
	 * session's snapshot must look the transaction's subtransactions up on disk (pg_subtrans) while it runs.
	 */
	public static final int MAX_SIZE = 64;

	public CreatorsRegistered {
		if (registered.size() > MAX_SIZE) {
			throw new IllegalArgumentException("At most " + MAX_SIZE + " registrations an event, not " + registered.size());
		}
		registered = List.copyOf(registered);
	}

	/** The registrations as events of at most {@link #MAX_SIZE}, in order. */
	public static List<CreatorsRegistered> inEventsOf(List<CreatorRegistered> registered) {
		List<CreatorsRegistered> events = new java.util.ArrayList<>();
		for (int from = 0; from < registered.size(); from += MAX_SIZE) {
			events.add(new CreatorsRegistered(registered.subList(from, Math.min(registered.size(), from + MAX_SIZE))));
		}
		return events;
	}
}
