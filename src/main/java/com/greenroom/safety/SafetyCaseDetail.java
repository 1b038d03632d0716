package com.greenroom.safety;

import java.time.Instant;
import java.util.List;

/**
 * A case with what it is made of: the category's enforcement guidance, its reports (newest
 * {@value SafetyCases#DETAIL_REPORTS}), notes and enforcement actions, oldest first.
 */
public record SafetyCaseDetail(long id, String creatorId, String creatorHandle, String regionCode, String category,
		String categoryName, CaseStatus status, Severity severity, int reportCount, Instant openedAt, Instant lastReportAt,
		String streamId, Long assigneeId, String assigneeName, Instant firstActionAt, Instant closedAt, Long ticketId, Instant updatedAt,
		String guidance, List<Report> reports, List<Note> notes, List<Action> actions) {

	static SafetyCaseDetail of(SafetyCase c, String guidance, List<Report> reports, List<Note> notes, List<Action> actions) {
		return new SafetyCaseDetail(c.id(), c.creatorId(), c.creatorHandle(), c.regionCode(), c.category(), c.categoryName(), c.status(),
				c.severity(), c.reportCount(), c.openedAt(), c.lastReportAt(), c.streamId(), c.assigneeId(), c.assigneeName(),
				c.firstActionAt(), c.closedAt(), c.ticketId(), c.updatedAt(), guidance, reports, notes, actions);
	}

	/**
	 * One report: from the platform ({@code eventId}, the reporting viewer, the platform's category) or a
	 * person's manual flag ({@code flaggedBy}).
	 */
	public record Report(long id, String eventId, String reportCategory, String streamId, String reporter, String note,
			Instant occurredAt, String flaggedBy) {
	}

	public record Note(long id, String body, String author, Instant createdAt) {
	}

	public record Action(long id, EnforcementAction kind, String reason, String actor, String actorName, Instant createdAt) {
	}
}
