package com.greenroom.incidents;

import java.util.List;

/**
 * A new incident: title, severity (SEV1–SEV3), regions it touches (default: the tickets' regions), owner (default:
 * who declares), first timeline entry, and the tickets it is declared from.
 */
public record IncidentDraft(String title, String severity, List<String> regions, Long ownerId, String summary, List<Long> ticketIds) {

	public IncidentDraft(String title, String severity, List<String> regions, Long ownerId, String summary) {
		this(title, severity, regions, ownerId, summary, null);
	}
}
