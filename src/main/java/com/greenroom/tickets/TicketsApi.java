package com.greenroom.tickets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import com.greenroom.system.Cursor;
import com.greenroom.system.PageOf;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tickets and the escalation map over HTTP, scoped to the caller's regions. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tickets", description = "Tickets with SLA clocks, comments, bulk changes, CSV export, import, and the escalation map")
@SecurityRequirement(name = "bearer")
class TicketsApi {

	static final String NDJSON = "application/x-ndjson";

	private static final String FILTERS = "Filters: region, status (a status or active), priority (P1-P3), assignee (me, none or a user id), "
			+ "breached (true/false), breaching-within (ISO 8601 duration such as PT1H), creator (platform creator id), text "
			+ "(subject, description, id or externalId)";

	private final Tickets tickets;

	private final TicketSearch search;

	private final TicketImport imports;

	private final EscalationMap map;

	TicketsApi(Tickets tickets, TicketSearch search, TicketImport imports, EscalationMap map) {
		this.tickets = tickets;
		this.search = search;
		this.imports = imports;
		this.map = map;
	}

	@GetMapping("/tickets")
	@Operation(summary = "List tickets, newest first, each with its SLA; cursor-paginated", description = FILTERS)
	PageOf<Ticket> list(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String status,
			@RequestParam(required = false) String priority, @RequestParam(required = false) String assignee,
			@RequestParam(required = false) Boolean breached,
			@RequestParam(name = "breaching-within", required = false) String breachingWithin,
			@RequestParam(required = false) String creator, @RequestParam(required = false) String text,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return search.search(viewer, new TicketSearch.TicketFilter(region, status, priority, assignee, breached, breachingWithin, creator, text),
				cursor, Cursor.limit(limit));
	}

	@GetMapping(value = "/tickets.csv", produces = "text/csv")
	@Operation(summary = "Export the filtered tickets as CSV with their SLA columns", description = FILTERS)
	void export(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String status,
			@RequestParam(required = false) String priority, @RequestParam(required = false) String assignee,
			@RequestParam(required = false) Boolean breached,
			@RequestParam(name = "breaching-within", required = false) String breachingWithin,
			@RequestParam(required = false) String creator, @RequestParam(required = false) String text, HttpServletResponse response)
			throws IOException {
		TicketSearch.TicketFilter filter = new TicketSearch.TicketFilter(region, status, priority, assignee, breached, breachingWithin, creator,
				text);
		search.count(viewer, filter); // validates the filters before the response starts
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"tickets.csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		search.exportCsv(viewer, filter, writer);
		writer.flush();
	}

	@PostMapping("/tickets")
	@Operation(summary = "Open a ticket; region defaults to the creator's, priority to P3")
	ResponseEntity<Ticket> create(Viewer viewer, @RequestBody Tickets.NewTicket ticket) {
		Ticket created = tickets.create(viewer, ticket);
		return ResponseEntity.created(URI.create("/api/v1/tickets/" + created.id())).body(created);
	}

	@GetMapping("/tickets/{id}")
	@Operation(summary = "Get a ticket with its SLA, comments and history")
	Tickets.TicketDetail get(Viewer viewer, @PathVariable long id) {
		return tickets.detail(viewer, id);
	}

	@PatchMapping("/tickets/{id}")
	@Operation(summary = "Change a ticket: absent fields stay. status follows the lifecycle (resolving needs outcome); assignee is me, none "
			+ "or a user id; addLinks/removeLinks link other tickets")
	Ticket update(Viewer viewer, @PathVariable long id, @RequestBody Tickets.TicketChanges changes) {
		return tickets.update(viewer, id, changes);
	}

	@PostMapping("/tickets/{id}/comments")
	@Operation(summary = "Add an internal NOTE or a REPLY to the creator (the first reply is the first response; closed tickets take no reply)")
	ResponseEntity<TicketComment> comment(Viewer viewer, @PathVariable long id, @RequestBody Tickets.CommentDraft comment) {
		TicketComment added = tickets.comment(viewer, id, comment);
		return ResponseEntity.status(201).body(added);
	}

	@PostMapping("/tickets/bulk")
	@Operation(summary = "Assign, re-prioritise or close many tickets at once; all or nothing")
	List<Ticket> bulk(Viewer viewer, @RequestBody Tickets.BulkChange change) {
		return tickets.bulk(viewer, change);
	}

	@PostMapping(value = "/tickets/import", consumes = { NDJSON, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Import tickets from another helpdesk",
			description = """
					NDJSON (one ticket per line) or a JSON array. Each line: externalId, subject, region, priority, openedAt (RFC 3339), \
					optional creatorId, firstResponseAt, statusHistory [{status, at}], description, category, tags, outcome. The SLA \
					is computed from the original times. Idempotent by externalId: a repeat is counted as a duplicate. Each line is \
					answered on its own (index is its 0-based position, blank NDJSON lines not counted).""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
					@Content(mediaType = NDJSON, schema = @Schema(implementation = ImportDocument.class)),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							array = @ArraySchema(schema = @Schema(implementation = ImportDocument.class))) }))
	TicketImport.ImportResult importTickets(Viewer viewer, HttpServletRequest request) throws IOException {
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readAllBytes();
		}
		MediaType type = request.getContentType() == null ? MediaType.APPLICATION_JSON : MediaType.parseMediaType(request.getContentType());
		return imports.importTickets(viewer, body, type.isCompatibleWith(MediaType.APPLICATION_JSON));
	}

	@GetMapping("/escalation-map")
	@Operation(summary = "The escalation map: per priority its meaning, owner role, calendar, targets, warning threshold and levels")
	List<EscalationPolicy> escalationMap() {
		return map.all();
	}

	@PutMapping("/escalation-map")
	@Operation(summary = "Replace the escalation map (admin; one entry per priority); open tickets are recomputed from their history")
	List<EscalationPolicy> replaceEscalationMap(Viewer viewer, @RequestBody List<EscalationPolicy> policies) {
		return map.replace(viewer, policies);
	}

	/** One imported ticket (documentation only). */
	@Schema(name = "TicketImportLine")
	record ImportDocument(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String externalId,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String subject, String region,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
					"P1", "P2", "P3" }) String priority,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String openedAt, String creatorId,
			@Schema(format = "date-time") String firstResponseAt, List<StatusChange> statusHistory, String description, String category,
			List<String> tags, String outcome) {
	}
}
