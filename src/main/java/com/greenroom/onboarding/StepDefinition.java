package com.greenroom.onboarding;

/**
 * A template step as submitted. {@code dueOffset} counts {@code dueUnit}s (DAYS or BUSINESS_DAYS) after the
 * creator's registration, or after the due of the step whose key is {@code after}. {@code guidance} is Markdown.
 * {@code templateKey} (optional) names a communication template sent to the creator once when the step opens.
 */
public record StepDefinition(String key, String title, String guidance, String ownerRole, Integer dueOffset, String dueUnit, String after,
		Boolean required, StepCondition condition, String templateKey) {
}
