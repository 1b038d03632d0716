package com.greenroom.routines;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Routines over HTTP, scoped to the caller's regions; a routine's tasks are {@code GET /api/v1/tasks?routine={id}}. */
@RestController
@RequestMapping("/api/v1/routines")
@Tag(name = "Routines", description = "The operating rhythm: recurring routines that become owned tasks, and accountability per week")
@SecurityRequirement(name = "bearer")
class RoutinesApi {

	private final Routines routines;

	RoutinesApi(Routines routines) {
		this.routines = routines;
	}

	@GetMapping
	@Operation(summary = "List the routines of your regions and every-region ones; filters region, paused")
	List<Routine> list(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) Boolean paused) {
		return routines.list(viewer, region, paused);
	}

	@PostMapping
	@Operation(summary = "Create a routine (admins; regional leads in their region): title, region (or \"*\" for every region), "
			+ "rrule (RFC 5545, e.g. FREQ=WEEKLY;BYDAY=TU,FR; exdates as exceptions), dueTime \"HH:mm\" local in the region's time zone, "
			+ "ownerRole (and optionally ownerUserId), view, horizonDays (required when the rrule has no COUNT or UNTIL), guidance "
			+ "(Markdown), checklist, onNonWorkingDay (KEEP, NEXT_WORKING_DAY, SKIP by the region's business calendar). A dueTime "
			+ "that a spring-forward day skips is due at the next valid local time that day (the end of the gap); one that happens "
			+ "twice is due at the first. Tasks are generated at once up to the horizon.")
	ResponseEntity<Routine> create(Viewer viewer, @RequestBody RoutineDraft draft) {
		Routine created = routines.create(viewer, draft);
		return ResponseEntity.created(URI.create("/api/v1/routines/" + created.id())).body(created);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a routine")
	Routine get(Viewer viewer, @PathVariable long id) {
		return routines.get(viewer, id);
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change a routine (fields left out stay as they are; region cannot change). A change of title, owner, "
			+ "rrule, exdates, dueTime, startsOn, view or onNonWorkingDay applies to future occurrences only: open tasks not yet due "
			+ "are skipped (reason \"Routine changed\") and generated again; tasks already due stay.")
	Routine update(Viewer viewer, @PathVariable long id, @RequestBody RoutineDraft changes) {
		return routines.update(viewer, id, changes);
	}

	@PostMapping("/{id}/pause")
	@Operation(summary = "Pause a routine: no more tasks; its open tasks not yet due are skipped")
	Routine pause(Viewer viewer, @PathVariable long id) {
		return routines.pause(viewer, id);
	}

	@PostMapping("/{id}/resume")
	@Operation(summary = "Resume a paused routine: tasks are generated again from now on")
	Routine resume(Viewer viewer, @PathVariable long id) {
		return routines.resume(viewer, id);
	}

	@PostMapping("/preview")
	@Operation(summary = "The next occurrences a routine would have (rrule, dueTime, region, startsOn, exdates, onNonWorkingDay), "
			+ "from now, in the region's time zone; previewRegion picks the zone of an every-region routine")
	List<Routines.PreviewOccurrence> preview(Viewer viewer, @RequestBody RoutineDraft draft,
			@RequestParam(required = false) String previewRegion, @RequestParam(required = false) Integer count) {
		return routines.preview(viewer, draft, previewRegion, count == null ? Routines.PREVIEW_COUNT : count);
	}

	@GetMapping("/accountability")
	@Operation(summary = "Per region and owner, one ISO week (week=2026-W49, default the current one): routine tasks done on time, "
			+ "done late, missed (past due, not done), skipped, open, and the streak of on-time weeks")
	Accountability accountability(Viewer viewer, @RequestParam(required = false) String region,
			@RequestParam(required = false) String week) {
		return routines.accountability(viewer, region, week);
	}
}
