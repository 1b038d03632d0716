package com.greenroom.creators;

import java.time.Instant;

/** A creator added by hand (or by the platform's registration event). */
public record CreatorDraft(String creatorId, String handle, String country, String region, String language, String timeZone,
		Long managerId, String status, Instant registeredAt, String notes) {
}
