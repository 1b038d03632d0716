package com.greenroom.creators;

import java.time.Instant;

/**
 * A creator on the roster; {@code creatorId} is the streaming platform's id. {@code email} is optional;
 * {@code commsOptOut} means the creator asked not to receive communications (sends skip them).
 */
public record Creator(long id, String creatorId, String handle, String country, String regionCode, String language,
		String timeZone, Long managerId, String managerName, CreatorStatus status, Instant registeredAt, String notes,
		Instant createdAt, Instant updatedAt, String email, boolean commsOptOut) {
}
