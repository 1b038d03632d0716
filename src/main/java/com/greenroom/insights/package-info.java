/**
 * Insights: creator day-N retention cohorts (per the brief's definition: cohorts by the creator day of
 * {@code creator.registered}; N-day and unbounded; cells whose day N has not ended for a creator leave
 * that creator out and are marked incomplete), served from rollups kept up to date incrementally.
 * Public API: {@link com.greenroom.insights.Retention}.
 * <p>
 * The refresher reads the segment attributes (region, country, manager, onboarding checklist version,
 * first tier) from the roster, onboarding and tier tables in SQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insights",
		allowedDependencies = { "activity", "creators", "identity", "system", "tiers" })
package com.greenroom.insights;
