package com.greenroom.milestones;

import java.util.List;

/**
 * The first reaches one batch of events made, in the order they were announced: each a {@link MilestoneReached},
 * announced once. One event per batch, not per milestone, so that a burst in which thousands of creators reach
 * their first milestones costs each module listener one publication and one transaction per batch instead of one
 * per milestone (docs/benchmarks.md, stop 41). A listener that cannot handle one of them on its own may publish
 * that {@link MilestoneReached} alone, to be retried by itself.
 */
public record MilestonesReached(List<MilestoneReached> reached) {

	public MilestonesReached {
		reached = List.copyOf(reached);
	}
}
