package com.greenroom.creators;

import java.util.List;
import java.util.Set;

/**
 * Lets the roster filter by tier: implemented by the module that computes tiers, which depends on
 * creators (not the other way round).
 */
public interface TierRoster {

	/** The tier names, in display order. */
	List<String> tiers();

	/** Platform ids of the creators currently in the tier; 400 naming {@code tier} when unknown. */
	Set<String> creatorsIn(String tier);

	/**
	 * A SQL function {@code f(creator_id text, as_of timestamptz)} with a boolean column {@code within_reach}:
	 * the roster's "within reach of the next tier" filter ({@code reach=next-tier}); null when not offered.
	 */
	default String withinReachFunction() {
		return null;
	}
}
