package com.greenroom.success;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.greenroom.playbooks.Playbooks;
import com.greenroom.tickets.Priority;

/**
 * A support action or stall rule of a milestone. {@code region} null: global; a regional rule with the
 * same {@code key} replaces the global one in its region. What it does is its {@code action}: a TASK owned by
 * {@code owner} ({@link #CREATORS_MANAGER} or a role that claims it in the creator's region) due
 * {@code dueOffset} {@code dueUnit} after the rule fires; a TICKET with {@code ticketPriority} and
 * {@code ticketCategory} whose subject is the title; or a MESSAGE, the comms template {@code templateKey}.
 * {@code playbookKey} names the playbook whose current guidance the work follows. A STALL rule fires
 * {@code stallAfter} {@code stallUnit} after registration.
 */
public record SupportRule(long id, String milestoneCode, RuleKind kind, String key, String region, String title, RuleAction action,
		String owner, Integer dueOffset, OffsetUnit dueUnit, Priority ticketPriority, String ticketCategory, String templateKey,
		String playbookKey, Integer stallAfter, OffsetUnit stallUnit, boolean active, Instant updatedAt) {

	/** The creator's manager when they have one, else the creator managers of the region. */
	public static final String CREATORS_MANAGER = "CREATORS_MANAGER";

	/** The console page of the named playbook's current guidance for the rule's region (null without a playbook). */
	@JsonProperty("playbookUrl")
	public String playbookUrl() {
		return playbookKey == null ? null : Playbooks.link(playbookKey, region);
	}
}
