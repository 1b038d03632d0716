package com.greenroom.audit;

import java.time.Instant;

/** One audited change; {@code before} and {@code after} are JSON documents (null for create/delete). */
public record AuditEntry(long id, Instant occurredAt, String actor, String entityType, String entityId, String action,
		String regionCode, String before, String after) {
}
