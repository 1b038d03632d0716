package com.greenroom.playbooks;

import java.time.Instant;

/**
 * A review of a playbook: one per review that fell due on its cadence (with its task) or recorded by hand;
 * {@code outcome} is null until recorded: NO_CHANGE, or CHANGE_REQUESTED with the change request it opened.
 */
public record Review(long id, String key, String region, Instant dueAt, Long taskId, String outcome, String note, Long changeRequestId,
		String reviewedBy, Instant reviewedAt) {
}
