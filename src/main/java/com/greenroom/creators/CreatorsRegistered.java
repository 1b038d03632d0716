package com.greenroom.creators;

import java.util.List;

import com.greenroom.system.EachAlone;

/**
 * The creators one batch of the platform's {@code creator.registered} events added to the roster, in the
 * batch's order: each a {@link CreatorRegistered}, published once. Events of up to 64, not one per creator, so
 * that a burst of thousands of registrations costs each module listener (onboarding, stall timers, retention) one
 * publication and one transaction per 64 instead of one per creator (docs/benchmarks.md, stop 41). A listener
 * that cannot handle one of them on its own may publish that {@link CreatorRegistered} alone, to be retried by itself.
 * At most {@link EachAlone#MAX_ITEMS} registrations an event: see {@link #inEventsOf}.
 */
public record CreatorsRegistered(List<CreatorRegistered> registered) {

	public CreatorsRegistered {
		EachAlone.checkSize(registered);
		registered = List.copyOf(registered);
	}

	/** The registrations as events of at most {@link EachAlone#MAX_ITEMS}, in order. */
	public static List<CreatorsRegistered> inEventsOf(List<CreatorRegistered> registered) {
		return EachAlone.inEvents(registered, CreatorsRegistered::new);
	}
}
