package com.greenroom.success;

import java.time.Instant;

/**
 * A support action or stall rule of a milestone. {@code region} null: global; a regional rule with the
 * same {@code key} replaces the global one in its region. {@code owner} is {@link #CREATORS_MANAGER} or a
 * role that claims the task in the creator's region. The task is due {@code dueOffset} {@code dueUnit}
 * after the rule fires; a STALL rule fires {@code stallAfter} {@code stallUnit} after registration.
 */
public record SupportRule(long id, String milestoneCode, RuleKind kind, String key, String region, String title, String owner,
		int dueOffset, OffsetUnit dueUnit, Integer stallAfter, OffsetUnit stallUnit, boolean active, Instant updatedAt) {

	/** The creator's manager when they have one, else the creator managers of the region. */
	public static final String CREATORS_MANAGER = "CREATORS_MANAGER";
}
