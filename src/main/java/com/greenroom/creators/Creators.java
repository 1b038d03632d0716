package com.greenroom.creators;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.greenroom.identity.Viewer;
import com.greenroom.system.PageOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The creators module's entry point for other modules: look a creator up (scoped to a viewer, or
 * unscoped for the platform's own work). Lists and exports are {@link Roster}'s, changes
 * {@link CreatorEdits}'s; the methods here that reach them only delegate, so callers need one type.
 * Every scoped read applies the viewer's regions in SQL: a creator outside them does not exist for them.
 */
@Service
public class Creators {

	private final JdbcClient jdbc;

	private final CreatorRows rows;

	private final Roster roster;

	private final CreatorEdits edits;

	Creators(JdbcClient jdbc, CreatorRows rows, Roster roster, CreatorEdits edits) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.roster = roster;
		this.edits = edits;
	}

	/** The creator with this platform id, if the viewer may see it; otherwise 404. */
	public Creator get(Viewer viewer, CreatorId creatorId) {
		return get(viewer, creatorId.value());
	}

	/** As {@link #get(Viewer, CreatorId)}, for callers holding the id as text. */
	public Creator get(Viewer viewer, String creatorId) {
		return rows.get(viewer, creatorId);
	}

	/** Unscoped lookup for modules acting on the platform's behalf (event ingest, schedulers). */
	public Optional<Creator> find(CreatorId creatorId) {
		return find(creatorId.value());
	}

	public Optional<Creator> find(String creatorId) {
		return rows.find(creatorId);
	}

	/** Unscoped lookup of many creators by platform id (those on the roster), in one query, for modules acting on the platform's behalf. */
	public Map<String, Creator> findAll(Collection<String> creatorIds) {
		Map<String, Creator> found = new HashMap<>();
		if (!creatorIds.isEmpty()) {
			rows.findAll(creatorIds).forEach(c -> found.put(c.creatorId(), c));
		}
		return found;
	}

	/** Creators registered in {@code [from, to)}, oldest first, unscoped: for schedulers (stall rules, tiers). */
	public List<Creator> registeredBetween(Instant from, Instant to) {
		return jdbc.sql(CreatorRows.SELECT + " where c.registered_at >= :from and c.registered_at < :to order by c.registered_at, c.id")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(CreatorRows::map)
			.list();
	}

	/**
	 * The creators among {@code creatorIds} the viewer may see, by platform id; for modules that list
	 * their own rows (live rooms) and scope them through the roster.
	 */
	public Map<String, Creator> visible(Viewer viewer, Collection<String> creatorIds) {
		if (creatorIds.isEmpty()) {
			return Map.of();
		}
		Map<String, Creator> visible = new HashMap<>();
		jdbc.sql(CreatorRows.SELECT + """
				where c.creator_id = any(cast(:ids as text[]))
				and (cast(:regions as text[]) is null or c.region_code = any(cast(:regions as text[])))""")
			.param("ids", creatorIds.toArray(String[]::new))
			.param("regions", viewer.regionFilter())
			.query(CreatorRows::map)
			.list()
			.forEach(c -> visible.put(c.creatorId(), c));
		return visible;
	}

	/** Creator counts per status among those the viewer can see. */
	public Map<CreatorStatus, Long> countByStatus(Viewer viewer) {
		Map<CreatorStatus, Long> counts = new LinkedHashMap<>();
		for (CreatorStatus status : CreatorStatus.values()) {
			counts.put(status, 0L);
		}
		jdbc.sql("""
				select status, count(*) as n from creator
				where cast(:regions as text[]) is null or region_code = any(cast(:regions as text[])) group by status""")
			.param("regions", viewer.regionFilter())
			.query(rs -> {
				counts.put(CreatorStatus.valueOf(rs.getString("status")), rs.getLong("n"));
			});
		return counts;
	}

	/** One page of the roster in its default order (handle); see {@link Roster#search}. */
	public PageOf<Creator> search(Viewer viewer, RosterQuery query, String cursor, int limit) {
		return roster.search(viewer, query, RosterView.DEFAULT, cursor, limit).map(RosterEntry::creator);
	}

	public long count(Viewer viewer, RosterQuery query) {
		return roster.count(viewer, query);
	}

	/** Adds a creator by hand; see {@link CreatorEdits#create}. */
	public Creator create(Viewer viewer, CreatorDraft draft) {
		return edits.create(viewer, draft);
	}

	public Creator update(Viewer viewer, String creatorId, Map<String, Object> changes) {
		return edits.update(viewer, CreatorId.parse(creatorId, "creatorId"), changes);
	}

	public List<Creator> assignManager(Viewer viewer, List<String> creatorIds, Long managerId) {
		return edits.assignManager(viewer, creatorIds, managerId);
	}
}
