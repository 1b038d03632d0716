package com.greenroom.onboarding;

import java.util.List;

import com.greenroom.creators.Creator;
import com.greenroom.identity.Viewer;
import com.greenroom.timeline.TimelineContributor;
import com.greenroom.timeline.TimelineEntry;
import org.springframework.stereotype.Component;

/** Puts the start of a creator's onboarding on their timeline (its steps come from the tasks as they are done). */
@Component
class OnboardingTimeline implements TimelineContributor {

	private final Checklists checklists;

	OnboardingTimeline(Checklists checklists) {
		this.checklists = checklists;
	}

	@Override
	public List<TimelineEntry> entriesFor(Viewer viewer, Creator creator) {
		return checklists.find(creator.creatorId())
			.map(c -> List.of(new TimelineEntry(c.startedAt(), TimelineEntry.ONBOARDING,
					"Onboarding started: " + c.templateName() + " v" + c.templateVersion(),
					c.progress().requiredResolved() + " of " + c.progress().required() + " required steps done",
					"system".equals(c.startedBy()) ? null : c.startedBy(), null)))
			.orElse(List.of());
	}
}
