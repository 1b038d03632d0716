/**
 * Creator tiers per region over the trailing 28 creator days: NEW (registered under 28 days ago), DORMANT
 * (no active day), then TOP, MID and EMERGING by revenue rank among the active, with thresholds per
 * region; recomputed daily (once per region and local date across nodes) and on demand, with history.
 * Public API: {@link com.greenroom.tiers.Tiers}, and for the roster the SQL function
 * {@code tier_roster_figures(creator_id, as_of)} (tier label and a rank to sort by) and
 * {@code tier_roster_members(tier)} (the creators currently in a tier, for the roster's filter).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tiers",
		allowedDependencies = { "activity", "audit", "creators", "identity", "system", "timers" })
package com.greenroom.tiers;
