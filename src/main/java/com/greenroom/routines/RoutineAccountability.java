package com.greenroom.routines;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the accountability of one ISO week, and each owner's streak over the 52 weeks before it, from the
 * routine occurrences (their original due time) and their tasks, in SQL scoped to the viewer's regions.
 */
final class RoutineAccountability {

	static final int STREAK_WEEKS = 52;

	private RoutineAccountability() {
	}

	static Accountability of(JdbcClient jdbc, Viewer viewer, String region, LocalDate weekStart, Instant now) {
		LocalDate from = weekStart.minusWeeks(STREAK_WEEKS);
		LocalDate to = weekStart.plusWeeks(1);
		StringBuilder sql = new StringBuilder("""
				select o.region_code, o.local_at, o.due_at, t.status, t.completed_at, t.owner_user_id, t.owner_role, u.display_name
				from routine_occurrence o
				join task t on t.id = o.task_id
				left join app_user u on u.id = t.owner_user_id
				where o.local_at >= :from and o.local_at < :to""");
		Map<String, Object> params = new HashMap<>();
		params.put("from", from.atStartOfDay());
		params.put("to", to.atStartOfDay());
		if (viewer.regionFilter() != null) {
			sql.append(" and o.region_code = any(cast(:regions as text[]))");
			params.put("regions", viewer.regionFilter());
		}
		if (region != null) {
			sql.append(" and o.region_code = :region");
			params.put("region", region);
		}
		// per owner: the week's tallies, week 0 = the asked week, 1 = the week before, ...
		Map<String, Map<Integer, int[]>> tallies = new LinkedHashMap<>();
		Map<String, Accountability.Row> owners = new HashMap<>();
		jdbc.sql(sql.toString()).params(params).query(rs -> {
			String regionCode = rs.getString("region_code");
			long ownerId = rs.getLong("owner_user_id");
			Long owner = rs.wasNull() ? null : ownerId;
			String role = rs.getString("owner_role");
			String key = regionCode + "|" + (owner != null ? "u" + owner : "r" + role);
			String name = owner != null ? rs.getString("display_name") : "Unclaimed · " + Role.valueOf(role).label();
			owners.computeIfAbsent(key, k -> new Accountability.Row(regionCode, owner, owner == null ? role : null, name, 0, 0, 0, 0, 0, 0));
			LocalDate day = rs.getObject("local_at", java.time.LocalDateTime.class).toLocalDate();
			LocalDate monday = day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
			int weeksBack = (int) ChronoUnit.WEEKS.between(monday, weekStart);
			int[] tally = tallies.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(weeksBack, w -> new int[5]);
			Instant due = rs.getTimestamp("due_at").toInstant();
			Timestamp completed = rs.getTimestamp("completed_at");
			switch (rs.getString("status")) {
				case "DONE" -> tally[completed != null && !completed.toInstant().isAfter(due) ? 0 : 1]++;
				case "SKIPPED" -> tally[3]++;
				default -> tally[due.isBefore(now) ? 2 : 4]++;
			}
		});
		List<Accountability.Row> rows = new ArrayList<>();
		tallies.forEach((key, weeks) -> {
			int[] week = weeks.get(0);
			if (week == null) {
				return;
			}
			int streak = 0;
			for (int back = 0; back <= STREAK_WEEKS; back++) {
				int[] tally = weeks.get(back);
				if (tally == null || tally[0] + tally[1] + tally[2] == 0) {
					continue;
				}
				if (tally[1] > 0 || tally[2] > 0) {
					break;
				}
				streak++;
			}
			Accountability.Row owner = owners.get(key);
			rows.add(new Accountability.Row(owner.region(), owner.ownerUserId(), owner.ownerRole(), owner.owner(), week[0], week[1], week[2],
					week[3], week[4], streak));
		});
		rows.sort(Comparator.comparing(Accountability.Row::region)
			.thenComparing(r -> r.ownerUserId() == null)
			.thenComparing(Accountability.Row::owner, Comparator.nullsLast(Comparator.naturalOrder())));
		return new Accountability(Routines.isoWeek(weekStart), weekStart, rows);
	}
}
