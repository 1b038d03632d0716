package com.greenroom.creators;

import java.util.Map;

/**
 * Lets the roster filter by milestone: implemented by the module that detects milestones, which depends
 * on creators (not the other way round). Like {@link RosterColumns}, the filter itself is SQL: the
 * implementing module owns a set-returning function {@code membersFunction()(code text)} returning a
 * {@code creator_id} column, which the roster reads in an {@code exists}, so no id list passes through
 * the JVM.
 */
public interface MilestoneRoster {

	/** Codes and names of the milestones, in the order of the success path. */
	Map<String, String> milestones();

	/** The SQL function's name, e.g. {@code milestone_roster_members}. */
	String membersFunction();
}
