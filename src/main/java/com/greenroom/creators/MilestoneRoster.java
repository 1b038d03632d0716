package com.greenroom.creators;

import java.util.Map;
import java.util.Set;

/**
 * Lets the roster filter by milestone: implemented by the module that detects milestones, which depends
 * on creators (not the other way round).
 */
public interface MilestoneRoster {

	/** Codes and names of the milestones, in the order of the success path. */
	Map<String, String> milestones();

	/** Platform ids of the creators who reached the milestone; 400 naming {@code milestone} when unknown. */
	Set<String> creatorsWhoReached(String code);
}
