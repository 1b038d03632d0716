package com.greenroom.creators;

import java.time.Instant;

/** A creator added by hand (or by the platform's registration event); email and opt-out are optional. */
public record CreatorDraft(String creatorId, String handle, String country, String region, String language, String timeZone,
		Long managerId, String status, Instant registeredAt, String notes, String email, Boolean commsOptOut) {

	public CreatorDraft(String creatorId, String handle, String country, String region, String language, String timeZone, Long managerId,
			String status, Instant registeredAt, String notes) {
		this(creatorId, handle, country, region, language, timeZone, managerId, status, registeredAt, notes, null, null);
	}
}
