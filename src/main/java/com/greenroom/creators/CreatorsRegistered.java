package com.greenroom.creators;

import java.util.List;

/**
 * The creators one batch of the platform's {@code creator.registered} events added to the roster, in the
 * batch's order: each a {@link CreatorRegistered}, published once. One event per batch, not per creator, so that a
 * burst of thousands of registrations costs each module listener (onboarding, stall timers, retention) one
 * publication and one transaction per batch instead of one per creator (docs/benchmarks.md, stop 41). A listener
 * that cannot handle one of them on its own may publish that {@link CreatorRegistered} alone, to be retried by itself.
 */
public record CreatorsRegistered(List<CreatorRegistered> registered) {

	public CreatorsRegistered {
		registered = List.copyOf(registered);
	}
}
