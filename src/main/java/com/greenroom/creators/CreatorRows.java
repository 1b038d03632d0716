package com.greenroom.creators;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import com.greenroom.identity.Viewer;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How a creator row is read, with its manager's name joined in (only the managers of the rows read,
 * never the whole user table). {@code creator}'s {@code manager_id} references {@code app_user} by
 * foreign key already, so the join adds no new coupling.
 */
@Component
class CreatorRows {

	static final String COLUMNS = """
			c.id, c.creator_id, c.handle, c.country, c.region_code, c.language, c.time_zone, c.manager_id, m.display_name as manager_name,
			c.status, c.registered_at, c.notes, c.created_at, c.updated_at, c.email, c.comms_opt_out""";

	static final String FROM = " from creator c left join app_user m on m.id = c.manager_id ";

	static final String SELECT = "select " + COLUMNS + FROM;

	private final JdbcClient jdbc;

	CreatorRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The creator with this platform id, if the viewer may see it; otherwise 404. */
	Creator get(Viewer viewer, String creatorId) {
		return jdbc.sql(SELECT + """
				where c.creator_id = :id and (cast(:regions as text[]) is null or c.region_code = any(cast(:regions as text[])))""")
			.param("id", creatorId)
			.param("regions", viewer.regionFilter())
			.query(CreatorRows::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("Creator", creatorId));
	}

	Optional<Creator> find(String creatorId) {
		return jdbc.sql(SELECT + " where c.creator_id = :id").param("id", creatorId).query(CreatorRows::map).optional();
	}

	/** The creators with these platform ids (those on the roster), in one query. */
	List<Creator> findAll(java.util.Collection<String> creatorIds) {
		return jdbc.sql(SELECT + " where c.creator_id = any(:ids)").param("ids", creatorIds.toArray(String[]::new)).query(CreatorRows::map).list();
	}

	static Creator map(ResultSet rs, int row) throws SQLException {
		long managerId = rs.getLong("manager_id");
		Long manager = rs.wasNull() ? null : managerId;
		Timestamp registered = rs.getTimestamp("registered_at");
		return new Creator(rs.getLong("id"), rs.getString("creator_id"), rs.getString("handle"), rs.getString("country"),
				rs.getString("region_code"), rs.getString("language"), rs.getString("time_zone"), manager,
				manager == null ? null : rs.getString("manager_name"), CreatorStatus.valueOf(rs.getString("status")),
				registered == null ? null : registered.toInstant(), rs.getString("notes"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), rs.getString("email"), rs.getBoolean("comms_opt_out"));
	}
}
