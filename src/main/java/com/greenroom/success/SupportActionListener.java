package com.greenroom.success;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.milestones.MilestoneReached;
import com.greenroom.milestones.MilestonesReached;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires a milestone's support actions when a creator reaches it: after the milestone's transaction
 * commits, in a transaction of its own, through the event publication registry (a failure is retried, and
 * the firing's claim keeps a retry from creating a second task).
 * <p>
 * A batch's reaches ({@link MilestonesReached}) are fired in one transaction, each under a savepoint: one that
 * fails is rolled back alone and published again as a {@link MilestoneReached} of its own, which the registry
 * retries with backoff like any failed listener, while the others' actions commit.
 */
@Component
class SupportActionListener {

	private static final Logger log = LoggerFactory.getLogger(SupportActionListener.class);

	private final SupportActions actions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate savepoint;

	private final Clock clock;

	SupportActionListener(SupportActions actions, ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
		this.actions = actions;
		this.events = events;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(MilestonesReached batch) {
		Instant now = clock.instant();
		for (MilestoneReached reached : batch.reached()) {
			try {
				savepoint.executeWithoutResult(status -> actions.onReached(reached, now));
			}
			catch (RuntimeException ex) {
				log.warn("Support actions of {} reaching {} failed; retried on their own: {}", reached.creatorId(), reached.milestoneCode(),
						ex.toString());
				events.publishEvent(reached);
			}
		}
	}

	@ApplicationModuleListener
	void on(MilestoneReached reached) {
		actions.onReached(reached, clock.instant());
	}
}
