package com.greenroom.tickets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A ticket as stored; {@link TicketClocks} adds its SLA. */
record TicketRow(long id, String externalId, String subject, String description, String creatorId, String region, String category,
		Priority priority, TicketStatus status, Long assigneeId, String assigneeName, String ownerRole, List<String> tags, String source,
		String outcome, Instant openedAt, Instant firstResponseAt, Instant resolvedAt, List<StatusChange> statusHistory, int slaVersion,
		Instant updatedAt) {

	boolean active() {
		return !status.done();
	}

	/** This ticket moved to {@code next} at {@code at}: the status history grows, the resolution instant follows. */
	TicketRow moveTo(TicketStatus next, Instant at, String newOutcome) {
		List<StatusChange> history = new ArrayList<>(statusHistory);
		history.add(new StatusChange(next, at));
		Instant resolved = next == TicketStatus.RESOLVED ? at : next == TicketStatus.CLOSED ? (resolvedAt == null ? at : resolvedAt) : null;
		String kept = next.done() ? newOutcome : null;
		return new TicketRow(id, externalId, subject, description, creatorId, region, category, priority, next, assigneeId, assigneeName,
				ownerRole, tags, source, kept, openedAt, firstResponseAt, resolved, List.copyOf(history), slaVersion, updatedAt);
	}
}
