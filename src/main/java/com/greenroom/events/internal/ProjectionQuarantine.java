package com.greenroom.events.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.greenroom.events.PlatformEvent;
import com.greenroom.system.Cursor;
import com.greenroom.system.PageOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table of quarantined events ({@code projection_quarantine}): one row per projection and event. */
@Repository
public class ProjectionQuarantine {

	/** Errors are kept readable, not whole stack traces. */
	static final int MAX_ERROR = 2_000;

	private static final String COLUMNS = """
			select id, projection, event_seq, event_id, event_type, creator_id, occurred_at, error, first_failed_at, last_failed_at, attempts
			from projection_quarantine""";

	private final JdbcClient jdbc;

	private final Clock clock;

	ProjectionQuarantine(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records a failure of the event in the projection: a new entry, or one more attempt of an existing one. */
	QuarantinedEvent recordFailure(String projection, PlatformEvent event, Throwable error) {
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc
			.sql("""
					insert into projection_quarantine (projection, event_seq, event_id, event_type, creator_id, occurred_at, error,
					                                   first_failed_at, last_failed_at, attempts)
					values (:projection, :seq, :eventId, :type, :creatorId, :occurredAt, :error, :now, :now, 1)
					on conflict (projection, event_seq) do update
					   set error = excluded.error, last_failed_at = excluded.last_failed_at,
					       attempts = projection_quarantine.attempts + 1
					returning id, projection, event_seq, event_id, event_type, creator_id, occurred_at, error, first_failed_at, last_failed_at, attempts""")
			.param("projection", projection)
			.param("seq", event.seq())
			.param("eventId", event.id())
			.param("type", event.type().wireName())
			.param("creatorId", event.creatorId())
			.param("occurredAt", Timestamp.from(event.occurredAt()))
			.param("error", describe(error))
			.param("now", now)
			.query(ProjectionQuarantine::map)
			.single();
	}

	Optional<QuarantinedEvent> find(long id) {
		return jdbc.sql(COLUMNS + " where id = :id").param("id", id).query(ProjectionQuarantine::map).optional();
	}

	/** Oldest first (by id), keyset-paged. */
	public PageOf<QuarantinedEvent> page(String cursor, int limit) {
		long after = Cursor.parse(cursor).map(Cursor::id).orElse(0L);
		List<QuarantinedEvent> rows = jdbc.sql(COLUMNS + " where id > :after order by id limit :limit")
			.param("after", after)
			.param("limit", limit + 1)
			.query(ProjectionQuarantine::map)
			.list();
		return PageOf.fromOverfetch(rows, limit, q -> new Cursor("", q.id()));
	}

	List<Long> allIds() {
		return jdbc.sql("select id from projection_quarantine order by id").query(Long.class).list();
	}

	public long count() {
		return jdbc.sql("select count(*) from projection_quarantine").query(Long.class).single();
	}

	void remove(long id) {
		jdbc.sql("delete from projection_quarantine where id = :id").param("id", id).update();
	}

	/** Before a rebuild: the replay applies or quarantines each event again. */
	void clear(String projection) {
		jdbc.sql("delete from projection_quarantine where projection = :p").param("p", projection).update();
	}

	/**
	 * What an admin needs to find the cause: the error's class and the message of its root cause (for a
	 * database error PostgreSQL's own words, not the whole statement), cut to {@link #MAX_ERROR} characters.
	 */
	static String describe(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = error.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage()).strip();
		return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
	}

	private static QuarantinedEvent map(ResultSet rs, int row) throws SQLException {
		return new QuarantinedEvent(rs.getLong("id"), rs.getString("projection"), rs.getLong("event_seq"), rs.getString("event_id"),
				rs.getString("event_type"), rs.getString("creator_id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("error"),
				rs.getTimestamp("first_failed_at").toInstant(), rs.getTimestamp("last_failed_at").toInstant(), rs.getInt("attempts"));
	}
}
