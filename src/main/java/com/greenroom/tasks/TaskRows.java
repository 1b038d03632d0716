package com.greenroom.tasks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import com.greenroom.identity.Role;
import org.springframework.jdbc.core.RowMapper;

/**
 * How a task row is read: the task with its owner's and resolver's names joined in, so no query loads the
 * user table to label its rows; the creator's handle is on the task row (V304, kept by {@link TaskHandles}).
 */
final class TaskRows {

	private static final String COLUMNS = """
			select t.id, t.title, t.source_type, t.source_id, t.source_url, t.creator_id, t.creator_handle, t.region_code,
			       t.owner_user_id, o.display_name as owner_name, t.owner_role, t.due_at, t.status, t.skip_reason, t.completion_note,
			       t.completed_by, cb.display_name as completed_by_name, t.completed_at, t.reschedule_reason, t.created_by, t.created_at,
			       t.updated_at
			""";

	private static final String JOINS = """
			left join app_user o on o.id = t.owner_user_id
			left join app_user cb on cb.id = t.completed_by
			""";

	static final String SELECT = COLUMNS + "from task t\n" + JOINS;

	/**
	 * A page of tasks with the same columns as {@link #SELECT}: the page's tasks chosen and ordered on the task table alone
	 * ({@code where}, {@code order} and {@code limit} over {@code t}, not referring to the joined tables), then only those rows
	 * joined to their owner's and resolver's names. Joined before the limit, PostgreSQL could hash the whole
	 * roster (100,000 creators) to label a page of 51 tasks when it expected many matches (a generic plan).
	 */
	static String page(String where, String order, String limit) {
		return page("task t", where, order, limit);
	}

	/** As above, the rows chosen from {@code from} (the task table, or a common table expression of task rows, as {@code t}). */
	static String page(String from, String where, String order, String limit) {
		return COLUMNS + "from (select t.* from " + from + where + " order by " + order + " " + limit + ") t\n" + JOINS + " order by " + order;
	}

	private TaskRows() {
	}

	static RowMapper<Task> mapper(Instant now) {
		return (rs, n) -> map(rs, now);
	}

	private static Task map(ResultSet rs, Instant now) throws SQLException {
		Long completedBy = longOrNull(rs, "completed_by");
		Timestamp completedAt = rs.getTimestamp("completed_at");
		Instant due = rs.getTimestamp("due_at").toInstant();
		TaskStatus status = TaskStatus.valueOf(rs.getString("status"));
		String role = rs.getString("owner_role");
		return new Task(rs.getLong("id"), rs.getString("title"),
				new TaskSource(rs.getString("source_type"), rs.getString("source_id"), rs.getString("source_url")), rs.getString("creator_id"),
				rs.getString("creator_handle"), rs.getString("region_code"), longOrNull(rs, "owner_user_id"), rs.getString("owner_name"),
				role == null ? null : Role.valueOf(role), due, status, rs.getString("skip_reason"), rs.getString("completion_note"), completedBy,
				rs.getString("completed_by_name"), completedAt == null ? null : completedAt.toInstant(), rs.getString("reschedule_reason"),
				status == TaskStatus.OPEN && due.isBefore(now), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	static Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
