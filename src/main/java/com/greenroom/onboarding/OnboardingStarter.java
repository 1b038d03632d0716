package com.greenroom.onboarding;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorRegistered;
import com.greenroom.creators.Creators;
import com.greenroom.creators.CreatorsRegistered;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a creator's onboarding when the creator registers. Runs after the registration commits, in its
 * own transaction, through the event publication registry (an event whose listener failed is retried,
 * not lost); a repeat delivery finds the checklist and changes nothing.
 * <p>
 * A batch of registrations ({@link CreatorsRegistered}) starts its checklists in one transaction, each under a
 * savepoint: one that fails is rolled back alone and published again as a {@link CreatorRegistered} of its own,
 * which the registry retries with backoff, while the others' checklists commit.
 */
@Component
class OnboardingStarter {

	private static final Logger log = LoggerFactory.getLogger(OnboardingStarter.class);

	private final Creators creators;

	private final Checklists checklists;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate savepoint;

	OnboardingStarter(Creators creators, Checklists checklists, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
		this.creators = creators;
		this.checklists = checklists;
		this.events = events;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@ApplicationModuleListener
	void on(CreatorsRegistered batch) {
		Map<String, Creator> found = creators.findAll(batch.registered().stream().map(CreatorRegistered::creatorId).toList());
		for (CreatorRegistered registered : batch.registered()) {
			Creator creator = found.get(registered.creatorId());
			if (creator == null) {
				continue;
			}
			try {
				savepoint.executeWithoutResult(status -> checklists.begin(creator, "system"));
			}
			catch (RuntimeException ex) {
				log.warn("Onboarding of {} failed; retried on its own: {}", registered.creatorId(), ex.toString());
				events.publishEvent(registered);
			}
		}
	}

	@ApplicationModuleListener
	void on(CreatorRegistered registered) {
		creators.find(registered.creatorId()).ifPresent(creator -> checklists.begin(creator, "system"));
	}
}
