package com.greenroom.events.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.system.Cursor;
import com.greenroom.system.PageOf;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Events the projections set aside, for admins: list them and retry them after a fix. */
@RestController
@RequestMapping("/api/v1/events/quarantine")
@Tag(name = "Pipeline", description = "Quarantined events and incomplete cross-module event publications (admin only)")
@SecurityRequirement(name = "bearer")
class QuarantineApi {

	private final ProjectionQuarantine quarantine;

	private final ProjectionRunner runner;

	QuarantineApi(ProjectionQuarantine quarantine, ProjectionRunner runner) {
		this.quarantine = quarantine;
		this.runner = runner;
	}

	@GetMapping
	@Operation(summary = "List quarantined events, oldest first",
			description = "Events a projection could not apply even on their own: the projection skipped them and moved on.")
	PageOf<QuarantinedEvent> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return quarantine.page(cursor, Cursor.limit(limit));
	}

	@PostMapping("/{id}/retry")
	@Operation(summary = "Apply one quarantined event to its projection again",
			description = "APPLIED removes the entry; FAILED keeps it with the new error and one more attempt; GONE: the event left the log.")
	ProjectionRunner.RetryOutcome retry(@PathVariable long id) {
		return runner.retry(id);
	}

	@PostMapping("/retry")
	@Operation(summary = "Retry every quarantined event, oldest first")
	List<ProjectionRunner.RetryOutcome> retryAll() {
		return runner.retryAll();
	}
}
