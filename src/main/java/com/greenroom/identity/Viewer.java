package com.greenroom.identity;

import java.util.Set;

/**
 * The signed-in person or token behind a request, with the regions they may see. Controllers take it as
 * a parameter; queries use {@link #regionFilter()} so scoping is applied in SQL, not after the fact.
 */
public record Viewer(long userId, String username, String displayName, Set<Role> roles, Set<String> regions)
		implements org.springframework.security.core.AuthenticatedPrincipal {

	public Viewer {
		roles = Set.copyOf(roles);
		regions = Set.copyOf(regions);
	}

	@Override
	public String getName() {
		return username;
	}

	public boolean isAdmin() {
		return roles.contains(Role.ADMIN);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public boolean canSee(String regionCode) {
		return isAdmin() || regionCode != null && regions.contains(regionCode);
	}

	/** Regions to restrict queries to, or null for an admin who sees everything. */
	public String[] regionFilter() {
		return isAdmin() ? null : regions.toArray(String[]::new);
	}
}
