package com.greenroom.creators;

/**
 * Roster filters; null means any. {@code manager} is a user id, or {@code none} for creators without a
 * manager. {@code text} matches handle or creator id.
 */
public record RosterQuery(String region, String manager, String status, String text) {

	public static RosterQuery all() {
		return new RosterQuery(null, null, null, null);
	}
}
