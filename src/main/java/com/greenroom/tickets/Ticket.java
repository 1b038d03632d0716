package com.greenroom.tickets;

import java.time.Instant;
import java.util.List;

/** A ticket as the API, console and CSV show it, with its SLA as of the moment it was read. */
public record Ticket(long id, String externalId, String subject, String description, String creatorId, String region, String category,
		Priority priority, TicketStatus status, Long assigneeId, String assigneeName, String ownerRole, List<String> tags, String source,
		String outcome, Instant openedAt, Instant firstResponseAt, Instant resolvedAt, List<StatusChange> statusHistory,
		List<Long> links, Sla sla, Instant updatedAt) {

	public String link() {
		return "/tickets/" + id;
	}
}
