package com.greenroom.success;

/**
 * A rule as submitted (POST: all fields; PATCH: null leaves a field as it is). {@code key} defaults to a
 * slug of the title; {@code region} null is the global rule.
 */
public record RuleDraft(String kind, String key, String region, String title, String owner, Integer dueOffset, String dueUnit,
		Integer stallAfter, String stallUnit, Boolean active) {
}
