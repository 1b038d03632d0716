package com.greenroom.activity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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
 * <p>
 * Every request is answered from this node's {@link LiveBoard}: every live room of every region, computed by one query
 * and reused while no projection has moved, the roster's version is the same and the clock is in the same second
 * (with the gifts that enter or leave the hour within that second kept aside, so the sums are those of the request's
 * instant). A request then reads one small stamp from PostgreSQL, and filters, sorts and pages the board in memory.
 */
@Service
public class LiveRooms {

	/** Orders of the Top rooms list. */
	public static final Set<String> SORTS = Set.of("viewers", "revenue");

	private final Regions regions;

	private final Clock clock;

	private final Duration silenceTimeout;

	private final List<RoomRisks> risks;

	private final LiveBoard board;

	LiveRooms(JdbcClient jdbc, Regions regions, Clock clock, LiveProperties properties, List<RoomRisks> risks) {
		this.risks = List.copyOf(risks);
		this.board = new LiveBoard(jdbc, properties.silenceTimeout(), properties.boardReuse());
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
		LiveBoard.Board board = this.board.at(now);
		// the instant as PostgreSQL would have it (microseconds, as the driver rounds a timestamp's nanoseconds)
		Instant at = now.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
		Instant silentSince = at.minus(silenceTimeout);
		Set<String> viewerRegions = viewer.regionFilter() == null ? null : Set.of(viewer.regionFilter());
		// rooms of creators not on the roster (no creator row, no region) are seen by admins only, and only without a region filter
		Predicate<LiveBoard.Room> shown = r -> r.lastEventAt().isAfter(silentSince)
				&& (viewerRegions == null || r.regionCode() != null && viewerRegions.contains(r.regionCode()))
				&& (regionCode == null || regionCode.equals(r.regionCode()));
		record Ranked(LiveBoard.Room room, BigDecimal revenue) {
		}
		Comparator<Ranked> byViewers = Comparator.<Ranked>comparingInt(r -> r.room().viewers())
			.reversed()
			.thenComparing(Ranked::revenue, Comparator.reverseOrder())
			.thenComparing(r -> r.room().streamId(), LiveBoard.C_ORDER);
		Comparator<Ranked> byRevenue = Comparator.comparing(Ranked::revenue, Comparator.<BigDecimal>reverseOrder())
			.thenComparing(Comparator.<Ranked>comparingInt(r -> r.room().viewers()).reversed())
			.thenComparing(r -> r.room().streamId(), LiveBoard.C_ORDER);
		Comparator<Ranked> comparator = order.equals("revenue") ? byRevenue : byViewers;
		// The rooms without a gift entering or leaving the hour within the board's second keep the board's order; the few
		// with one are summed at this instant, sorted, and merged in.
		List<Ranked> moved = new ArrayList<>();
		for (LiveBoard.Room room : board.withEdges()) {
			if (shown.test(room)) {
				moved.add(new Ranked(room, room.revenueAt(board.second(), at)));
			}
		}
		moved.sort(comparator);
		Iterator<Ranked> kept = (order.equals("revenue") ? board.byRevenue() : board.byViewers()).stream()
			.filter(r -> !r.hasEdges() && shown.test(r))
			.map(r -> new Ranked(r, r.revenue()))
			.iterator();
		List<Ranked> rows = new ArrayList<>(Math.min(limit, 500));
		Ranked nextKept = kept.hasNext() ? kept.next() : null;
		int nextMoved = 0;
		while (rows.size() < limit && (nextKept != null || nextMoved < moved.size())) {
			if (nextKept != null && (nextMoved == moved.size() || comparator.compare(nextKept, moved.get(nextMoved)) < 0)) {
				rows.add(nextKept);
				nextKept = kept.hasNext() ? kept.next() : null;
			}
			else {
				rows.add(moved.get(nextMoved++));
			}
		}
		Map<String, RoomRisk> badges = new java.util.HashMap<>();
		Set<String> shownCreators = rows.stream().map(r -> r.room().creatorId()).collect(Collectors.toSet());
		risks.forEach(r -> r.risksOf(viewer, shownCreators).forEach(badges::putIfAbsent));
		return rows.stream().map(ranked -> {
			LiveBoard.Room r = ranked.room();
			return new LiveRoom(r.streamId(), r.creatorId(), r.handle() == null ? r.creatorId() : r.handle(), r.regionCode(), r.title(),
					r.category(), r.startedAt(), r.lastEventAt(), Math.max(0, Duration.between(r.startedAt(), now).toMinutes()), r.viewers(),
					r.peak(), usd(ranked.revenue()), r.reports(), badges.get(r.creatorId()));
		}).toList();
	}

	/** As {@link Activity#usd}: at least two decimals, no trailing zeros beyond them. */
	private static BigDecimal usd(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return stripped.setScale(Math.max(2, stripped.scale()));
	}

	/**
	 * Drops this node's live board: the next request computes it. The board follows the projections' positions and the
	 * roster's version by itself; this is for tests and tools that write the projection's tables directly.
	 */
	public void forgetBoard() {
		board.forget();
	}

	LiveBoard board() {
		return board;
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
