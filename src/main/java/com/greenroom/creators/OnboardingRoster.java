package com.greenroom.creators;

import java.util.Collection;
import java.util.Map;

/**
 * Lets the roster show each creator's onboarding progress: implemented by the onboarding module, which
 * depends on creators (not the other way round).
 */
public interface OnboardingRoster {

	/** Progress of the creators that have a checklist, by platform id, in one go for a page of the roster. */
	Map<String, Progress> progressOf(Collection<String> creatorIds);

	/** Required steps resolved (done or skipped) out of all required, and open steps past due. */
	record Progress(int resolved, int required, int overdue) {

		public boolean complete() {
			return resolved == required;
		}
	}
}
