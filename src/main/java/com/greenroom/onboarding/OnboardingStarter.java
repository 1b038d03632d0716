package com.greenroom.onboarding;

import java.util.List;
import java.util.Map;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorRegistered;
import com.greenroom.creators.Creators;
import com.greenroom.creators.CreatorsRegistered;
import com.greenroom.system.EachAlone;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Starts a creator's onboarding when the creator registers. Runs after the registration commits, in its
 * own transaction, through the event publication registry (an event whose listener failed is retried,
 * not lost); a repeat delivery finds the checklist and changes nothing.
 * <p>
 * A batch of registrations ({@link CreatorsRegistered}) starts its checklists in one transaction, each under a
 * savepoint ({@link EachAlone}): one that fails is rolled back alone and published again as a
 * {@link CreatorRegistered} of its own, retried with backoff, while the others' checklists commit. The batch reads each
 * region's template and calendar once.
 */
@Component
class OnboardingStarter {

	private final Creators creators;

	private final Checklists checklists;

	private final EachAlone eachAlone;

	OnboardingStarter(Creators creators, Checklists checklists, EachAlone eachAlone) {
		this.creators = creators;
		this.checklists = checklists;
		this.eachAlone = eachAlone;
	}

	@ApplicationModuleListener
	void on(CreatorsRegistered batch) {
		Map<String, Creator> found = creators.findAll(batch.registered().stream().map(CreatorRegistered::creatorId).toList());
		List<CreatorRegistered> known = batch.registered().stream().filter(r -> found.containsKey(r.creatorId())).toList();
		Checklists.RegionReads reads = new Checklists.RegionReads();
		eachAlone.forEach(known, registered -> checklists.begin(found.get(registered.creatorId()), "system", reads), "Onboarding");
	}

	@ApplicationModuleListener
	void on(CreatorRegistered registered) {
		creators.find(registered.creatorId()).ifPresent(creator -> checklists.begin(creator, "system"));
	}
}
