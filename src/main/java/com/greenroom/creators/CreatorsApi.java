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

	private static final String SORT = "column key to sort by (see GET /creators/columns), descending with a leading '-': "
			+ "-revenue28d; default handle";

	private static final String COLUMNS = "comma-separated column keys whose figures to include (and, in CSV, the columns to export)";

	private static final String NOT_LIVE = "only creators who have not started a stream in this many days (1-365), or never";

	private static final String REACH = "next-tier: only creators within reach of the next tier at their pace (see GET /api/v1/creators/{creatorId}/tier-pace)";

	private final Creators creators;

	private final Roster roster;

	private final CreatorEdits edits;

	CreatorsApi(Creators creators, Roster roster, CreatorEdits edits) {
		this.creators = creators;
		this.roster = roster;
		this.edits = edits;
	}

	@GetMapping("/creators")
	@Operation(summary = "List creators, filtered, sorted and cursor-paginated (default order: handle)")
	PageOf<RosterEntry> list(Viewer viewer, @RequestParam(required = false) String region,
			@Parameter(description = "a user id, 'me' or 'none'") @RequestParam(required = false) String manager,
			@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@Parameter(description = "milestone code: only creators who reached it (or, with reached=false, who have not)") @RequestParam(
					required = false) String milestone,
			@RequestParam(required = false) String reached,
			@Parameter(description = "current tier: NEW, DORMANT, TOP, MID or EMERGING") @RequestParam(required = false) String tier,
			@Parameter(description = NOT_LIVE) @RequestParam(required = false) String notLiveDays,
			@Parameter(description = REACH) @RequestParam(required = false) String reach,
			@Parameter(description = SORT) @RequestParam(required = false) String sort,
			@Parameter(description = COLUMNS) @RequestParam(required = false) String columns,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return roster.search(viewer, new RosterQuery(region, manager, status, q, milestone, reached, tier, notLiveDays, null, null, reach),
				new RosterView(sort, columns),
				cursor, Cursor.limit(limit));
	}

	@GetMapping("/roster/columns")
	@Operation(summary = "The roster's columns: key, label, whether it sorts")
	List<Roster.Column> columns() {
		return roster.columns();
	}

	@GetMapping(value = "/creators.csv", produces = "text/csv")
	@Operation(summary = "Export the filtered roster as CSV, in the requested order and columns")
	void export(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String manager,
			@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(required = false) String milestone, @RequestParam(required = false) String reached,
			@RequestParam(required = false) String tier, @Parameter(description = NOT_LIVE) @RequestParam(required = false) String notLiveDays,
			@Parameter(description = REACH) @RequestParam(required = false) String reach,
			@Parameter(description = SORT) @RequestParam(required = false) String sort,
			@Parameter(description = COLUMNS) @RequestParam(required = false) String columns, HttpServletResponse response)
			throws IOException {
		RosterQuery query = new RosterQuery(region, manager, status, q, milestone, reached, tier, notLiveDays, null, null, reach);
		RosterView view = new RosterView(sort, columns);
		roster.check(viewer, query); // validates the filters before the response starts
		roster.check(view);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"creators.csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		roster.exportCsv(viewer, query, view, writer);
		writer.flush();
	}

	@PostMapping("/creators")
	@Operation(summary = "Add a creator by hand")
	ResponseEntity<Creator> create(Viewer viewer, @RequestBody CreatorDraft draft) {
		Creator created = edits.create(viewer, draft);
		return ResponseEntity.created(URI.create(CreatorLinks.api(created.creatorId()))).body(created);
	}

	@GetMapping("/creators/{creatorId}")
	@Operation(summary = "Get a creator by the platform's creator id")
	Creator get(Viewer viewer, @PathVariable String creatorId) {
		return creators.get(viewer, CreatorId.parse(creatorId, "creatorId"));
	}

	@PatchMapping("/creators/{creatorId}")
	@Operation(summary = "Change a creator; absent fields stay, null clears manager or language")
	Creator update(Viewer viewer, @PathVariable String creatorId,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
					@Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = CreatorChanges.class)),
					@Content(mediaType = "application/json",
							schema = @Schema(implementation = CreatorChanges.class)) }) @RequestBody Map<String, Object> changes) {
		return edits.update(viewer, CreatorId.parse(creatorId, "creatorId"), changes);
	}

	@PostMapping("/creators/manager-assignments")
	@Operation(summary = "Assign one manager (or none) to many creators at once; all or nothing")
	List<Creator> assign(Viewer viewer, @RequestBody ManagerAssignment assignment) {
		return edits.assignManager(viewer, assignment.creatorIds(), assignment.managerId());
	}

	record ManagerAssignment(List<String> creatorIds, Long managerId) {
	}

	/** What a PATCH may change, as a JSON merge patch (RFC 7396): absent fields stay, null clears an optional one. */
	@Schema(description = "A JSON merge patch of a creator: absent fields stay, null clears managerId, language, notes or email")
	record CreatorChanges(String handle, String country, String region, String language, String timeZone, String notes,
			CreatorStatus status, java.time.Instant registeredAt, Long managerId, String email, Boolean commsOptOut) {
	}
}
