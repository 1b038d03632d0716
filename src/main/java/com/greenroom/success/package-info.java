/**
 * Creator success operations on the milestone path: support actions that fire when a creator reaches a
 * milestone, and stall rules that fire when one is not reached in time; each creates an owned task once
 * per creator. Public API: {@link com.greenroom.success.SupportRules}, {@link com.greenroom.success.SupportActions}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Success",
		allowedDependencies = { "audit", "calendar", "creators", "identity", "milestones", "system", "tasks", "timeline" })
package com.greenroom.success;
