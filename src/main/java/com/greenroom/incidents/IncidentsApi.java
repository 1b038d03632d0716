package com.greenroom.incidents;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import com.greenroom.system.Cursor;
import com.greenroom.system.PageOf;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incidents over HTTP, scoped to the caller's regions. */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents", description = "Incidents with severity, regions, owner, lifecycle, timeline, outcome and lessons")
@SecurityRequirement(name = "bearer")
class IncidentsApi {

	private final Incidents incidents;

	IncidentsApi(Incidents incidents) {
		this.incidents = incidents;
	}

	@GetMapping
	@Operation(summary = "Incidents touching your regions, latest declared first; filter by status, severity and region")
	PageOf<Incident> list(Viewer viewer, @RequestParam(required = false) String status, @RequestParam(required = false) String severity,
			@RequestParam(required = false) String region, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return incidents.list(viewer, status, severity, region, cursor, Cursor.limit(limit));
	}

	@PostMapping
	@Operation(summary = "Declare an incident (status INVESTIGATING); owner defaults to you")
	ResponseEntity<Incident> declare(Viewer viewer, @RequestBody IncidentDraft draft) {
		Incident declared = incidents.declare(viewer, draft);
		return ResponseEntity.created(URI.create(IncidentLinks.api(declared.id()))).body(declared);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One incident with its timeline and lessons")
	Incident get(Viewer viewer, @PathVariable long id) {
		return incidents.get(viewer, id);
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change title, severity, owner, outcome or status (investigating → mitigated → resolved; resolving needs an outcome)")
	Incident update(Viewer viewer, @PathVariable long id, @RequestBody IncidentChanges changes) {
		return incidents.update(viewer, id, changes);
	}

	@PostMapping("/{id}/entries")
	@Operation(summary = "Add a note to the incident's timeline")
	ResponseEntity<Incident.Entry> addEntry(Viewer viewer, @PathVariable long id, @RequestBody EntryDraft draft) {
		Incident.Entry entry = incidents.addEntry(viewer, id, draft.text());
		return ResponseEntity.created(URI.create(IncidentLinks.api(id) + "#entry-" + entry.id())).body(entry);
	}

	@PostMapping("/{id}/lessons")
	@Operation(summary = "Record a lesson naming the playbook to change; it becomes a task for each region's lead")
	ResponseEntity<Incident.Lesson> addLesson(Viewer viewer, @PathVariable long id, @RequestBody LessonDraft draft) {
		Incident.Lesson lesson = incidents.addLesson(viewer, id, draft);
		return ResponseEntity.created(URI.create(IncidentLinks.api(id) + "#lesson-" + lesson.id())).body(lesson);
	}

	/** A timeline note. */
	record EntryDraft(String text) {
	}
}
