package com.greenroom.tasks;

import java.time.Instant;

/**
 * A task another module (or a person) asks for. Owner: {@code ownerId}, or {@code ownerRole} in
 * {@code regionCode} to be claimed; both may be given (the user owns it, the role may reclaim it later).
 */
public record TaskDraft(String title, String sourceType, String sourceId, String sourceUrl, String creatorId, String regionCode,
		Long ownerId, String ownerRole, Instant dueAt) {
}
