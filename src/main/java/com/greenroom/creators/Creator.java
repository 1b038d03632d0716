package com.greenroom.creators;

import java.time.Instant;

/** A creator on the roster; {@code creatorId} is the streaming platform's id. */
public record Creator(long id, String creatorId, String handle, String country, String regionCode, String language,
		String timeZone, Long managerId, String managerName, CreatorStatus status, Instant registeredAt, String notes,
		Instant createdAt, Instant updatedAt) {
}
