package com.greenroom.incidents;

import java.util.Set;

/**
 * An incident's lifecycle: investigating, then mitigated (back to investigating if the mitigation does not
 * hold), then resolved with an outcome. A resolved incident stays resolved; its timeline and lessons still grow.
 */
public enum IncidentStatus {

	INVESTIGATING, MITIGATED, RESOLVED;

	/** The statuses this one may move to. */
	public Set<IncidentStatus> next() {
		return switch (this) {
			case INVESTIGATING -> Set.of(MITIGATED);
			case MITIGATED -> Set.of(INVESTIGATING, RESOLVED);
			case RESOLVED -> Set.of();
		};
	}

	public boolean canMoveTo(IncidentStatus target) {
		return next().contains(target);
	}
}
