package com.greenroom.events.internal;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.system.Cursor;
import com.greenroom.system.PageOf;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cross-module event publications whose listener has not completed, for admins. */
@RestController
@RequestMapping("/api/v1/events/publications")
@Tag(name = "Pipeline")
@SecurityRequirement(name = "bearer")
class PublicationsApi {

	private final ListenerRetries retries;

	PublicationsApi(ListenerRetries retries) {
		this.retries = retries;
	}

	/** A page of incomplete publications with the totals. */
	record Incomplete(long incomplete, long failed, PageOf<ListenerRetries.IncompletePublication> page) {
	}

	@GetMapping
	@Operation(summary = "List incomplete event publications, oldest first",
			description = "Each is an event a module published and one listener has not completed yet: FAILED ones are resubmitted "
					+ "automatically with exponential backoff (nextAttemptAt); PUBLISHED/PROCESSING/RESUBMITTED ones are in flight.")
	Incomplete list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return new Incomplete(retries.countIncomplete(), retries.countFailed(), retries.incomplete(cursor, Cursor.limit(limit)));
	}

	@PostMapping("/{id}/resubmit")
	@Operation(summary = "Resubmit one failed publication to its listener now, whatever its backoff")
	ResponseEntity<Void> resubmit(@PathVariable UUID id) {
		retries.resubmitNow(id);
		return ResponseEntity.accepted().build();
	}
}
