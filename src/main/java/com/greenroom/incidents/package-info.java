/**
 * Incidents: declared from tickets or from scratch, with a severity, the regions
 * they touch, an owner, a lifecycle investigating → mitigated → resolved, a timeline of entries, the outcome,
 * and lessons; each lesson names the playbook it should change and becomes a task for each region's lead and a change request on that playbook.
 * Region-scoped and audited. Public API: {@link com.greenroom.incidents.Incidents}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents",
		allowedDependencies = { "audit", "identity", "notifications", "playbooks", "system", "tasks", "tickets" })
package com.greenroom.incidents;
