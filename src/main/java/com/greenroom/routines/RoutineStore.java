package com.greenroom.routines;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.greenroom.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Loads and saves routines (the owner's name joined in); the callers audit. */
@Repository
class RoutineStore {

	private static final String SELECT = """
			select r.*, u.display_name as owner_name from routine r left join app_user u on u.id = r.owner_user_id
			""";

	private final JdbcClient jdbc;

	RoutineStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Routine> find(long id) {
		return jdbc.sql(SELECT + " where r.id = :id").param("id", id).query(RoutineStore::map).optional();
	}

	/** The routine, its row locked for the rest of the transaction (generation and edits serialize on it). */
	Optional<Routine> lock(long id) {
		if (jdbc.sql("select id from routine where id = :id for update").param("id", id).query(Long.class).optional().isEmpty()) {
			return Optional.empty();
		}
		return find(id);
	}

	/** Routines of the given regions and every-region ones (null: all), by title. */
	List<Routine> list(String[] regions, String region, Boolean paused) {
		StringBuilder where = new StringBuilder(" where true");
		Map<String, Object> params = new HashMap<>();
		if (regions != null) {
			where.append(" and (r.region_code is null or r.region_code = any(cast(:regions as text[])))");
			params.put("regions", regions);
		}
		if (region != null) {
			where.append(" and (r.region_code is null or r.region_code = :region)");
			params.put("region", region);
		}
		if (paused != null) {
			where.append(" and r.paused = :paused");
			params.put("paused", paused);
		}
		return jdbc.sql(SELECT + where + " order by r.region_code nulls first, r.due_time, lower(r.title), r.id")
			.params(params)
			.query(RoutineStore::map)
			.list();
	}

	/** Ids of routines that run but have no generation timer (seeded, or their last stretch was generated). */
	List<Long> unscheduled() {
		return jdbc.sql("select id from routine where not paused and timer_key is null order by id").query(Long.class).list();
	}

	long insert(Routine r, Instant now) {
		return jdbc.sql("""
				insert into routine (title, guidance, region_code, owner_role, owner_user_id, rrule, exdates, due_time, starts_on,
				                     horizon_days, view_key, checklist, non_working_day, created_by, created_at, updated_at)
				values (:title, :guidance, :region, :role, :owner, :rrule, cast(:exdates as date[]), :dueTime, :startsOn, :horizon, :view,
				        cast(:checklist as text[]), :nonWorkingDay, :by, :now, :now)
				returning id""").params(params(r)).param("by", r.createdBy()).param("now", Timestamp.from(now)).query(Long.class).single();
	}

	void update(Routine r, Instant now) {
		jdbc.sql("""
				update routine set title = :title, guidance = :guidance, region_code = :region, owner_role = :role, owner_user_id = :owner,
				       rrule = :rrule, exdates = cast(:exdates as date[]), due_time = :dueTime, starts_on = :startsOn,
				       horizon_days = :horizon, view_key = :view, checklist = cast(:checklist as text[]),
				       non_working_day = :nonWorkingDay, paused = :paused, revision = :revision, generated_until = :generatedUntil,
				       updated_at = :now
				where id = :id""")
			.params(params(r))
			.param("id", r.id())
			.param("paused", r.paused())
			.param("revision", r.revision())
			.param("generatedUntil", r.generatedUntil() == null ? null : Timestamp.from(r.generatedUntil()))
			.param("now", Timestamp.from(now))
			.update();
	}

	void generated(long id, Instant until, String timerKey) {
		jdbc.sql("update routine set generated_until = :until, timer_key = :key where id = :id")
			.param("until", until == null ? null : Timestamp.from(until))
			.param("key", timerKey)
			.param("id", id)
			.update();
	}

	private static Map<String, Object> params(Routine r) {
		Map<String, Object> params = new HashMap<>();
		params.put("title", r.title());
		params.put("guidance", r.guidance() == null ? "" : r.guidance());
		params.put("region", r.region());
		params.put("role", r.ownerRole().name());
		params.put("owner", r.ownerUserId());
		params.put("rrule", r.rrule());
		params.put("exdates", r.exdates().stream().map(java.sql.Date::valueOf).toArray(java.sql.Date[]::new));
		params.put("dueTime", LocalTime.parse(r.dueTime()));
		params.put("startsOn", r.startsOn());
		params.put("horizon", r.horizonDays());
		params.put("view", r.view().name());
		params.put("checklist", r.checklist().toArray(String[]::new));
		params.put("nonWorkingDay", r.onNonWorkingDay().name());
		return params;
	}

	private static Routine map(ResultSet rs, int row) throws SQLException {
		Timestamp generated = rs.getTimestamp("generated_until");
		long owner = rs.getLong("owner_user_id");
		Long ownerId = rs.wasNull() ? null : owner;
		int horizon = rs.getInt("horizon_days");
		Integer horizonDays = rs.wasNull() ? null : horizon;
		return new Routine(rs.getLong("id"), rs.getString("title"), rs.getString("guidance"), rs.getString("region_code"),
				Role.valueOf(rs.getString("owner_role")), ownerId, rs.getString("owner_name"), rs.getString("rrule"), dates(rs.getArray("exdates")),
				rs.getObject("due_time", LocalTime.class).toString(), rs.getObject("starts_on", LocalDate.class), horizonDays,
				RoutineView.valueOf(rs.getString("view_key")), texts(rs.getArray("checklist")),
				NonWorkingDay.valueOf(rs.getString("non_working_day")), rs.getBoolean("paused"), rs.getInt("revision"),
				generated == null ? null : generated.toInstant(), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	private static List<LocalDate> dates(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return Arrays.stream((Object[]) array.getArray()).map(d -> ((java.sql.Date) d).toLocalDate()).sorted().toList();
	}

	private static List<String> texts(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.stream((String[]) array.getArray()).toList();
	}
}
