/**
 * Creator success operations on the milestone path: support actions that fire when a creator reaches a
 * milestone, and stall rules that fire (on durable timers) when one is not reached in time; each fires once
 * per creator and rule, and creates an owned task, opens a ticket or sends a message template, optionally
 * following a playbook. Public API: {@link com.greenroom.success.SupportRules},
 * {@link com.greenroom.success.SupportActions}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Success", allowedDependencies = { "audit", "calendar", "comms", "creators",
		"identity", "milestones", "playbooks", "system", "tasks", "tickets", "timeline", "timers" })
package com.greenroom.success;
