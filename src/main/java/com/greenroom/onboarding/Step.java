package com.greenroom.onboarding;

import com.greenroom.identity.Role;

/**
 * A step of a template version; {@code guidanceHtml} is the Markdown guidance rendered safely; {@code templateKey}
 * the communication template sent to the creator when the step opens (null: none).
 */
public record Step(long id, int position, String key, String title, String guidance, String guidanceHtml, Role ownerRole, int dueOffset,
		DueUnit dueUnit, String after, boolean required, StepCondition condition, String templateKey) {

	StepDefinition definition() {
		return new StepDefinition(key, title, guidance, ownerRole.name(), dueOffset, dueUnit.name(), after, required, condition, templateKey);
	}
}
