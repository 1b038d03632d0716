package com.greenroom.success;

/**
 * A rule as submitted (POST: all fields; PATCH: null leaves a field as it is, blank clears an optional one).
 * {@code key} defaults to a slug of the title; {@code region} null is the global rule; {@code action}
 * defaults to TASK. {@code owner}, {@code dueOffset} and {@code dueUnit} apply to TASK rules,
 * {@code ticketPriority} (P1, P2, P3) and {@code ticketCategory} to TICKET rules, {@code templateKey} to
 * MESSAGE rules; {@code playbookKey} to any.
 */
public record RuleDraft(String kind, String key, String region, String title, String owner, Integer dueOffset, String dueUnit,
		Integer stallAfter, String stallUnit, Boolean active, String action, String ticketPriority, String ticketCategory,
		String templateKey, String playbookKey) {
}
