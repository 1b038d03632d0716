package com.greenroom.identity;

import java.time.Instant;
import java.util.List;

/** A user as other modules and the API see them: never with credentials. */
public record UserSummary(long id, String username, String displayName, String email, List<Role> roles, List<String> regions,
		boolean enabled, Instant createdAt, String timeZone) {

	public boolean isAdmin() {
		return roles.contains(Role.ADMIN);
	}
}
