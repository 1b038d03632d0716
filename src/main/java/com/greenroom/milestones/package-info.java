/**
 * The creator success framework's milestones: definitions (built-in and admin-defined), detection from
 * creators' activity, and the {@link com.greenroom.milestones.MilestoneReached} event announcing each one
 * once (a batch's together, as {@link com.greenroom.milestones.MilestonesReached}). Public API:
 * {@link com.greenroom.milestones.Milestones}, and for the roster the SQL function
 * {@code milestone_roster_figures(creator_id, as_of)} (milestones reached, as a count and as "2/4") and
 * {@code milestone_roster_members(code)} (the creators who reached a milestone, for the roster's filter).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Milestones",
		allowedDependencies = { "activity", "audit", "creators", "events", "identity", "system" })
package com.greenroom.milestones;
