package com.greenroom.safety;

import java.time.Instant;

/**
 * A policy-risk case: the reports (and manual flags) against one creator in one policy category within the
 * grouping window. {@code openedAt} is the event time of its earliest report; {@code regionCode} is the
 * creator's region (null while the creator is an unregistered placeholder: admins only see those).
 */
public record SafetyCase(long id, String creatorId, String creatorHandle, String regionCode, String category, String categoryName,
		CaseStatus status, Severity severity, int reportCount, Instant openedAt, Instant lastReportAt, String streamId, Long assigneeId,
		String assigneeName, Instant firstActionAt, Instant closedAt, Long ticketId, Instant updatedAt) {
}
