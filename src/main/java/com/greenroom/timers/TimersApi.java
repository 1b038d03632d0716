package com.greenroom.timers;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import com.greenroom.system.Cursor;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.ListBody;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Durable timers for admins: what is pending, fired and failed, and a retry for the failed. */
@RestController
@RequestMapping("/api/v1/timers")
@Tag(name = "Timers", description = "Durable once-only timers (SLA warnings, daily tiers...) and their state (admin only)")
@SecurityRequirement(name = "bearer")
class TimersApi {

	private final Timers timers;

	TimersApi(Timers timers) {
		this.timers = timers;
	}

	@GetMapping
	@Operation(operationId = "listTimers", summary = "List timers with counts per kind and status",
			description = "Pending timers next due first; any other status (or all) latest due first. Cursor-paged.")
	TimerList list(Viewer viewer, @RequestParam(required = false) String status, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		requireAdmin(viewer);
		TimerStatus wanted = parseStatus(status);
		String kindFilter = kind == null || kind.isBlank() ? null : kind.strip();
		if (kindFilter != null && kindFilter.length() > 100) {
			throw new InvalidInputException("kind", "must be at most 100 characters");
		}
		var page = timers.page(wanted, kindFilter, cursor, Cursor.limit(limit));
		return new TimerList(page.items(), page.nextCursor(), timers.counts());
	}

	@PostMapping("/{id}/retry")
	@Operation(operationId = "retryTimer", summary = "Put a FAILED timer back to pending, due now (audited)",
			description = "409 when the timer is not FAILED.")
	Timer retry(Viewer viewer, @PathVariable long id) {
		return timers.retry(viewer, id);
	}

	static TimerStatus parseStatus(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return TimerStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("status", "must be one of PENDING, FIRED, FAILED, CANCELLED");
		}
	}

	private static void requireAdmin(Viewer viewer) {
		if (!viewer.isAdmin()) {
			throw new AccessDeniedException("Only admins see timers");
		}
	}

	/** One page of timers and the counts of all timers per kind and status; a list, so it carries no ETag. */
	record TimerList(List<Timer> items, String nextCursor, List<Timers.Count> counts) implements ListBody {
	}
}
