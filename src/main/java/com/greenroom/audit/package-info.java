/**
 * The audit log: every change to Greenroom's data, with actor, time, entity and before/after state.
 * Modules call {@link com.greenroom.audit.AuditLog#record} inside the transaction that makes the change.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit",
		allowedDependencies = { "system" })
package com.greenroom.audit;
