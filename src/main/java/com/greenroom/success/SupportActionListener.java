package com.greenroom.success;

import java.time.Clock;
import java.time.Instant;

import com.greenroom.milestones.MilestoneReached;
import com.greenroom.milestones.MilestonesReached;
import com.greenroom.system.EachAlone;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Fires a milestone's support actions when a creator reaches it: after the milestone's transaction
 * commits, in a transaction of its own, through the event publication registry (a failure is retried, and
 * the firing's claim keeps a retry from creating a second task).
 * <p>
 * A batch's reaches ({@link MilestonesReached}) are fired in one transaction, each under a savepoint
 * ({@link EachAlone}): one that fails is rolled back alone and published again as a {@link MilestoneReached} of its
 * own, retried with backoff, while the others' actions commit.
 */
@Component
class SupportActionListener {

	private final SupportActions actions;

	private final EachAlone eachAlone;

	private final Clock clock;

	SupportActionListener(SupportActions actions, EachAlone eachAlone, Clock clock) {
		this.actions = actions;
		this.eachAlone = eachAlone;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(MilestonesReached batch) {
		Instant now = clock.instant();
		eachAlone.forEach(batch.reached(), reached -> actions.onReached(reached, now), "Support actions");
	}

	@ApplicationModuleListener
	void on(MilestoneReached reached) {
		actions.onReached(reached, clock.instant());
	}
}
