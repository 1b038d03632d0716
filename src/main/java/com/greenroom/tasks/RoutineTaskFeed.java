package com.greenroom.tasks;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.greenroom.schedule.CalendarFeeds;
import com.greenroom.schedule.FeedSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Puts the due times of open routine tasks in the iCalendar feeds, region-scoped in SQL. */
@Component
class RoutineTaskFeed implements FeedSource {

	/** A feed lists at most this many routine tasks, the soonest due first. */
	static final int LIMIT = 2000;

	private final JdbcClient jdbc;

	RoutineTaskFeed(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<FeedItem> items(String[] regions, CalendarFeeds.Scope scope, String scopeId, Instant since) {
		String where = switch (scope) {
			case REGION -> "t.region_code = :scopeId";
			case USER -> "t.owner_user_id = cast(:scopeId as bigint)";
			case CREATOR -> "t.creator_id = :scopeId";
		};
		return jdbc.sql("""
				select t.id, t.title, t.region_code, t.creator_id, t.due_at, t.owner_role, t.source_url, u.display_name as owner_name
				from task t left join app_user u on u.id = t.owner_user_id
				where t.source_type = any(cast(:types as text[])) and t.status = 'OPEN' and t.due_at > :since""" + " and " + where + """
				  and (cast(:regions as text[]) is null or t.region_code = any(cast(:regions as text[])))
				order by t.due_at, t.id limit :limit""")
			.param("types", TaskKind.ROUTINE.sourceTypes().toArray(String[]::new))
			.param("since", Timestamp.from(since))
			.param("scopeId", scopeId)
			.param("regions", regions)
			.param("limit", LIMIT)
			.query((rs, n) -> {
				String owner = rs.getString("owner_name") != null ? rs.getString("owner_name") : "the " + rs.getString("owner_role") + " queue";
				String creator = rs.getString("creator_id");
				return new FeedItem("task-" + rs.getLong("id") + "@greenroom", "Due: " + rs.getString("title"),
						"Routine task · " + rs.getString("region_code") + (creator == null ? "" : " · creator " + creator) + "\nOwner: " + owner,
						rs.getTimestamp("due_at").toInstant(), rs.getString("region_code"), "Routine task",
						rs.getString("source_url") != null && rs.getString("source_url").startsWith("/") ? rs.getString("source_url") : "/today");
			})
			.list();
	}
}
