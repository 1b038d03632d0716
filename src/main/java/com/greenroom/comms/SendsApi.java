package com.greenroom.comms;

import java.net.URI;
import java.util.List;
import java.util.Map;

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

/** Sends of templates to creators over HTTP, scoped to the caller's regions. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Sends", description = "Send a template to creators or a segment, exactly once per idempotency key; per-recipient status")
@SecurityRequirement(name = "bearer")
class SendsApi {

	private final Sends sends;

	private final Segments segments;

	SendsApi(Sends sends, Segments segments) {
		this.sends = sends;
		this.segments = segments;
	}

	@PostMapping("/sends")
	@Operation(summary = "Send a template to creatorIds or a segment; 201 for a new send, 200 with the first send for a repeated "
			+ "idempotencyKey (nobody is messaged twice)")
	ResponseEntity<Send> send(Viewer viewer, @RequestBody SendRequest request) {
		Send send = sends.send(viewer, request);
		if (send.repeated()) {
			return ResponseEntity.ok(send);
		}
		return ResponseEntity.created(URI.create("/api/v1/sends/" + send.id())).body(send);
	}

	@GetMapping("/sends")
	@Operation(summary = "The newest sends with a recipient in your regions")
	List<Sends.SendSummary> list(Viewer viewer, @RequestParam(required = false) Integer limit) {
		return sends.recent(viewer, Cursor.limit(limit));
	}

	@GetMapping("/sends/{id}")
	@Operation(summary = "A send with its counts per status over every recipient in your regions, and one page of those recipients "
			+ "(by creator id) with each one's status (PENDING, QUEUED, SENT, FAILED with reason, SKIPPED with reason); "
			+ "page from 1, size 1 to 500 (default 100), total = recipients in your regions")
	Send get(Viewer viewer, @PathVariable long id, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return sends.get(viewer, id, page, size);
	}

	@PostMapping("/segments/count")
	@Operation(summary = "How many creators in your regions a segment matches")
	Map<String, Integer> count(Viewer viewer, @RequestBody Segment segment) {
		return Map.of("count", segments.resolve(viewer, segment).size());
	}

	@GetMapping("/creators/{creatorId}/messages")
	@Operation(summary = "What the creator was sent, newest first (at most 200)")
	List<Sends.CreatorMessage> history(Viewer viewer, @PathVariable String creatorId) {
		return sends.history(viewer, creatorId);
	}

}
