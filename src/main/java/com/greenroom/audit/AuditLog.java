package com.greenroom.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.system.Checks;
import com.greenroom.system.Cursor;
import com.greenroom.system.PageOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Writes and reads the audit log. Writing joins the caller's transaction, so a change and its audit
 * entry commit or roll back together.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** Records a change by the signed-in actor (or {@code system} when none). */
	public void record(String entityType, Object entityId, String action, String regionCode, Object before, Object after) {
		recordAs(currentActor(), entityType, entityId, action, regionCode, before, after);
	}

	/** Records a change made on behalf of a named actor that is not a signed-in user, such as {@code platform}. */
	public void recordAs(String actor, String entityType, Object entityId, String action, String regionCode, Object before,
			Object after) {
		jdbc.sql("""
				insert into audit_log (occurred_at, actor, entity_type, entity_id, action, region_code, before, after)
				values (:at, :actor, :type, :id, :action, :region, cast(:before as jsonb), cast(:after as jsonb))""")
			.param("at", java.sql.Timestamp.from(clock.instant()))
			.param("actor", actor)
			.param("type", entityType)
			.param("id", String.valueOf(entityId))
			.param("action", action)
			.param("region", regionCode)
			.param("before", before == null ? null : json.writeValueAsString(before))
			.param("after", after == null ? null : json.writeValueAsString(after))
			.update();
	}

	/** One change to record with {@link #recordAll}: the arguments of {@link #record}. */
	public record Change(String entityType, Object entityId, String action, String regionCode, Object before, Object after) {
	}

	/** {@link #record} for several changes by the signed-in actor (or {@code system}), in one statement. */
	public void recordAll(List<Change> changes) {
		if (changes.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into audit_log (occurred_at, actor, entity_type, entity_id, action, region_code, before, after)
				select :at, :actor, c.entity_type, c.entity_id, c.action, c.region_code, cast(c.before as jsonb), cast(c.after as jsonb)
				from unnest(cast(:types as text[]), cast(:ids as text[]), cast(:actions as text[]), cast(:regions as text[]),
				            cast(:befores as text[]), cast(:afters as text[])) with ordinality
				     as c (entity_type, entity_id, action, region_code, before, after, n)
				order by c.n""")
			.param("at", java.sql.Timestamp.from(clock.instant()))
			.param("actor", currentActor())
			.param("types", changes.stream().map(Change::entityType).toArray(String[]::new))
			.param("ids", changes.stream().map(c -> String.valueOf(c.entityId())).toArray(String[]::new))
			.param("actions", changes.stream().map(Change::action).toArray(String[]::new))
			.param("regions", changes.stream().map(Change::regionCode).toArray(String[]::new))
			.param("befores", changes.stream().map(c -> c.before() == null ? null : json.writeValueAsString(c.before())).toArray(String[]::new))
			.param("afters", changes.stream().map(c -> c.after() == null ? null : json.writeValueAsString(c.after())).toArray(String[]::new))
			.update();
	}

	/** Newest first, filtered by any of entity type, entity id and actor. */
	public PageOf<AuditEntry> search(AuditQuery query, String cursor, int limit) {
		var where = new ArrayList<String>();
		var sql = new StringBuilder("""
				select id, occurred_at, actor, entity_type, entity_id, action, region_code, before::text as before, after::text as after
				from audit_log""");
		var params = new java.util.HashMap<String, Object>();
		if (query.entityType() != null) {
			where.add("entity_type = :type");
			params.put("type", query.entityType());
		}
		if (query.entityId() != null) {
			where.add("entity_id = :entityId");
			params.put("entityId", query.entityId());
		}
		if (query.actor() != null) {
			where.add("actor = :actor");
			params.put("actor", query.actor());
		}
		Cursor.parse(cursor).ifPresent(c -> {
			where.add("id < :after");
			params.put("after", c.id());
		});
		if (!where.isEmpty()) {
			sql.append(" where ").append(String.join(" and ", where));
		}
		sql.append(" order by id desc limit :limit");
		params.put("limit", limit + 1);
		List<AuditEntry> rows = jdbc.sql(sql.toString())
			.params(params)
			.query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
					rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("action"), rs.getString("region_code"),
					json(rs.getString("before")), json(rs.getString("after"))))
			.list();
		return PageOf.fromOverfetch(rows, limit, e -> new Cursor("", e.id()));
	}

	/** The entity types the log holds, in order: a loose scan of the entity index, so it stays fast on a long log. */
	public List<String> entityTypes() {
		return jdbc.sql("""
				with recursive types(entity_type) as (
				    (select entity_type from audit_log order by entity_type limit 1)
				    union all
				    select (select a.entity_type from audit_log a where a.entity_type > t.entity_type order by a.entity_type limit 1)
				    from types t where t.entity_type is not null)
				select entity_type from types where entity_type is not null""").query(String.class).list();
	}

	private JsonNode json(String text) {
		return text == null ? null : json.readTree(text);
	}

	private static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() ? "system" : authentication.getName();
	}

	/** Filters for {@link #search}; null or blank means any. */
	public record AuditQuery(String entityType, String entityId, String actor) {

		public AuditQuery {
			entityType = Checks.blankToNull(entityType);
			entityId = Checks.blankToNull(entityId);
			actor = Checks.blankToNull(actor);
		}
	}
}
