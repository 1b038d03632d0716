package com.greenroom.creators;

import java.util.List;

/**
 * Lets the roster filter by tier: implemented by the module that computes tiers, which depends on
 * creators (not the other way round). Like {@link MilestoneRoster}, the filter is SQL: a set-returning
 * function {@code membersFunction()(tier text)} of the implementing module, returning a {@code creator_id}
 * column.
 */
public interface TierRoster {

	/** The tier names, in display order. */
	List<String> tiers();

	/**
	 * The SQL function's name, e.g. {@code tier_roster_members}. The roster calls it with the tier as a constant of its
	 * statement (one of {@link #tiers()}, upper-case letters and underscores only), so a function PostgreSQL inlines lets the
	 * implementing module serve each tier from its own (partial) index.
	 */
	String membersFunction();

	/**
	 * A SQL function {@code f(creator_id text, as_of timestamptz)} with a boolean column {@code within_reach}:
	 * the roster's "within reach of the next tier" filter ({@code reach=next-tier}); null when not offered.
	 */
	default String withinReachFunction() {
		return null;
	}
}
