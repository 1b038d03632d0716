package com.greenroom.onboarding;

import com.greenroom.creators.CreatorRegistered;
import com.greenroom.creators.Creators;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Starts a creator's onboarding when the creator registers. Runs after the registration commits, in its
 * own transaction, through the event publication registry (an event whose listener failed is retried,
 * not lost); a repeat delivery finds the checklist and changes nothing.
 */
@Component
class OnboardingStarter {

	private final Creators creators;

	private final Checklists checklists;

	OnboardingStarter(Creators creators, Checklists checklists) {
		this.creators = creators;
		this.checklists = checklists;
	}

	@ApplicationModuleListener
	void on(CreatorRegistered registered) {
		creators.find(registered.creatorId()).ifPresent(creator -> checklists.begin(creator, "system"));
	}
}
