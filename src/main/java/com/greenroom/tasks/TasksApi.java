package com.greenroom.tasks;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import com.greenroom.system.Cursor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tasks over HTTP, scoped to the caller's regions. */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "Owned work across every source: list, create, claim, complete, skip, reassign, in bulk")
@SecurityRequirement(name = "bearer")
class TasksApi {

	private final Tasks tasks;

	private final TaskQueries queries;

	private final java.time.Clock clock;

	TasksApi(Tasks tasks, TaskQueries queries, java.time.Clock clock) {
		this.tasks = tasks;
		this.queries = queries;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "List tasks in due order with the number of tasks the filters match (total: exact up to "
			+ TaskQueries.TOTAL_CAP + ", else totalExact is false and more than total match; exactTotal=true counts them all): "
			+ "owner=me|none|<userId>, "
			+ "kind=checklist-step|support-action|follow-up|manual|other, due=overdue|today|week|upcoming|later (open tasks, in the "
			+ "caller's time zone or tz; week = from now to the end of the 7 days after today), status, region, creatorId, "
			+ "q (creator handle, id or title), routine (a routine's tasks); cursor-paginated")
	TaskQueries.TaskPage list(Viewer viewer, @RequestParam(required = false) String owner, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String due, @RequestParam(required = false) String status,
			@RequestParam(required = false) String region, @RequestParam(required = false) String creatorId,
			@RequestParam(required = false) String q, @RequestParam(required = false) String tz,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String routine, @RequestParam(required = false) Boolean exactTotal) {
		return queries.search(viewer, new TaskQueries.TaskFilter(owner, kind, due, status, region, creatorId, q, routine),
				new DueWindow(clock.instant(), tasks.zoneOf(viewer, tz)), cursor, Cursor.limit(limit), Boolean.TRUE.equals(exactTotal));
	}

	@PostMapping
	@Operation(summary = "Add a task by hand; owner defaults to the caller, region to the creator's")
	ResponseEntity<Task> create(Viewer viewer, @RequestBody Tasks.ManualTask manual) {
		Task created = tasks.createManual(viewer, manual);
		return ResponseEntity.created(URI.create("/api/v1/tasks/" + created.id())).body(created);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a task")
	Task get(Viewer viewer, @PathVariable long id) {
		return tasks.get(viewer, id);
	}

	@PostMapping("/{id}/claim")
	@Operation(summary = "Claim an unclaimed task (you need its owner role in its region)")
	Task claim(Viewer viewer, @PathVariable long id) {
		return tasks.claim(viewer, id);
	}

	@PostMapping("/{id}/complete")
	@Operation(summary = "Complete a task, with an optional note")
	Task complete(Viewer viewer, @PathVariable long id, @RequestBody(required = false) Note note) {
		return tasks.complete(viewer, id, note == null ? null : note.note());
	}

	@PostMapping("/{id}/skip")
	@Operation(summary = "Skip a task; a reason is required")
	Task skip(Viewer viewer, @PathVariable long id, @RequestBody(required = false) Reason reason) {
		return tasks.skip(viewer, id, reason == null ? null : reason.reason());
	}

	@PostMapping("/{id}/reassign")
	@Operation(summary = "Give a task to another user of its region (ownerId), or back to a role's pool (ownerRole)")
	Task reassign(Viewer viewer, @PathVariable long id, @RequestBody Reassignment reassignment) {
		return tasks.reassign(viewer, id, reassignment.ownerId(), reassignment.ownerRole());
	}

	@PostMapping("/{id}/reschedule")
	@Operation(summary = "Snooze or reschedule an open task to a new due time (dueAt), with a reason")
	Task reschedule(Viewer viewer, @PathVariable long id, @RequestBody(required = false) Rescheduling rescheduling) {
		return tasks.reschedule(viewer, id, rescheduling == null ? null : rescheduling.dueAt(),
				rescheduling == null ? null : rescheduling.reason());
	}

	@PostMapping("/{id}/reopen")
	@Operation(summary = "Reopen a done or skipped task")
	Task reopen(Viewer viewer, @PathVariable long id) {
		return tasks.reopen(viewer, id);
	}

	@PostMapping("/bulk")
	@Operation(summary = "Claim, complete, skip, reassign or reschedule many tasks: all of them or none")
	List<Task> bulk(Viewer viewer, @RequestBody Tasks.BulkAction action) {
		return tasks.bulk(viewer, action);
	}

	record Note(String note) {
	}

	record Reason(String reason) {
	}

	record Reassignment(Long ownerId, String ownerRole) {
	}

	record Rescheduling(java.time.Instant dueAt, String reason) {
	}
}
