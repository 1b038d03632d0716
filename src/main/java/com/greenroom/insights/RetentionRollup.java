package com.greenroom.insights;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.greenroom.activity.ActivityRecomputed;
import com.greenroom.activity.ActivityReset;
import com.greenroom.creators.CreatorManagerChanged;
import com.greenroom.creators.CreatorRegistered;
import com.greenroom.creators.CreatorsRegistered;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the retention rollups: each activity recomputation refreshes the touched creators' cohort day and
 * active day numbers in the same transaction and marks the cohort days of the rows that changed dirty; {@link #refresh()} then
 * rebuilds the segment cube of each dirty cohort day (about one day's registrations at a time). A change of
 * manager or a registration marks the creator's cohort day dirty too.
 */
@Component
class RetentionRollup {

	/** The advisory lock space of cohort days being rebuilt (the second key is the day's epoch day). */
	static final int DAY_LOCKS = 0x72657465; // "rete"

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	RetentionRollup(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@EventListener
	void on(ActivityRecomputed recomputed) {
		creatorsChanged(recomputed.days(), recomputed.rezoned());
	}

	@EventListener
	void on(ActivityReset reset) {
		jdbc.sql("delete from retention_creator").update();
		jdbc.sql("delete from retention_cube").update();
		jdbc.sql("delete from retention_dirty").update();
	}

	@EventListener
	void on(CreatorManagerChanged changed) {
		markDirty(new String[] { changed.creatorId() });
	}

	@ApplicationModuleListener
	void on(CreatorRegistered registered) {
		markDirty(new String[] { registered.creatorId() });
	}

	@ApplicationModuleListener
	void on(CreatorsRegistered batch) {
		markDirty(batch.registered().stream().map(CreatorRegistered::creatorId).toArray(String[]::new));
	}

	/**
	 * Brings the creators' retention rows up to date with their recomputed days and marks the cohort days of
	 * the rows that changed dirty. A creator whose row keeps its cohort day and time zone (not rezoned, same
	 * registration) has only the touched days' offsets replaced, from those days' rows: a batch reads a few
	 * creator days per creator, not every active day since registration (a year of days cost 1.2 ms and
	 * 237 buffers per creator; docs/benchmarks.md, "Queries against a year of partitions"), and a batch that
	 * leaves a creator's active days as they were marks nothing dirty (the cube of that cohort is unchanged).
	 * The others are recomputed from all their days.
	 */
	@Transactional
	void creatorsChanged(Map<String, Set<LocalDate>> touched, Set<String> rezoned) {
		if (touched.isEmpty()) {
			return;
		}
		Set<String> full = new HashSet<>(touched.keySet());
		List<String> c = new ArrayList<>();
		List<Date> d = new ArrayList<>();
		// rows whose cohort day and zone still hold: only their touched days change
		jdbc.sql("""
				select r.creator_id from retention_creator r join activity_creator a on a.creator_id = r.creator_id
				where r.creator_id = any(:ids) and a.registration_at is not null and r.time_zone = a.time_zone
				  and r.cohort_day = (a.registration_at at time zone a.time_zone)::date""")
			.param("ids", touched.keySet().toArray(String[]::new))
			.query(String.class)
			.list()
			.stream()
			.filter(id -> !rezoned.contains(id))
			.forEach(id -> {
				full.remove(id);
				touched.get(id).forEach(day -> {
					c.add(id);
					d.add(Date.valueOf(day));
				});
			});
		if (!c.isEmpty()) {
			// each touched day's offset, active or not, before (in the stored array) and now (from the day's row): a
			// creator whose touched days kept their state keeps its row; the others get the untouched offsets plus
			// the touched days active now, in order
			List<LocalDate> changed = jdbc.sql("""
					with t as (select creator_id, array_agg(day) as days
					           from unnest(cast(:c as text[]), cast(:d as date[])) as t(creator_id, day) group by creator_id),
					n as materialized (
					  select r.creator_id, r.cohort_day, r.active_offsets, t.days,
					         array(select x.day - r.cohort_day from activity_creator_day x
					               where x.creator_id = r.creator_id and x.day = any(t.days) and x.active and x.day >= r.cohort_day
					               order by 1) as active_now,
					         array(select d - r.cohort_day from unnest(t.days) as d where d - r.cohort_day = any(r.active_offsets)
					               order by 1) as active_before
					  from retention_creator r join t on t.creator_id = r.creator_id),
					c as materialized (
					  select n.creator_id, array(select o from unnest(n.active_offsets) as o where not (n.cohort_day + o = any(n.days))
					                             union all
					                             select unnest(n.active_now)
					                             order by 1) as offsets
					  from n where n.active_now <> n.active_before)
					update retention_creator r set active_offsets = c.offsets, last_offset = c.offsets[cardinality(c.offsets)]
					from c where r.creator_id = c.creator_id
					returning r.cohort_day""")
				.param("c", c.toArray(String[]::new))
				.param("d", d.toArray(Date[]::new))
				.query(LocalDate.class)
				.list();
			if (!changed.isEmpty()) {
				jdbc.sql("insert into retention_dirty (cohort_day) select distinct x from unnest(cast(:days as date[])) as x")
					.param("days", changed.stream().distinct().map(Date::valueOf).toArray(Date[]::new))
					.update();
			}
		}
		if (!full.isEmpty()) {
			recompute(full.toArray(String[]::new));
		}
	}

	/** Recomputes the creators' retention rows from all their activity and marks old and new cohort days dirty. */
	private void recompute(String[] creatorIds) {
		markDirty(creatorIds);
		jdbc.sql("delete from retention_creator r where r.creator_id = any(:ids)").param("ids", creatorIds).update();
		jdbc.sql("""
				insert into retention_creator (creator_id, cohort_day, time_zone, active_offsets, last_offset)
				select a.creator_id, c.cohort_day, a.time_zone,
				       coalesce(array(select d.day - c.cohort_day from activity_creator_day d
				                      where d.creator_id = a.creator_id and d.active and d.day >= c.cohort_day
				                      order by d.day), '{}'),
				       (select max(d.day) - c.cohort_day from activity_creator_day d
				        where d.creator_id = a.creator_id and d.active and d.day >= c.cohort_day)
				from activity_creator a
				cross join lateral (select (a.registration_at at time zone a.time_zone)::date as cohort_day) c
				where a.creator_id = any(:ids) and a.registration_at is not null""")
			.param("ids", creatorIds)
			.update();
		markDirty(creatorIds);
	}

	/** Queues the creators' cohort days (a queue, not a set: no insert waits for another transaction marking the same day). */
	private void markDirty(String[] creatorIds) {
		jdbc.sql("""
				insert into retention_dirty (cohort_day)
				select distinct cohort_day from retention_creator where creator_id = any(:ids)""").param("ids", creatorIds).update();
	}

	/** Marks every cohort day dirty (a periodic sweep catches attribute edits that publish no event). */
	@Transactional
	int markAllDirty() {
		return jdbc.sql("insert into retention_dirty (cohort_day) select distinct cohort_day from retention_creator").update();
	}

	/**
	 * Rebuilds the cube of every cohort day dirty when the round began, one day per transaction; returns how many
	 * days. Days marked during the round wait for the next one: under live traffic they are marked again within
	 * seconds, and a round that took them too never ended (the same cohorts rebuilt back to back).
	 */
	int refresh() {
		Long upTo = jdbc.sql("select max(id) from retention_dirty").query(Long.class).optional().orElse(null);
		if (upTo == null) {
			return 0;
		}
		int days = 0;
		while (Boolean.TRUE.equals(transaction.execute(status -> refreshOneDay(upTo)))) {
			days++;
		}
		return days;
	}

	/**
	 * Rebuilds the cube of the oldest day queued up to {@code upTo} and removes every queued row of that day (a row added by a
	 * transaction still open is not seen, stays, and brings the day back next round). A day is rebuilt by one
	 * node at a time (an advisory lock per day); a node that finds it taken ends its round.
	 */
	private boolean refreshOneDay(long upTo) {
		LocalDate day = jdbc.sql("select cohort_day from retention_dirty where id <= :upTo order by id limit 1 for update skip locked")
			.param("upTo", upTo)
			.query(LocalDate.class)
			.optional()
			.orElse(null);
		if (day == null) {
			return false;
		}
		boolean mine = Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:space, :day)")
			.param("space", DAY_LOCKS)
			.param("day", (int) day.toEpochDay())
			.query(Boolean.class)
			.single());
		if (!mine) {
			return false;
		}
		jdbc.sql("delete from retention_dirty where cohort_day = :day").param("day", day).update();
		jdbc.sql("delete from retention_cube where cohort_day = :day").param("day", day).update();
		Map<Segment, Cell> cube = new HashMap<>();
		jdbc.sql("""
				select r.time_zone, c.region_code, c.country, c.manager_id, o.template_id, v.version,
				       (select h.tier from creator_tier_history h where h.creator_id = r.creator_id
				        order by h.valid_from, h.id limit 1) as tier,
				       r.active_offsets, r.last_offset
				from retention_creator r
				left join creator c on c.creator_id = r.creator_id
				left join onboarding_checklist o on o.creator_id = r.creator_id
				left join onboarding_template_version v on v.id = o.version_id
				where r.cohort_day = :day""").param("day", day).query((ResultSet rs) -> {
			Segment segment = new Segment(rs.getString(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
					(Long) rs.getObject(5), (Integer) rs.getObject(6), rs.getString(7));
			cube.computeIfAbsent(segment, s -> new Cell()).add(offsets(rs.getArray(8)), (Integer) rs.getObject(9));
		});
		for (Map.Entry<Segment, Cell> entry : cube.entrySet()) {
			Segment s = entry.getKey();
			Cell cell = entry.getValue();
			jdbc.sql("""
					insert into retention_cube (cohort_day, time_zone, region_code, country, manager_id, template_id,
					                            template_version, tier, size, active, survived)
					values (:day, :zone, :region, :country, :manager, :template, :version, :tier, :size, :active, :survived)""")
				.param("day", Date.valueOf(day))
				.param("zone", s.timeZone())
				.param("region", s.region())
				.param("country", s.country())
				.param("manager", s.managerId())
				.param("template", s.templateId())
				.param("version", s.version())
				.param("tier", s.tier())
				.param("size", cell.size)
				.param("active", cell.active())
				.param("survived", cell.survived())
				.update();
		}
		return true;
	}

	private static int[] offsets(Array array) throws SQLException {
		Integer[] values = (Integer[]) array.getArray();
		int[] offsets = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			offsets[i] = values[i];
		}
		return offsets;
	}

	record Segment(String timeZone, String region, String country, Long managerId, Long templateId, Integer version, String tier) {
	}

	/** One segment's counts: size, and per day number the active and surviving (active then or later) creators. */
	static final class Cell {

		int size;

		int[] active = new int[0];

		int[] survived = new int[0];

		void add(int[] offsets, Integer lastOffset) {
			size++;
			int length = lastOffset == null ? 0 : lastOffset + 1;
			if (length > active.length) {
				active = java.util.Arrays.copyOf(active, length);
				survived = java.util.Arrays.copyOf(survived, length);
			}
			for (int offset : offsets) {
				active[offset]++;
			}
			for (int i = 0; i < length; i++) {
				survived[i]++;
			}
		}

		Integer[] active() {
			return boxed(active);
		}

		Integer[] survived() {
			return boxed(survived);
		}

		private static Integer[] boxed(int[] values) {
			return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
		}
	}
}
