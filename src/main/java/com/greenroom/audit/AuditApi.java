package com.greenroom.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.system.Cursor;
import com.greenroom.system.PageOf;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin-only reading of the audit log, newest first. */
@RestController
@Tag(name = "Audit", description = "Every change: who, when, what, before and after (admin only)")
@SecurityRequirement(name = "bearer")
class AuditApi {

	private final AuditLog audit;

	AuditApi(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/v1/audit")
	@Operation(summary = "Browse the audit log")
	PageOf<AuditEntry> list(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return audit.search(new AuditLog.AuditQuery(entityType, entityId, actor), cursor, Cursor.limit(limit));
	}

}
