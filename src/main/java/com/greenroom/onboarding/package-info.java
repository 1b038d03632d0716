/**
 * Onboarding checklists: versioned templates with regional variants, and one checklist per creator that
 * starts when the creator registers, keeps its template version forever and carries each step as a task.
 * Public API: {@link com.greenroom.onboarding.Checklists}, {@link com.greenroom.onboarding.OnboardingTemplates}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Onboarding",
		allowedDependencies = { "audit", "calendar", "creators", "identity", "playbooks", "system", "tasks", "timeline" })
package com.greenroom.onboarding;
