/**
 * Growth: campaigns (period, regions, cost in USD, participants named or a segment frozen when the campaign
 * starts, goal) and their ROI per the brief's definition, and the weekly review each region's leads get on
 * Monday. Public API: {@link com.greenroom.growth.Campaigns}, {@link com.greenroom.growth.WeeklyReviews}.
 * <p>
 * Revenue comes from activity's per-creator-day rollups ({@code activity_creator_day}) and segment members from
 * the roster and tier tables, read in SQL as insights reads them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Growth",
		allowedDependencies = { "activity", "audit", "coaching", "creators", "events", "identity", "insights", "milestones",
				"notifications", "routines", "safety", "system", "tickets", "tiers", "timers" })
package com.greenroom.growth;
