package com.greenroom.milestones;

import java.util.List;

import com.greenroom.system.EachAlone;

/**
 * The first reaches one batch of events made, in the order they were announced: each a {@link MilestoneReached},
 * announced once. Events of up to 64, not one per milestone, so that a burst in which thousands of creators reach
 * their first milestones costs each module listener one publication and one transaction per 64 instead of one
 * per milestone (docs/benchmarks.md, stop 41). A listener that cannot handle one of them on its own may publish
 * that {@link MilestoneReached} alone, to be retried by itself. At most {@link EachAlone#MAX_ITEMS} reaches an
 * event: see {@link #inEventsOf}.
 */
public record MilestonesReached(List<MilestoneReached> reached) {

	public MilestonesReached {
		EachAlone.checkSize(reached);
		reached = List.copyOf(reached);
	}

	/** The reaches as events of at most {@link EachAlone#MAX_ITEMS}, in order. */
	public static List<MilestonesReached> inEventsOf(List<MilestoneReached> reached) {
		return EachAlone.inEvents(reached, MilestonesReached::new);
	}
}
