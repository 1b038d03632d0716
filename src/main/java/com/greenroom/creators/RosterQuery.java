package com.greenroom.creators;

/**
 * Roster filters; null means any. {@code manager} is a user id, or {@code none} for creators without a
 * manager. {@code text} matches handle or creator id. {@code milestone} is a milestone code, with
 * {@code reached} {@code true} (default) or {@code false} for creators who have not reached it.
 */
public record RosterQuery(String region, String manager, String status, String text, String milestone, String reached) {

	public RosterQuery(String region, String manager, String status, String text) {
		this(region, manager, status, text, null, null);
	}

	public static RosterQuery all() {
		return new RosterQuery(null, null, null, null);
	}
}
