package com.greenroom.activity;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The rooms live now, scoped to the viewer's regions. A stream is live from {@code stream.started} until
 * {@code stream.ended}, or until no event of it has arrived for the silence timeout (event time against
 * the clock). Rooms of creators not on the roster (or without a region) are seen by admins only.
 */
@Service
public class LiveRooms {

	/** Orders of the Top rooms list. */
	public static final Set<String> SORTS = Set.of("viewers", "revenue");

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Clock clock;

	private final Duration silenceTimeout;

	private final List<RoomRisks> risks;

	LiveRooms(JdbcClient jdbc, Regions regions, Clock clock, LiveProperties properties, List<RoomRisks> risks) {
		this.risks = List.copyOf(risks);
		this.jdbc = jdbc;
		this.regions = regions;
		this.clock = clock;
		this.silenceTimeout = properties.silenceTimeout();
	}

	/**
	 * Live rooms, most viewers (or most revenue in the last hour) first.
	 *
	 * @param region a region code, or null for all the viewer's regions
	 * @param sort {@code viewers} (default) or {@code revenue}
	 */
	public List<LiveRoom> top(Viewer viewer, String region, String sort, int limit) {
		String order = sort == null || sort.isBlank() ? "viewers" : sort;
		String regionCode = region == null || region.isBlank() ? null : region;
		Checks checks = new Checks();
		checks.require(SORTS.contains(order), "sort", "must be viewers or revenue");
		if (regionCode != null) {
			checks.require(regions.exists(regionCode), "region", "is not a known region: " + regionCode);
		}
		checks.throwIfAny();
		Instant now = clock.instant();
		record Row(String streamId, String creatorId, String handle, String regionCode, String title, String category, Instant startedAt,
				Instant lastEventAt, int viewers, int peak, BigDecimal revenue, int reports) {
		}
		// scoped, sorted and limited in SQL: only the page's rooms reach the JVM. Rooms of creators not on the
		// roster (no creator row) are seen by admins only, and only without a region filter.
		String orderBy = order.equals("revenue") ? "revenue desc, r.current_viewers desc, r.stream_id collate \"C\""
				: "r.current_viewers desc, revenue desc, r.stream_id collate \"C\"";
		// Only the conditions the viewer and filter ask for (no catch-all "is null or" a generic plan cannot use); each
		// live room's creator probed by its unique id (a hash join read all 100,000 creators: 29.5 ms at 2,000 rooms).
		StringBuilder scope = new StringBuilder();
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		if (viewer.regionFilter() != null) {
			scope.append(" and c.region_code = any(cast(:regions as text[]))");
			params.put("regions", viewer.regionFilter());
		}
		if (regionCode != null) {
			scope.append(" and c.region_code = :region");
			params.put("region", regionCode);
		}
		// Sorted by viewers, the rooms are ordered by their viewers first (one sort of the live rooms' own rows, no creator
		// read) and each room's creator probed in that order only until the page is full, the rooms tied with the last one
		// included (fetch first ... with ties): ~50 creator probes for an admin's page, not one per live room (2,000 at
		// 100,000 creators). The revenue of the last hour is then summed for those rooms only.
		String live = """
				from (select s.stream_id, s.creator_id, s.title, s.category, s.started_at, s.last_event_at, s.current_viewers,
				             s.peak_viewers, s.reports%s
				      from activity_stream s%s
				      where s.started_at is not null and s.ended_at is null and s.last_event_at > :silentSince%s) s
				left join lateral (select c.handle, c.region_code from creator c where c.creator_id = s.creator_id offset 0) c on true
				where true""";
		String revenue = """
				coalesce((select sum(g.usd) from activity_stream_gift g
				          where g.stream_id = %s.stream_id and g.occurred_at > :hourAgo and g.occurred_at <= :now), 0)""";
		// Sorted by revenue, the last hour's gifts of every live room are read as one scan of the gifts' (stream_id,
		// occurred_at) index over the live rooms' ids (an array: PostgreSQL 17 steps from one id to the next on the same leaf
		// page instead of descending again; ~220 buffers at 2,000 rooms instead of ~4,000 for one descent per room, V288's
		// index-only read). With no region, only the page's rooms are kept by a top-N sort and their creators probed for the
		// page alone. With a region (the viewer's or a filter), the rooms are sorted by that revenue and their creators probed
		// in that order until the page is full: narrowing to the region first (readpaths8) probed every live room's creator
		// (8,133 buffers against 1,166 at 2,000 rooms, docs/benchmarks.md) for no less CPU.
		String hourRevenue = """
				hour_revenue as materialized (
				    select g.stream_id, sum(g.usd) as revenue
				    from activity_stream_gift g
				    where g.stream_id = any(array(%s))
				      and g.occurred_at > :hourAgo and g.occurred_at <= :now
				    group by g.stream_id
				)""";
		String liveIds = "select s.stream_id from activity_stream s where s.started_at is not null and s.ended_at is null"
				+ " and s.last_event_at > :silentSince";
		String sql;
		if (order.equals("viewers")) {
			sql = """
					with live as materialized (
					    select s.*, c.handle, c.region_code""" + " " + live.formatted("", "", " order by s.current_viewers desc offset 0") + scope
					+ """

							    order by s.current_viewers desc
							    fetch first (:limit) rows with ties
							)
							select r.*, """ + revenue.formatted("r") + """
							 as revenue
							from live r""";
		}
		else {
			// with no region the page is the first rows by revenue (a top-N sort, creators probed for the page alone); with
			// one, the rooms stay sorted below the creator probes, which stop once the page is full
			sql = "with " + hourRevenue.formatted(liveIds) + """
					, live as materialized (
					    select s.*, c.handle, c.region_code""" + " "
					+ live.formatted(", coalesce(hr.revenue, 0) as revenue", " left join hour_revenue hr on hr.stream_id = s.stream_id",
							" order by revenue desc, s.current_viewers desc, s.stream_id collate \"C\""
									+ (scope.isEmpty() ? " limit :limit" : " offset 0"))
					+ scope + """

							    limit :limit
							)
							select r.* from live r""";
		}
		List<Row> rows = jdbc.sql(sql + " order by " + orderBy + " limit :limit")
			.params(params)
			.param("hourAgo", Timestamp.from(now.minus(Duration.ofHours(1))))
			.param("now", Timestamp.from(now))
			.param("silentSince", Timestamp.from(now.minus(silenceTimeout)))
			.param("limit", limit)
			.query((rs, n) -> new Row(rs.getString("stream_id"), rs.getString("creator_id"), rs.getString("handle"), rs.getString("region_code"),
					rs.getString("title"), rs.getString("category"), rs.getTimestamp("started_at").toInstant(),
					rs.getTimestamp("last_event_at").toInstant(), rs.getInt("current_viewers"), rs.getInt("peak_viewers"),
					Activity.usd(rs, "revenue"), rs.getInt("reports")))
			.list();
		Map<String, RoomRisk> badges = new java.util.HashMap<>();
		Set<String> shownCreators = rows.stream().map(Row::creatorId).collect(Collectors.toSet());
		risks.forEach(r -> r.risksOf(viewer, shownCreators).forEach(badges::putIfAbsent));
		return rows.stream()
			.map(r -> new LiveRoom(r.streamId(), r.creatorId(), r.handle() == null ? r.creatorId() : r.handle(), r.regionCode(), r.title(),
					r.category(), r.startedAt(), r.lastEventAt(), Math.max(0, Duration.between(r.startedAt(), now).toMinutes()), r.viewers(),
					r.peak(), r.revenue(), r.reports(), badges.get(r.creatorId())))
			.toList();
	}

	/** Where the viewer flags a room for a policy risk, if a module offers it (null otherwise). */
	public String flagLink(Viewer viewer, LiveRoom room) {
		return risks.stream().map(r -> r.flagLink(viewer, room.creatorId(), room.streamId())).filter(java.util.Objects::nonNull).findFirst()
			.orElse(null);
	}

	public Duration silenceTimeout() {
		return silenceTimeout;
	}
}
