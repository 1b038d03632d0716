package com.greenroom.activity;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.greenroom.events.PlatformEvent;
import com.greenroom.events.PlatformEventLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads what the activity projection derived: a creator's days, lifetime totals and time zone. Unscoped:
 * callers check the viewer's regions through the roster first.
 */
@Service
public class Activity {

	/** New and newly retained viewers per creator day from each creator's {@code from} day: see {@link #daysFrom}. */
	static final String NEW_AND_RETAINED_FROM = """
			select v.creator_id, v.day, count(*) filter (where cv.days - v.later + v.k = 1) as first_seen,
			       count(*) filter (where cv.days - v.later + v.k = 2) as second_day
			from (select v.creator_id, v.viewer_id, v.day,
			             row_number() over (partition by v.creator_id, v.viewer_id order by v.day) as k,
			             count(*) over (partition by v.creator_id, v.viewer_id) as later
			      from unnest(cast(:c as text[]), cast(:from as date[])) as x(creator_id, from_day)
			      cross join lateral (select v.creator_id, v.viewer_id, v.day from activity_viewer_day v
			                          where v.creator_id = x.creator_id and v.day >= x.from_day offset 0) v) v
			cross join lateral (select cv.days from activity_creator_viewer cv
			                    where cv.creator_id = v.creator_id and cv.viewer_id = v.viewer_id offset 0) cv
			where v.k <= 2 and cv.days - v.later + v.k <= 2
			group by v.creator_id, v.day""";

	private final JdbcClient jdbc;

	private final PlatformEventLog log;

	private final Clock clock;

	Activity(JdbcClient jdbc, PlatformEventLog log, Clock clock) {
		this.jdbc = jdbc;
		this.log = log;
		this.clock = clock;
	}

	/** The time zone a creator's days are counted in; UTC while nothing is known. */
	public ZoneId zoneOf(String creatorId) {
		return jdbc.sql("select time_zone from activity_creator where creator_id = :c")
			.param("c", creatorId)
			.query(String.class)
			.optional()
			.map(ZoneId::of)
			.orElse(ZoneOffset.UTC);
	}

	/** Today, in the creator's time zone. */
	public LocalDate today(String creatorId) {
		return LocalDate.ofInstant(clock.instant(), zoneOf(creatorId));
	}

	public Optional<CreatorTotals> totals(String creatorId) {
		return Optional.ofNullable(totals(List.of(creatorId)).get(creatorId));
	}

	/** The lifetime totals of each of the creators the projection has seen, in one query. */
	public Map<String, CreatorTotals> totals(java.util.Collection<String> creatorIds) {
		Map<String, CreatorTotals> totals = new java.util.HashMap<>();
		jdbc.sql("""
				select creator_id, time_zone, zone_source, active_days, streams, live_seconds, unique_viewers, retained_viewers,
				       peak_concurrent_viewers, gifts, gift_revenue_usd, subscriptions, subscription_revenue_usd, follows, reports, first_day,
				       last_day
				from activity_creator where creator_id = any(:c)""")
			.param("c", creatorIds.toArray(String[]::new))
			.query((rs, n) -> new CreatorTotals(rs.getString("creator_id"), rs.getString("time_zone"), rs.getString("zone_source"),
					rs.getInt("active_days"), rs.getInt("streams"), rs.getLong("live_seconds") / 60, rs.getInt("unique_viewers"),
					rs.getInt("retained_viewers"), rs.getInt("peak_concurrent_viewers"), rs.getInt("gifts"), usd(rs, "gift_revenue_usd"),
					rs.getInt("subscriptions"), usd(rs, "subscription_revenue_usd"), rs.getInt("follows"), rs.getInt("reports"),
					localDate(rs, "first_day"), localDate(rs, "last_day")))
			.list()
			.forEach(t -> totals.put(t.creatorId(), t));
		return totals;
	}

	/** Every creator day with activity, oldest first. */
	public List<CreatorDay> days(String creatorId) {
		return days(creatorId, LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31), false);
	}

	/** Each day of {@code [from, to]} (both inclusive), quiet days included, oldest first. */
	public List<CreatorDay> daysBetween(String creatorId, LocalDate from, LocalDate to) {
		return days(creatorId, from, to, true);
	}

	private List<CreatorDay> days(String creatorId, LocalDate from, LocalDate to, boolean fill) {
		Map<LocalDate, int[]> firstAndSecond = jdbc.sql("""
				select day, count(*) filter (where n = 1) as first_seen, count(*) filter (where n = 2) as second_day
				from (select day, row_number() over (partition by viewer_id order by day) as n
				      from activity_viewer_day where creator_id = :c) x
				where n <= 2 and day between :from and :to group by day""")
			.param("c", creatorId)
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> Map.entry(rs.getObject("day", LocalDate.class), new int[] { rs.getInt("first_seen"), rs.getInt("second_day") }))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		Map<LocalDate, CreatorDay> rows = jdbc.sql("""
				select day, active, streams, live_seconds, unique_viewers, peak_concurrent_viewers, gifts, gift_revenue_usd, subscriptions,
				       subscription_revenue_usd, follows, reports
				from activity_creator_day where creator_id = :c and day between :from and :to order by day""")
			.param("c", creatorId)
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> {
				LocalDate day = rs.getObject("day", LocalDate.class);
				int[] viewers = firstAndSecond.getOrDefault(day, new int[2]);
				return new CreatorDay(day, rs.getBoolean("active"), rs.getInt("streams"), rs.getLong("live_seconds") / 60,
						rs.getInt("unique_viewers"), rs.getInt("peak_concurrent_viewers"), rs.getInt("gifts"), usd(rs, "gift_revenue_usd"),
						rs.getInt("subscriptions"), usd(rs, "subscription_revenue_usd"), rs.getInt("follows"), rs.getInt("reports"), viewers[0],
						viewers[1]);
			})
			.list()
			.stream()
			.collect(Collectors.toMap(CreatorDay::day, Function.identity(), (a, b) -> a, java.util.TreeMap::new));
		if (!fill) {
			return List.copyOf(rows.values());
		}
		List<CreatorDay> all = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			all.add(rows.getOrDefault(day, CreatorDay.quiet(day)));
		}
		return all;
	}

	/**
	 * Every creator day with activity of each of the creators, oldest first, in two queries. Without
	 * {@code viewers}, {@link CreatorDay#newViewers()} and {@link CreatorDay#newlyRetainedViewers()} are 0
	 * (they cost a pass over every viewer day of the creators).
	 */
	public Map<String, List<CreatorDay>> days(java.util.Collection<String> creatorIds, boolean viewers) {
		Map<String, List<CreatorDay>> days = new java.util.HashMap<>();
		if (creatorIds.isEmpty()) {
			return days;
		}
		String[] ids = creatorIds.toArray(String[]::new);
		Map<String, Map<LocalDate, int[]>> firstAndSecond = new java.util.HashMap<>();
		if (viewers) {
			jdbc.sql("""
					select creator_id, day, count(*) filter (where n = 1) as first_seen, count(*) filter (where n = 2) as second_day
					from (select creator_id, day, row_number() over (partition by creator_id, viewer_id order by day) as n
					      from activity_viewer_day where creator_id = any(:c)) x
					where n <= 2 group by creator_id, day""")
				.param("c", ids)
				.query(rs -> {
					firstAndSecond.computeIfAbsent(rs.getString(1), k -> new java.util.HashMap<>())
						.put(rs.getObject(2, LocalDate.class), new int[] { rs.getInt(3), rs.getInt(4) });
				});
		}
		jdbc.sql("""
				select creator_id, day, active, streams, live_seconds, unique_viewers, peak_concurrent_viewers, gifts, gift_revenue_usd,
				       subscriptions, subscription_revenue_usd, follows, reports
				from activity_creator_day where creator_id = any(:c) order by creator_id, day""")
			.param("c", ids)
			.query(rs -> {
				addDay(days, rs, firstAndSecond);
			});
		return days;
	}

	/**
	 * The creator days with activity on or after each creator's {@code from} day, oldest first: two reads of those
	 * days only, whatever the length of the history before them. With {@code viewers}, {@link CreatorDay#newViewers()}
	 * and {@link CreatorDay#newlyRetainedViewers()} count the whole history: a viewer's days before {@code from} are its
	 * number of days ({@code activity_creator_viewer.days}) less its days from {@code from} on. Both tables are read
	 * by index probes only (lateral sub-selects fenced by {@code offset 0}): joined plainly, a table without
	 * statistics yet was read whole for a couple of creators (a sequential scan of 284,812 viewer days in a burst).
	 */
	public Map<String, List<CreatorDay>> daysFrom(Map<String, LocalDate> from, boolean viewers) {
		Map<String, List<CreatorDay>> days = new java.util.HashMap<>();
		if (from.isEmpty()) {
			return days;
		}
		List<String> creators = new ArrayList<>(from.keySet());
		String[] ids = creators.toArray(String[]::new);
		java.sql.Date[] since = creators.stream().map(c -> java.sql.Date.valueOf(from.get(c))).toArray(java.sql.Date[]::new);
		Map<String, Map<LocalDate, int[]>> firstAndSecond = new java.util.HashMap<>();
		if (viewers) {
			jdbc.sql(NEW_AND_RETAINED_FROM)
				.param("c", ids)
				.param("from", since)
				.query(rs -> {
					firstAndSecond.computeIfAbsent(rs.getString(1), k -> new java.util.HashMap<>())
						.put(rs.getObject(2, LocalDate.class), new int[] { rs.getInt(3), rs.getInt(4) });
				});
		}
		jdbc.sql("""
				select d.creator_id, d.day, d.active, d.streams, d.live_seconds, d.unique_viewers, d.peak_concurrent_viewers, d.gifts,
				       d.gift_revenue_usd, d.subscriptions, d.subscription_revenue_usd, d.follows, d.reports
				from unnest(cast(:c as text[]), cast(:from as date[])) as x(creator_id, from_day)
				join activity_creator_day d on d.creator_id = x.creator_id and d.day >= x.from_day
				order by d.creator_id, d.day""")
			.param("c", ids)
			.param("from", since)
			.query(rs -> {
				addDay(days, rs, firstAndSecond);
			});
		return days;
	}

	/** Adds the creator day of this row to its creator's list, with its new and newly retained viewers counted. */
	private static void addDay(Map<String, List<CreatorDay>> days, ResultSet rs, Map<String, Map<LocalDate, int[]>> firstAndSecond)
			throws SQLException {
		String creatorId = rs.getString("creator_id");
		LocalDate day = rs.getObject("day", LocalDate.class);
		int[] counts = firstAndSecond.getOrDefault(creatorId, Map.of()).getOrDefault(day, new int[2]);
		days.computeIfAbsent(creatorId, k -> new ArrayList<>())
			.add(new CreatorDay(day, rs.getBoolean("active"), rs.getInt("streams"), rs.getLong("live_seconds") / 60, rs.getInt("unique_viewers"),
					rs.getInt("peak_concurrent_viewers"), rs.getInt("gifts"), usd(rs, "gift_revenue_usd"), rs.getInt("subscriptions"),
					usd(rs, "subscription_revenue_usd"), rs.getInt("follows"), rs.getInt("reports"), counts[0], counts[1]));
	}

	/** One creator day of a creator, in the time zone its days are counted in. */
	public record DayOf(String creatorId, LocalDate day, ZoneId zone) {
	}

	/**
	 * The events of several creator days in one read, of the given event types only (null: all): one list per day,
	 * in the order given, each in event order.
	 */
	public List<List<PlatformEvent>> eventsOn(List<DayOf> days, Set<com.greenroom.events.EventType> types) {
		return log.eventsOf(days.stream().map(d -> {
			Instant[] window = DayRollup.window(d.day(), d.zone());
			return new PlatformEventLog.CreatorWindow(d.creatorId(), window[0], window[1]);
		}).toList(), types);
	}

	/** The creator's events of one creator day, ordered by event time then arrival. */
	public List<PlatformEvent> eventsOn(String creatorId, LocalDate day) {
		return eventsOn(creatorId, day, zoneOf(creatorId));
	}

	/** The creator's events of one creator day counted in {@code zone} (its {@link CreatorTotals#timeZone()}), in order. */
	public List<PlatformEvent> eventsOn(String creatorId, LocalDate day, ZoneId zone) {
		Instant[] window = DayRollup.window(day, zone);
		return log.eventsOf(creatorId, window[0], window[1]);
	}

	/** Viewers whose first join of this creator is on {@code day}. */
	public Set<String> viewersFirstSeenOn(String creatorId, LocalDate day) {
		return viewersWhoseNthDayIs(creatorId, day, 1);
	}

	/** Viewers for whom {@code day} is the second distinct creator day they joined: they became retained then. */
	public Set<String> viewersRetainedOn(String creatorId, LocalDate day) {
		return viewersWhoseNthDayIs(creatorId, day, 2);
	}

	/**
	 * Reads the creator's viewer days from {@code day} on, not its history before: a viewer's days before it are its
	 * number of days ({@code activity_creator_viewer.days}) less its days from {@code day} on.
	 */
	private Set<String> viewersWhoseNthDayIs(String creatorId, LocalDate day, int nth) {
		return new LinkedHashSet<>(jdbc
			.sql("""
					select v.viewer_id
					from (select viewer_id, day, row_number() over (partition by viewer_id order by day) as k, count(*) over (partition by viewer_id) as later
					      from activity_viewer_day where creator_id = :c and day >= :day) v
					join activity_creator_viewer cv on cv.creator_id = :c and cv.viewer_id = v.viewer_id
					where v.day = :day and cv.days - v.later + v.k = :nth
					order by v.viewer_id""")
			.param("c", creatorId)
			.param("day", day)
			.param("nth", nth)
			.query(String.class)
			.list());
	}

	/** Every creator the projection has seen. */
	public List<String> creatorIds() {
		return jdbc.sql("select creator_id from activity_creator order by creator_id").query(String.class).list();
	}

	static BigDecimal usd(ResultSet rs, String column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		return value == null ? BigDecimal.ZERO : value.stripTrailingZeros().setScale(Math.max(2, value.stripTrailingZeros().scale()));
	}

	private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}
}
