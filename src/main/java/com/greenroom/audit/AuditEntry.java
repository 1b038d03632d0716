package com.greenroom.audit;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** One audited change; {@code before} and {@code after} are JSON documents (null for create/delete). */
public record AuditEntry(long id, Instant occurredAt, String actor, String entityType, String entityId, String action,
		String regionCode, JsonNode before, JsonNode after) {
}
