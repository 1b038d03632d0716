package com.greenroom.creators;

/**
 * Roster filters; null means any. {@code manager} is a user id, {@code me}, or {@code none} for creators
 * without a manager. {@code text} matches handle or creator id. {@code milestone} is a milestone code, with
 * {@code reached} {@code true} (default) or {@code false} for creators who have not reached it.
 * {@code tier} is a current tier (NEW, DORMANT, TOP, MID, EMERGING). {@code notLiveDays}: only creators
 * who have not started a stream in that many days (or never). {@code country} is an ISO 3166-1 code;
 * {@code language} a BCP 47 primary language ({@code pt} matches {@code pt-BR}). {@code reach}
 * {@code next-tier}: only creators within reach of the next tier at their pace (see {@link TierRoster}).
 */
public record RosterQuery(String region, String manager, String status, String text, String milestone, String reached, String tier,
		String notLiveDays, String country, String language, String reach) {

	public RosterQuery(String region, String manager, String status, String text, String milestone, String reached, String tier,
			String notLiveDays, String country, String language) {
		this(region, manager, status, text, milestone, reached, tier, notLiveDays, country, language, null);
	}

	public RosterQuery(String region, String manager, String status, String text, String milestone, String reached, String tier,
			String notLiveDays) {
		this(region, manager, status, text, milestone, reached, tier, notLiveDays, null, null);
	}

	public RosterQuery(String region, String manager, String status, String text) {
		this(region, manager, status, text, null, null, null, null);
	}

	public RosterQuery(String region, String manager, String status, String text, String milestone, String reached) {
		this(region, manager, status, text, milestone, reached, null, null);
	}

	public RosterQuery(String region, String manager, String status, String text, String milestone, String reached, String tier) {
		this(region, manager, status, text, milestone, reached, tier, null);
	}

	public static RosterQuery all() {
		return new RosterQuery(null, null, null, null);
	}
}
