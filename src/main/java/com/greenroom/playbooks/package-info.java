/**
 * Playbooks (the SOP library): versioned Markdown guidance with regional variants, approval and publishing,
 * "current guidance" per region, full-text search, change requests (from incidents, releases, experiments,
 * reviews or by hand) that become tasks for the owner, and review cadences driven by durable timers.
 * Public API: {@link com.greenroom.playbooks.Playbooks}, {@link com.greenroom.playbooks.ChangeRequestDraft}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Playbooks",
		allowedDependencies = { "audit", "identity", "system", "tasks", "timers" })
package com.greenroom.playbooks;
