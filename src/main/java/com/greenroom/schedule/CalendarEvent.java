package com.greenroom.schedule;

import java.time.Instant;
import java.util.List;

/**
 * A calendar event as the API and console show it: times as entered (local to {@code timeZone}; dates when all-day,
 * {@code end} the last day), the RRULE with its exceptions and moved occurrences, who owns it, which creators take
 * part, and the creators' conflicts with other events (see {@link Conflict}).
 */
public record CalendarEvent(long id, String uid, String title, EventKind kind, String region, String timeZone, boolean allDay,
		String start, String end, String rrule, List<String> exdates, List<Moved> moved, List<Owner> owners,
		List<Participant> creators, String description, boolean repeatsForever, List<Conflict> conflicts, String createdBy,
		Instant createdAt, Instant updatedAt) {

	/** One occurrence moved away from its place in the rule ({@code recurrenceId}: its original local start). */
	public record Moved(String recurrenceId, String start, String end, String title) {
	}

	public record Owner(long id, String name) {
	}

	public record Participant(String creatorId, String handle) {
	}

	/**
	 * A creator of this event booked in another event at the same time: occurrence {@code start} of this event
	 * overlaps {@code otherStart}–{@code otherEnd} of event {@code otherEventId}.
	 */
	public record Conflict(String creatorId, String handle, Instant start, long otherEventId, String otherTitle, Instant otherStart,
			Instant otherEnd) {
	}
}
