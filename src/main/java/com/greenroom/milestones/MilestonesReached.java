package com.greenroom.milestones;

import java.util.List;

/**
 * The first reaches one batch of events made, in the order they were announced: each a {@link MilestoneReached},
 * announced once. One event per batch, not per milestone, so that a burst in which thousands of creators reach
 * their first milestones costs each module listener one publication and one transaction per batch instead of one
 * per milestone (docs/benchmarks.md, stop 41). A listener that cannot handle one of them on its own may publish
 * that {@link MilestoneReached} alone, to be retried by itself. At most {@link #MAX_SIZE} reaches an event: see
 * {@link #inEventsOf}.
 */
public record MilestonesReached(List<MilestoneReached> reached) {

	/**
	 * The most reaches one event carries. Listeners handle each under a savepoint, a subtransaction once it writes;
	 * PostgreSQL keeps 64 of a transaction's subtransactions in shared memory, and beyond that every other session's
	 * snapshot must look the transaction's subtransactions up on disk (pg_subtrans) while it runs.
	 */
	public static final int MAX_SIZE = 64;

	public MilestonesReached {
		if (reached.size() > MAX_SIZE) {
			throw new IllegalArgumentException("At most " + MAX_SIZE + " reaches an event, not " + reached.size());
		}
		reached = List.copyOf(reached);
	}

	/** The reaches as events of at most {@link #MAX_SIZE}, in order. */
	public static List<MilestonesReached> inEventsOf(List<MilestoneReached> reached) {
		List<MilestonesReached> events = new java.util.ArrayList<>();
		for (int from = 0; from < reached.size(); from += MAX_SIZE) {
			events.add(new MilestonesReached(reached.subList(from, Math.min(reached.size(), from + MAX_SIZE))));
		}
		return events;
	}
}
