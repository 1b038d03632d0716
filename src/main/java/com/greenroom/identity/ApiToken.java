package com.greenroom.identity;

import java.time.Instant;

/** An API token as listed: its secret is never kept, only a prefix to recognise it by. */
public record ApiToken(long id, long userId, String name, Kind kind, String prefix, Instant createdAt, Instant lastUsedAt,
		Instant revokedAt) {

	public boolean active() {
		return revokedAt == null;
	}

	/** Personal tokens act as their user; integration tokens may only push platform events. */
	public enum Kind {
		PERSONAL, INTEGRATION
	}

	/** A freshly issued token: {@code secret} is shown once and cannot be recovered. */
	public record Issued(ApiToken token, String secret) {
	}
}
