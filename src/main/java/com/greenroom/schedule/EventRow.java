package com.greenroom.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * An event as stored: wall-clock times in its zone ({@code end} exclusive, midnight after the last day when all-day),
 * the RRULE, its EXDATEs and moved occurrences, owners and creators.
 */
record EventRow(long id, String uid, String title, EventKind kind, String region, ZoneId zone, boolean allDay, LocalDateTime start,
		LocalDateTime end, String rrule, List<LocalDateTime> exdates, List<Moved> moved, String description, int sequence,
		List<Long> ownerIds, List<String> creatorIds, String createdBy, Instant createdAt, Instant updatedAt, Instant lastEnd) {

	/** A moved occurrence: {@code recurrenceId} is the original local start. */
	record Moved(LocalDateTime recurrenceId, LocalDateTime start, LocalDateTime end, String title) {
	}

	boolean recurring() {
		return rrule != null;
	}

	ZonedDateTime zonedStart() {
		return start.atZone(zone);
	}

	ZonedDateTime zonedEnd() {
		return end.atZone(zone);
	}
}
