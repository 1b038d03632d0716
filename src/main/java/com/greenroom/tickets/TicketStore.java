package com.greenroom.tickets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of the ticket tables; no rules here (those are in {@link Tickets}). */
@Repository
class TicketStore {

	static final String SELECT = """
			select t.*, u.display_name as assignee_name from ticket t left join app_user u on u.id = t.assignee_id""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	TicketStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	long insert(TicketRow row, String externalId, String actor) {
		return jdbc.sql("""
				insert into ticket (external_id, subject, description, creator_id, region_code, category, priority, status, assignee_id,
				  owner_role, tags, source, outcome, opened_at, first_response_at, resolved_at, status_history, created_by, updated_at)
				values (:external, :subject, :description, :creator, :region, :category, :priority, :status, :assignee, :role,
				  :tags, :source, :outcome, :opened, :frt, :resolved, cast(:history as jsonb), :actor, :now)
				returning id""")
			.param("external", externalId)
			.param("subject", row.subject())
			.param("description", row.description())
			.param("creator", row.creatorId())
			.param("region", row.region())
			.param("category", row.category())
			.param("priority", row.priority().name())
			.param("status", row.status().name())
			.param("assignee", row.assigneeId())
			.param("role", row.ownerRole())
			.param("tags", row.tags().toArray(String[]::new))
			.param("source", row.source())
			.param("outcome", row.outcome())
			.param("opened", Timestamp.from(row.openedAt()))
			.param("frt", row.firstResponseAt() == null ? null : Timestamp.from(row.firstResponseAt()))
			.param("resolved", row.resolvedAt() == null ? null : Timestamp.from(row.resolvedAt()))
			.param("history", history(row.statusHistory()))
			.param("actor", actor)
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
	}

	void save(TicketRow row) {
		jdbc.sql("""
				update ticket set subject = :subject, description = :description, category = :category, priority = :priority,
				  status = :status, assignee_id = :assignee, owner_role = :role, tags = :tags, outcome = :outcome,
				  first_response_at = :frt, resolved_at = :resolved, status_history = cast(:history as jsonb),
				  sla_version = :version, updated_at = :now
				where id = :id""")
			.param("subject", row.subject())
			.param("description", row.description())
			.param("category", row.category())
			.param("priority", row.priority().name())
			.param("status", row.status().name())
			.param("assignee", row.assigneeId())
			.param("role", row.ownerRole())
			.param("tags", row.tags().toArray(String[]::new))
			.param("outcome", row.outcome())
			.param("frt", row.firstResponseAt() == null ? null : Timestamp.from(row.firstResponseAt()))
			.param("resolved", row.resolvedAt() == null ? null : Timestamp.from(row.resolvedAt()))
			.param("history", history(row.statusHistory()))
			.param("version", row.slaVersion())
			.param("now", Timestamp.from(clock.instant()))
			.param("id", row.id())
			.update();
	}

	/** Keeps the queue columns current: the next deadline of a running clock and whether a target is missed. */
	void saveDeadline(long id, Instant dueAt, boolean breached) {
		jdbc.sql("update ticket set sla_due_at = :due, sla_breached = :breached where id = :id")
			.param("due", dueAt == null ? null : Timestamp.from(dueAt))
			.param("breached", breached)
			.param("id", id)
			.update();
	}

	Optional<TicketRow> find(long id) {
		return jdbc.sql(SELECT + " where t.id = :id").param("id", id).query(this::row).optional();
	}

	Optional<TicketRow> lock(long id) {
		return jdbc.sql(SELECT + " where t.id = :id for update of t").param("id", id).query(this::row).optional();
	}

	List<TicketRow> ofCreator(String creatorId, int limit) {
		return jdbc.sql(SELECT + " where t.creator_id = :creator order by t.id desc limit :limit")
			.param("creator", creatorId)
			.param("limit", limit)
			.query(this::row)
			.list();
	}

	List<TicketRow> openedIn(String region, Instant from, Instant to, int limit) {
		return jdbc.sql(SELECT + " where t.region_code = :region and t.opened_at >= :from and t.opened_at < :to order by t.id limit :limit")
			.param("region", region)
			.param("from", java.sql.Timestamp.from(from))
			.param("to", java.sql.Timestamp.from(to))
			.param("limit", limit)
			.query(this::row)
			.list();
	}

	Optional<Long> idOfExternal(String externalId) {
		return jdbc.sql("select id from ticket where external_id = :id").param("id", externalId).query(Long.class).optional();
	}

	void history(long ticketId, Instant at, String actor, String action, String detail) {
		jdbc.sql("insert into ticket_history (ticket_id, at, actor, action, detail) values (:id, :at, :actor, :action, :detail)")
			.param("id", ticketId)
			.param("at", Timestamp.from(at))
			.param("actor", actor)
			.param("action", action)
			.param("detail", detail == null ? "" : detail)
			.update();
	}

	List<TicketHistoryEntry> historyOf(long ticketId) {
		return jdbc.sql("select at, actor, action, detail from ticket_history where ticket_id = :id order by id")
			.param("id", ticketId)
			.query((rs, n) -> new TicketHistoryEntry(rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("action"),
					rs.getString("detail")))
			.list();
	}

	TicketComment comment(long ticketId, CommentKind kind, String body, Long authorId, String author, Instant at) {
		long id = jdbc.sql("""
				insert into ticket_comment (ticket_id, kind, body, author_id, author, created_at)
				values (:ticket, :kind, :body, :authorId, :author, :at) returning id""")
			.param("ticket", ticketId)
			.param("kind", kind.name())
			.param("body", body)
			.param("authorId", authorId)
			.param("author", author)
			.param("at", Timestamp.from(at))
			.query(Long.class)
			.single();
		return new TicketComment(id, kind, body, author, at);
	}

	List<TicketComment> commentsOf(long ticketId) {
		return jdbc.sql("select id, kind, body, author, created_at from ticket_comment where ticket_id = :id order by id")
			.param("id", ticketId)
			.query((rs, n) -> new TicketComment(rs.getLong("id"), CommentKind.valueOf(rs.getString("kind")), rs.getString("body"),
					rs.getString("author"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	List<Long> linksOf(long ticketId) {
		return jdbc.sql("select linked_id from ticket_link where ticket_id = :id order by linked_id")
			.param("id", ticketId)
			.query(Long.class)
			.list();
	}

	boolean link(long a, long b) {
		int added = jdbc.sql("insert into ticket_link (ticket_id, linked_id) values (:a, :b), (:b, :a) on conflict do nothing")
			.param("a", a)
			.param("b", b)
			.update();
		return added > 0;
	}

	boolean unlink(long a, long b) {
		return jdbc.sql("delete from ticket_link where (ticket_id = :a and linked_id = :b) or (ticket_id = :b and linked_id = :a)")
			.param("a", a)
			.param("b", b)
			.update() > 0;
	}

	/** Open tickets of the given priorities, locked one by one by the caller. */
	List<Long> activeIdsOf(List<Priority> priorities) {
		return jdbc.sql("select id from ticket where status not in ('RESOLVED', 'CLOSED') and priority in (:priorities) order by id")
			.param("priorities", priorities.stream().map(Priority::name).toList())
			.query(Long.class)
			.list();
	}

	String history(List<StatusChange> changes) {
		ArrayNode array = json.createArrayNode();
		for (StatusChange change : changes) {
			array.addObject().put("status", change.status().name()).put("at", change.at().toString());
		}
		return json.writeValueAsString(array);
	}

	TicketRow row(ResultSet rs, int n) throws SQLException {
		List<StatusChange> history = new ArrayList<>();
		for (JsonNode node : json.readTree(rs.getString("status_history"))) {
			history.add(new StatusChange(TicketStatus.valueOf(node.get("status").asString()), Instant.parse(node.get("at").asString())));
		}
		long assignee = rs.getLong("assignee_id");
		Long assigneeId = rs.wasNull() ? null : assignee;
		Timestamp frt = rs.getTimestamp("first_response_at");
		Timestamp resolved = rs.getTimestamp("resolved_at");
		return new TicketRow(rs.getLong("id"), rs.getString("external_id"), rs.getString("subject"), rs.getString("description"),
				rs.getString("creator_id"), rs.getString("region_code"), rs.getString("category"), Priority.valueOf(rs.getString("priority")),
				TicketStatus.valueOf(rs.getString("status")), assigneeId, rs.getString("assignee_name"), rs.getString("owner_role"),
				Arrays.asList((String[]) rs.getArray("tags").getArray()), rs.getString("source"), rs.getString("outcome"),
				rs.getTimestamp("opened_at").toInstant(), frt == null ? null : frt.toInstant(), resolved == null ? null : resolved.toInstant(),
				List.copyOf(history), rs.getInt("sla_version"), rs.getTimestamp("updated_at").toInstant());
	}
}
