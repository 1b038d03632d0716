/**
 * Trust & safety: the policy taxonomy (categories, severity, enforcement guidance, and the platform's report
 * categories mapped onto them), policy-risk cases grouped from {@code report.filed} events and manual flags, their
 * triage, notes and enforcement actions, and the moderation backlog. Public API:
 * {@link com.greenroom.safety.SafetyCases}, {@link com.greenroom.safety.PolicyTaxonomy},
 * {@link com.greenroom.safety.SafetyBacklog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Trust & safety",
		allowedDependencies = { "activity", "audit", "creators", "events", "identity", "system", "tickets", "timeline" })
package com.greenroom.safety;
