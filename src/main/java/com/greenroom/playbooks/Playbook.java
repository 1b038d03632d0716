package com.greenroom.playbooks;

import java.time.Instant;
import java.util.List;

/**
 * A playbook of one scope (global: {@code region} null, or a region's variant) with its settings and where
 * it stands: the published version, the version being worked on, reviews and staleness.
 */
public record Playbook(long id, String key, String region, String title, Long ownerId, String ownerName, int reviewEveryDays,
		int updateEveryDays, List<String> tags, Integer publishedVersion, Instant publishedAt, Integer openVersion,
		VersionStatus openStatus, Instant nextReviewAt, Instant lastReviewedAt, Instant reviewDueSince, boolean updateOverdue,
		long openChangeRequests) {

	public boolean global() {
		return region == null;
	}

	/** Past its review (a review fell due and is not recorded) or its monthly update. */
	public boolean stale() {
		return reviewDueSince != null || updateOverdue;
	}
}
