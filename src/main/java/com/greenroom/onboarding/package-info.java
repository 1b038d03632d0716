/**
 * Onboarding checklists: versioned templates with regional variants, and one checklist per creator that
 * starts when the creator registers, keeps its template version forever and carries each step as a task; a
 * step may send the creator a communication template when it opens.
 * Public API: {@link com.greenroom.onboarding.Checklists}, {@link com.greenroom.onboarding.OnboardingTemplates}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Onboarding",
		allowedDependencies = { "audit", "calendar", "comms", "creators", "identity", "playbooks", "system", "tasks", "timeline",
				"timers" })
package com.greenroom.onboarding;
