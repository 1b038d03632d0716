/**
 * Incidents: declared from scratch (from tickets once the tickets module lands), with a severity, the regions
 * they touch, an owner, a lifecycle investigating → mitigated → resolved, a timeline of entries, the outcome,
 * and lessons; each lesson names the playbook it should change and becomes a task for each region's lead.
 * Region-scoped and audited. Public API: {@link com.greenroom.incidents.Incidents}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents",
		allowedDependencies = { "audit", "identity", "system", "tasks" })
package com.greenroom.incidents;
