package com.greenroom.tasks;

import java.time.Instant;

/**
 * A piece of owned work. {@code sourceType}/{@code sourceId} say what created it (an onboarding step, a
 * milestone, a person); {@code ownerId} is null while the task waits for someone with {@code ownerRole}
 * in its region to claim it. {@code overdue} is computed when read.
 */
public record Task(long id, String title, String sourceType, String sourceId, String sourceUrl, String creatorId, String regionCode,
		Long ownerId, String ownerName, String ownerRole, Instant dueAt, TaskStatus status, String skipReason, String completionNote,
		Long completedById, String completedByName, Instant completedAt, boolean overdue, String createdBy, Instant createdAt,
		Instant updatedAt) {

	public boolean open() {
		return status == TaskStatus.OPEN;
	}

	public boolean unclaimed() {
		return ownerId == null;
	}
}
