package com.greenroom.creators;

import java.time.Instant;

/**
 * A creator joined the roster as registered: added by hand, or completed by the platform's
 * {@code creator.registered} event. Published once per creator through the event publication registry,
 * so listeners in other modules (onboarding) never miss one.
 */
public record CreatorRegistered(String creatorId, String regionCode, String country, String language, Instant registeredAt) {
}
