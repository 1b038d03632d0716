package com.greenroom.schedule;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.Cursor;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.PageOf;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The events calendar over HTTP: events, their occurrences in a window, moved and cancelled occurrences. */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Calendar", description = "Campaigns, live events, PK battles, coaching and reviews with recurrence, conflicts and iCalendar feeds")
@SecurityRequirement(name = "bearer")
class ScheduleApi {

	private final CalendarEvents events;

	ScheduleApi(CalendarEvents events) {
		this.events = events;
	}

	@GetMapping("/events")
	@Operation(summary = "Events of your regions, newest first (optionally one region, creator or kind), each with its conflicts; cursor-paginated")
	PageOf<CalendarEvent> list(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String creatorId,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return events.list(viewer, region, creatorId, kind, cursor, Cursor.limit(limit));
	}

	@PostMapping("/events")
	@Operation(summary = "Plan an event: start and end are local date-times in timeZone (dates when allDay, end = last day); rrule is RFC 5545")
	ResponseEntity<CalendarEvent> create(Viewer viewer, @RequestBody EventDraft draft) {
		CalendarEvent created = events.create(viewer, draft);
		return ResponseEntity.created(URI.create("/api/v1/calendar/events/" + created.id())).body(created);
	}

	@GetMapping("/events/{id}")
	@Operation(summary = "One event with its moved occurrences, exceptions and conflicts")
	CalendarEvent get(Viewer viewer, @PathVariable long id) {
		return events.get(viewer, id);
	}

	@PatchMapping("/events/{id}")
	@Operation(summary = "Change an event: absent fields stay; rrule \"\" ends the recurrence; an empty list clears creators or exceptions")
	CalendarEvent update(Viewer viewer, @PathVariable long id, @RequestBody EventDraft changes) {
		return events.update(viewer, id, changes);
	}

	@DeleteMapping("/events/{id}")
	@Operation(summary = "Delete an event and all its occurrences")
	ResponseEntity<Void> delete(Viewer viewer, @PathVariable long id) {
		events.delete(viewer, id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/events/{id}/occurrences")
	@Operation(
			summary = "The event's occurrences in [from, to); to is required for a rule without end. from/to: RFC 3339 or dates in timeZone (default UTC)")
	List<Occurrence> occurrencesOf(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String timeZone) {
		ZoneId zone = zone(timeZone);
		return events.occurrencesOf(viewer, id, instant(from, "from", zone), instant(to, "to", zone));
	}

	@PutMapping("/events/{id}/occurrences/{recurrenceId}")
	@Operation(summary = "Move one occurrence (RECURRENCE-ID = its original local start, or date when all-day) to start-end, optionally retitled")
	CalendarEvent move(Viewer viewer, @PathVariable long id, @PathVariable String recurrenceId, @RequestBody MovedOccurrence body) {
		return events.moveOccurrence(viewer, id, recurrenceId, body.start(), body.end(), body.title());
	}

	@DeleteMapping("/events/{id}/occurrences/{recurrenceId}")
	@Operation(summary = "Cancel one occurrence: it becomes an exception (EXDATE)")
	CalendarEvent cancel(Viewer viewer, @PathVariable long id, @PathVariable String recurrenceId) {
		return events.cancelOccurrence(viewer, id, recurrenceId);
	}

	@GetMapping("/occurrences")
	@Operation(
			summary = "Every occurrence in [from, to) of your regions' events, with conflicting creators; to may be left out only if nothing repeats without end")
	List<Occurrence> occurrences(Viewer viewer, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String region, @RequestParam(required = false) String creatorId,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String timeZone) {
		ZoneId zone = zone(timeZone);
		EventKind kindFilter = kind == null || kind.isBlank() ? null
				: EventKind.parse(kind).orElseThrow(() -> new InvalidInputException("kind", "must be one of " + Arrays.toString(EventKind.values())));
		return events.occurrences(viewer, instant(from, "from", zone), instant(to, "to", zone), region, creatorId, kindFilter);
	}

	record MovedOccurrence(String start, String end, String title) {
	}

	static ZoneId zone(String timeZone) {
		if (timeZone == null || timeZone.isBlank()) {
			return ZoneOffset.UTC;
		}
		new Checks().timeZone(timeZone.strip(), "timeZone").throwIfAny();
		return ZoneId.of(timeZone.strip());
	}

	/** An RFC 3339 timestamp, or a date taken at midnight in {@code zone}; null when absent. */
	static Instant instant(String value, String field, ZoneId zone) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Instant instant;
		try {
			instant = value.strip().length() == 10 ? LocalDate.parse(value.strip()).atStartOfDay(zone).toInstant()
					: OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "must be a date such as 2026-11-01 or an RFC 3339 timestamp such as 2026-11-01T00:00:00Z");
		}
		// +999999999-12-31T23:59:59Z parses, and PostgreSQL refused the window it bounded (a 500)
		if (!Checks.isStorable(instant)) {
			throw new InvalidInputException(field, Checks.STORABLE_TIME_RULE);
		}
		return instant;
	}
}
