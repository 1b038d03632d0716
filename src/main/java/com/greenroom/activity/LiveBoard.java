package com.greenroom.activity;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every live room of every region, computed by one query and kept in memory, so a request for Top rooms filters,
 * sorts and pages a copy instead of summing the last hour's gifts of every live room and probing their creators.
 * <p>
 * A board is computed for a clock second {@code S}: the rooms live at {@code S} (a superset of those live later in
 * the second), each with its gifts summed over {@code (S - 1h, S]}, and the few gifts that enter or leave that hour
 * within the second ({@code (S, S + 1s]} and {@code (S - 1h, S - 1h + 1s]}), so a request at any instant of the second
 * gets exactly the sums and the rooms the direct query gives at that instant. It is current while the second and
 * the {@link Stamp} are the same: the activity projection's position (its rows change only with it) and the roster's
 * version ({@code creator_roster_version}, moved by any change of a creator's handle or region or of who is on the
 * roster, the roster projection's registrations included). Reading the stamp is one small query
 * per request; it is read before the board, so a board holds at least what its stamp says.
 * <p>
 * Single flight: requests that find the board stale wait for one computation; those that read their stamp before
 * that computation started take its board. A request of an earlier second than the board's computes its own
 * without replacing the newer one.
 */
final class LiveBoard {

	/** What a board was computed from: the activity projection's position (by slot) and the roster's version. */
	record Stamp(long[] positions, long rosterVersion) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Stamp s && s.rosterVersion == rosterVersion && Arrays.equals(s.positions, positions);
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.hashCode(positions) + Long.hashCode(rosterVersion);
		}

		@Override
		public String toString() {
			return "Stamp[positions=" + Arrays.toString(positions) + ", rosterVersion=" + rosterVersion + "]";
		}
	}

	/**
	 * A live room on the board: {@code revenue} is the sum of its gifts over the board's hour; {@code edgeAt} and
	 * {@code edgeUsd} its gifts that enter or leave the hour within the board's second (empty for most rooms).
	 */
	record Room(String streamId, String creatorId, String handle, String regionCode, String title, String category, Instant startedAt,
			Instant lastEventAt, int viewers, int peak, BigDecimal revenue, int reports, Instant[] edgeAt, BigDecimal[] edgeUsd) {

		boolean hasEdges() {
			return edgeAt.length > 0;
		}

		/** The sum of the gifts over {@code (at - 1h, at]}, for {@code at} within the board's second {@code second}. */
		BigDecimal revenueAt(Instant second, Instant at) {
			BigDecimal sum = revenue;
			Instant hourAgo = at.minus(HOUR);
			for (int i = 0; i < edgeAt.length; i++) {
				Instant gift = edgeAt[i];
				if (gift.isAfter(second)) {
					if (!gift.isAfter(at)) {
						sum = sum.add(edgeUsd[i]); // entered the hour since the board's second
					}
				}
				else if (!gift.isAfter(hourAgo)) {
					sum = sum.subtract(edgeUsd[i]); // left it
				}
			}
			return sum;
		}
	}

	/** A board: every live room in both orders of Top rooms (revenue as at its second). */
	record Board(Stamp stamp, Instant second, long startedNanos, List<Room> byViewers, List<Room> byRevenue, List<Room> withEdges) {
	}

	static final Duration HOUR = Duration.ofHours(1);

	private static final Duration SECOND = Duration.ofSeconds(1);

	/** The stream ids' order in PostgreSQL's {@code collate "C"}: UTF-8 bytes, that is code points. */
	static final Comparator<String> C_ORDER = (a, b) -> {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	};

	private final JdbcClient jdbc;

	private final Duration silenceTimeout;

	private final boolean reuse;

	private final ReentrantLock computing = new ReentrantLock();

	private volatile Board current;

	private final AtomicLong computations = new AtomicLong();

	private final AtomicLong probed = new AtomicLong();

	LiveBoard(JdbcClient jdbc, Duration silenceTimeout, boolean reuse) {
		this.jdbc = jdbc;
		this.silenceTimeout = silenceTimeout;
		this.reuse = reuse;
	}

	/** The board for the clock instant {@code now}: the current one, or one computed now (once for concurrent requests). */
	Board at(Instant now) {
		Instant second = now.truncatedTo(ChronoUnit.SECONDS);
		long asked = System.nanoTime();
		Stamp stamp = stamp();
		Board board = current;
		if (reuse && board != null && board.second().equals(second) && board.stamp().equals(stamp)) {
			return board;
		}
		computing.lock();
		try {
			board = current;
			// the same second, and the same stamp or a computation started after this request read its stamp
			if (reuse && board != null && board.second().equals(second) && (board.stamp().equals(stamp) || board.startedNanos() - asked >= 0)) {
				return board;
			}
			Board computed = compute(stamp, second);
			if (board == null || !board.second().isAfter(second)) {
				current = computed;
			}
			return computed;
		}
		finally {
			computing.unlock();
		}
	}

	/** How many boards this node has computed. */
	long computations() {
		return computations.get();
	}

	/** How many creators this node's boards have probed (not taken from the last board). */
	long creatorsProbed() {
		return probed.get();
	}

	/** Drops the board: the next request computes one (for tests and tools that write the projection's tables directly). */
	void forget() {
		current = null;
		creators = new Creators(Long.MIN_VALUE, Map.of());
	}

	Stamp stamp() {
		return jdbc.sql("""
				select array(select p.position from projection_position p where p.name = 'activity' order by p.slot) as positions,
				       (select v.version from creator_roster_version v) as roster""")
			.query((rs, n) -> new Stamp(longs(rs.getArray("positions")), rs.getLong("roster")))
			.single();
	}

	private static long[] longs(Array array) throws SQLException {
		Object[] values = (Object[]) array.getArray();
		long[] longs = new long[values.length];
		for (int i = 0; i < values.length; i++) {
			longs[i] = ((Number) values[i]).longValue();
		}
		return longs;
	}

	/**
	 * One query for every live room at {@code second}: the live streams (one scan of the live rooms' rows) and the gifts
	 * of the hour and the second after it as one scan of the gifts' (stream_id, occurred_at) index over the live rooms'
	 * ids (index only, V288, and no sort: a group's rows feed both arrays in the same order, so they pair up without an
	 * order by, which sorted every gift of the hour); then the creators not known from the last board, probed by their
	 * unique ids (a hash join read all 100,000).
	 */
	Board compute(Stamp stamp, Instant second) {
		long started = System.nanoTime();
		computations.incrementAndGet();
		Instant hourAgo = second.minus(HOUR);
		List<Room> rooms = jdbc.sql("""
				with live as materialized (
				    select s.stream_id, s.creator_id, s.title, s.category, s.started_at, s.last_event_at, s.current_viewers, s.peak_viewers,
				           s.reports
				    from activity_stream s
				    where s.started_at is not null and s.ended_at is null and s.last_event_at > :silentSince
				), gifts as materialized (
				    select g.stream_id,
				           sum(g.usd) filter (where g.occurred_at <= :second) as revenue,
				           array_agg(g.occurred_at) filter (where g.occurred_at <= :leftBy or g.occurred_at > :second) as edge_at,
				           array_agg(g.usd) filter (where g.occurred_at <= :leftBy or g.occurred_at > :second) as edge_usd
				    from activity_stream_gift g
				    where g.stream_id = any(array(select l.stream_id from live l))
				      and g.occurred_at > :hourAgo and g.occurred_at <= :secondAfter
				    group by g.stream_id
				)
				select l.*, coalesce(g.revenue, 0) as revenue, g.edge_at, g.edge_usd
				from live l
				left join gifts g on g.stream_id = l.stream_id""")
			.param("silentSince", Timestamp.from(second.minus(silenceTimeout)))
			.param("second", Timestamp.from(second))
			.param("secondAfter", Timestamp.from(second.plus(SECOND)))
			.param("hourAgo", Timestamp.from(hourAgo))
			.param("leftBy", Timestamp.from(hourAgo.plus(SECOND)))
			.query((rs, n) -> room(rs))
			.list();
		rooms = withCreators(rooms, stamp.rosterVersion());
		List<Room> byViewers = new ArrayList<>(rooms);
		byViewers.sort(Comparator.comparingInt(Room::viewers)
			.reversed()
			.thenComparing(Room::revenue, Comparator.reverseOrder())
			.thenComparing(Room::streamId, C_ORDER));
		List<Room> byRevenue = new ArrayList<>(rooms);
		byRevenue.sort(Comparator.comparing(Room::revenue, Comparator.<BigDecimal>reverseOrder())
			.thenComparing(Comparator.comparingInt(Room::viewers).reversed())
			.thenComparing(Room::streamId, C_ORDER));
		return new Board(stamp, second, started, List.copyOf(byViewers), List.copyOf(byRevenue),
				rooms.stream().filter(Room::hasEdges).toList());
	}

	/** A creator's handle and region as the board shows them. */
	private record Creator(String handle, String regionCode) {
	}

	/** The handles and regions of the last board's creators, as at a roster version. */
	private record Creators(long rosterVersion, Map<String, Creator> byId) {
	}

	private volatile Creators creators = new Creators(Long.MIN_VALUE, Map.of());

	/**
	 * The rooms with their creators' handles and regions: those of the last board while the roster's version is the
	 * same (a steady feed moves the activity projection many times a second, the roster rarely), the others probed by
	 * their unique ids. A creator not on the roster is probed again every time (a placeholder may have been added).
	 */
	private List<Room> withCreators(List<Room> rooms, long rosterVersion) {
		Creators known = creators;
		Map<String, Creator> cached = known.rosterVersion() == rosterVersion ? known.byId() : Map.of();
		Map<String, Creator> byId = new HashMap<>();
		List<String> missing = new ArrayList<>();
		for (Room room : rooms) {
			Creator creator = cached.get(room.creatorId());
			if (creator != null) {
				byId.put(room.creatorId(), creator);
			}
			else {
				missing.add(room.creatorId());
			}
		}
		if (!missing.isEmpty()) {
			jdbc.sql("select c.creator_id, c.handle, c.region_code from creator c where c.creator_id = any(:ids)")
				.param("ids", missing.toArray(String[]::new))
				.query((rs, n) -> byId.put(rs.getString(1), new Creator(rs.getString(2), rs.getString(3))))
				.list();
		}
		creators = new Creators(rosterVersion, Map.copyOf(byId));
		probed.addAndGet(missing.size());
		return rooms.stream().map(r -> {
			Creator creator = byId.get(r.creatorId());
			return creator == null ? r
					: new Room(r.streamId(), r.creatorId(), creator.handle(), creator.regionCode(), r.title(), r.category(), r.startedAt(),
							r.lastEventAt(), r.viewers(), r.peak(), r.revenue(), r.reports(), r.edgeAt(), r.edgeUsd());
		}).toList();
	}

	private static Room room(ResultSet rs) throws SQLException {
		Instant[] edgeAt = new Instant[0];
		BigDecimal[] edgeUsd = new BigDecimal[0];
		Array at = rs.getArray("edge_at");
		if (at != null) {
			Object[] times = (Object[]) at.getArray();
			Object[] usds = (Object[]) rs.getArray("edge_usd").getArray();
			edgeAt = new Instant[times.length];
			edgeUsd = new BigDecimal[times.length];
			for (int i = 0; i < times.length; i++) {
				edgeAt[i] = ((Timestamp) times[i]).toInstant();
				edgeUsd[i] = (BigDecimal) usds[i];
			}
		}
		return new Room(rs.getString("stream_id"), rs.getString("creator_id"), null, null,
				rs.getString("title"), rs.getString("category"), rs.getTimestamp("started_at").toInstant(),
				rs.getTimestamp("last_event_at").toInstant(), rs.getInt("current_viewers"), rs.getInt("peak_viewers"), rs.getBigDecimal("revenue"),
				rs.getInt("reports"), edgeAt, edgeUsd);
	}
}
