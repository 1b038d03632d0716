package com.greenroom.tasks;

import java.time.Instant;

import com.greenroom.identity.Role;

/**
 * A task another module (or a person) asks for. Owner: {@code ownerId}, or {@code ownerRole} in
 * {@code regionCode} to be claimed; both may be given (the user owns it, the role may reclaim it later).
 * A task for a managed creator with owner role {@link Role#CREATOR_MANAGER} and no owner goes straight
 * to the creator's manager.
 */
public record TaskDraft(String title, TaskSource source, String creatorId, String regionCode, Long ownerId, Role ownerRole,
		Instant dueAt) {
}
