package com.greenroom.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One occurrence of an event in a window: exact instants, the wall-clock times in the event's zone, the
 * {@code recurrenceId} (original local start) that names it for moving or cancelling, and the creators of it who
 * are booked in another occurrence at the same time.
 */
public record Occurrence(long eventId, String title, EventKind kind, String region, String timeZone, boolean allDay, Instant start,
		Instant end, LocalDateTime localStart, LocalDateTime localEnd, String recurrenceId, boolean recurring, boolean moved,
		List<String> creatorIds, List<String> conflictingCreatorIds) {

	public boolean hasConflict() {
		return !conflictingCreatorIds.isEmpty();
	}
}
