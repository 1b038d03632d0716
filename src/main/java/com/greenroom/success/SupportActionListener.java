package com.greenroom.success;

import java.time.Clock;

import com.greenroom.milestones.MilestoneReached;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Fires a milestone's support actions when a creator reaches it: after the milestone's transaction
 * commits, in a transaction of its own, through the event publication registry (a failure is retried, and
 * the firing's claim keeps a retry from creating a second task).
 */
@Component
class SupportActionListener {

	private final SupportActions actions;

	private final Clock clock;

	SupportActionListener(SupportActions actions, Clock clock) {
		this.actions = actions;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(MilestoneReached reached) {
		actions.onReached(reached, clock.instant());
	}
}
