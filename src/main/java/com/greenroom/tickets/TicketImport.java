package com.greenroom.tickets;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Tickets moved over from another helpdesk, NDJSON or a JSON array: each line keeps its original opening
 * time, status history and first response, so its SLA is computed as it was. Idempotent by
 * {@code externalId} (a repeat is a duplicate, never a second ticket); each line is answered on its own
 * and stored in its own transaction; past deadlines of imported tickets are not announced again.
 */
@Service
class TicketImport {

	static final int MAX_LINES = 5000;

	private final JsonMapper json;

	private final Tickets tickets;

	private final TicketStore store;

	TicketImport(JsonMapper json, Tickets tickets, TicketStore store) {
		this.json = json;
		this.tickets = tickets;
		this.store = store;
	}

	ImportResult importTickets(Viewer viewer, byte[] body, boolean array) {
		if (!tickets.mayWork(viewer)) {
			throw new AccessDeniedException("Only admins, regional leads, creator managers and trust & safety import tickets");
		}
		List<JsonNode> lines = new ArrayList<>();
		List<ImportResult.Rejection> rejected = new ArrayList<>();
		if (array) {
			JsonNode root;
			try {
				root = json.readTree(body);
			}
			catch (JacksonException ex) {
				throw new InvalidInputException("body", "is not a JSON array of tickets");
			}
			if (root == null || !root.isArray()) {
				throw new InvalidInputException("body", "is not a JSON array of tickets");
			}
			root.forEach(lines::add);
		}
		else {
			int index = 0;
			for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank()) {
					continue;
				}
				try {
					lines.add(json.readTree(line));
				}
				catch (JacksonException ex) {
					lines.add(null);
				}
				index++;
			}
		}
		if (lines.size() > MAX_LINES) {
			throw new InvalidInputException("body", "at most " + MAX_LINES + " tickets per request");
		}
		int created = 0;
		int duplicates = 0;
		List<ImportResult.Created> ids = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			JsonNode line = lines.get(i);
			if (line == null || !line.isObject()) {
				rejected.add(new ImportResult.Rejection(i, null, "line", "is not a JSON object"));
				continue;
			}
			String externalId = text(line, "externalId");
			try {
				ImportLine parsed = parse(viewer, line);
				if (store.idOfExternal(parsed.externalId()).isPresent()) {
					duplicates++;
					continue;
				}
				Ticket ticket = tickets.importOne(parsed);
				created++;
				ids.add(new ImportResult.Created(i, parsed.externalId(), ticket.id()));
			}
			catch (InvalidInputException ex) {
				InvalidInputException.FieldError error = ex.errors().get(0);
				rejected.add(new ImportResult.Rejection(i, externalId, error.field(), error.reason()));
			}
			catch (org.springframework.dao.DuplicateKeyException ex) {
				duplicates++;
			}
		}
		return new ImportResult(created, duplicates, ids, rejected);
	}

	private ImportLine parse(Viewer viewer, JsonNode line) {
		Checks checks = new Checks();
		String externalId = text(line, "externalId");
		checks.text(externalId, "externalId", 200);
		String subject = text(line, "subject");
		String region = text(line, "region");
		String creatorId = text(line, "creatorId");
		Priority priority = Tickets.parsePriority(text(line, "priority"), "priority", checks, false);
		checks.require(text(line, "priority") != null, "priority", "is required: P1, P2 or P3");
		Instant openedAt = instant(line, "openedAt", checks, true);
		Instant firstResponseAt = instant(line, "firstResponseAt", checks, false);
		checks.require(openedAt == null || firstResponseAt == null || !firstResponseAt.isBefore(openedAt), "firstResponseAt",
				"is before openedAt");
		List<StatusChange> history = new ArrayList<>();
		if (openedAt != null) {
			history.add(new StatusChange(TicketStatus.NEW, openedAt));
		}
		JsonNode statuses = line.get("statusHistory");
		if (statuses != null && !statuses.isNull()) {
			if (!statuses.isArray()) {
				checks.require(false, "statusHistory", "must be a list of {status, at}");
			}
			else {
				for (int i = 0; i < statuses.size(); i++) {
					JsonNode entry = statuses.get(i);
					TicketStatus status = TicketStatus.parse(entry.isObject() ? text(entry, "status") : null);
					checks.require(status != null, "statusHistory[" + i + "].status",
							"is not a status; use one of " + List.of(TicketStatus.values()));
					Instant at = entry.isObject() ? instant(entry, "at", checks, true, "statusHistory[" + i + "].at") : null;
					checks.require(at == null || openedAt == null || !at.isBefore(openedAt), "statusHistory[" + i + "].at", "is before openedAt");
					if (status != null && at != null) {
						history.add(new StatusChange(status, at));
					}
				}
			}
		}
		List<String> tags = new ArrayList<>();
		if (line.get("tags") != null && line.get("tags").isArray()) {
			line.get("tags").forEach(t -> tags.add(t.asString()));
		}
		List<String> cleanTags = Tickets.tags(tags, checks);
		String outcome = text(line, "outcome");
		checks.optionalText(outcome, "outcome", 2000);
		TicketDraft draft = new TicketDraft(subject, text(line, "description"), creatorId, region, text(line, "category"), priority, "IMPORT");
		checks.throwIfAny();
		return new ImportLine(viewer, externalId.strip(), draft, openedAt, history, firstResponseAt, cleanTags, outcome);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.isString() ? value.asString() : value.toString();
	}

	private static Instant instant(JsonNode node, String field, Checks checks, boolean required) {
		return instant(node, field, checks, required, field);
	}

	private static Instant instant(JsonNode node, String field, Checks checks, boolean required, String name) {
		String value = text(node, field);
		if (value == null || value.isBlank()) {
			checks.require(!required, name, "is required (an RFC 3339 timestamp)");
			return null;
		}
		try {
			Instant instant = OffsetDateTime.parse(value.strip()).toInstant();
			checks.require(Checks.isStorable(instant), name, Checks.STORABLE_TIME_RULE);
			return Checks.isStorable(instant) ? instant : null;
		}
		catch (DateTimeParseException ex) {
			checks.require(false, name, "is not an RFC 3339 timestamp with offset");
			return null;
		}
	}

	/** One checked line of an import. */
	record ImportLine(Viewer viewer, String externalId, TicketDraft draft, Instant openedAt, List<StatusChange> history, Instant firstResponseAt,
			List<String> tags, String outcome) {
	}

	/** What became of an import: tickets created (with their ids), repeats of a known externalId, refused lines. */
	record ImportResult(int created, int duplicates, List<Created> tickets, List<Rejection> rejected) {

		/** A line that became a ticket. */
		record Created(int index, String externalId, long id) {
		}

		/** A refused line: its 0-based position, its externalId if it had one, the field and the rule it broke. */
		record Rejection(int index, String externalId, String field, String reason) {
		}
	}
}
