package com.greenroom.creators;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
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

/** The roster over HTTP; every call is scoped to the caller's regions. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Creators", description = "The creator roster, scoped to the caller's regions")
@SecurityRequirement(name = "bearer")
class CreatorsApi {

	private final Creators creators;

	CreatorsApi(Creators creators) {
		this.creators = creators;
	}

	@GetMapping("/creators")
	@Operation(summary = "List creators, filtered and cursor-paginated, ordered by handle")
	PageOf<Creator> list(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String manager,
			@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@Parameter(description = "milestone code: only creators who reached it (or, with reached=false, who have not)")
			@RequestParam(required = false) String milestone, @RequestParam(required = false) String reached,
			@Parameter(description = "current tier: NEW, DORMANT, TOP, MID or EMERGING") @RequestParam(required = false) String tier,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return creators.search(viewer, new RosterQuery(region, manager, status, q, milestone, reached, tier), cursor, Cursor.limit(limit));
	}

	@GetMapping(value = "/creators.csv", produces = "text/csv")
	@Operation(summary = "Export the filtered roster as CSV")
	void export(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String manager,
			@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(required = false) String milestone, @RequestParam(required = false) String reached,
			@RequestParam(required = false) String tier, HttpServletResponse response) throws IOException {
		RosterQuery query = new RosterQuery(region, manager, status, q, milestone, reached, tier);
		creators.count(viewer, query); // validates the filters before the response starts
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"creators.csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		creators.exportCsv(viewer, query, writer);
		writer.flush();
	}

	@PostMapping("/creators")
	@Operation(summary = "Add a creator by hand")
	ResponseEntity<Creator> create(Viewer viewer, @RequestBody CreatorDraft draft) {
		Creator created = creators.create(viewer, draft);
		return ResponseEntity.created(URI.create(CreatorLinks.api(created.creatorId()))).body(created);
	}

	@GetMapping("/creators/{creatorId}")
	@Operation(summary = "Get a creator by the platform's creator id")
	Creator get(Viewer viewer, @PathVariable String creatorId) {
		return creators.get(viewer, creatorId);
	}

	@PatchMapping("/creators/{creatorId}")
	@Operation(summary = "Change a creator; absent fields stay, null clears manager or language")
	Creator update(Viewer viewer, @PathVariable String creatorId,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
					@Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = CreatorChanges.class)),
					@Content(mediaType = "application/json", schema = @Schema(implementation = CreatorChanges.class)) })
			@RequestBody Map<String, Object> changes) {
		return creators.update(viewer, creatorId, changes);
	}

	@PostMapping("/creators/manager-assignments")
	@Operation(summary = "Assign one manager (or none) to many creators at once; all or nothing")
	List<Creator> assign(Viewer viewer, @RequestBody ManagerAssignment assignment) {
		return creators.assignManager(viewer, assignment.creatorIds(), assignment.managerId());
	}

	record ManagerAssignment(List<String> creatorIds, Long managerId) {
	}

	/** What a PATCH may change, as a JSON merge patch (RFC 7396): absent fields stay, null clears an optional one. */
	@Schema(description = "A JSON merge patch of a creator: absent fields stay, null clears managerId, language or notes")
	record CreatorChanges(String handle, String country, String region, String language, String timeZone, String notes,
			CreatorStatus status, java.time.Instant registeredAt, Long managerId) {
	}
}
