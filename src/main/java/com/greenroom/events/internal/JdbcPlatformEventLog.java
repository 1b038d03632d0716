package com.greenroom.events.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.events.EventType;
import com.greenroom.events.Money;
import com.greenroom.events.PlatformEvent;
import com.greenroom.events.PlatformEventLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the raw event log: by creator or stream in event-time order, and by arrival for the projection runner. */
@Component
public class JdbcPlatformEventLog implements PlatformEventLog {

	private static final String COLUMNS = """
			select seq, event_id, type, occurred_at, creator_id, stream_id, viewer_id, amount_value, amount_currency, amount_usd,
			       attributes::text as attributes
			from platform_event""";

	private static final String COLUMNS_WITHOUT_ATTRIBUTES = """
			select seq, event_id, type, occurred_at, creator_id, stream_id, viewer_id, amount_value, amount_currency, amount_usd,
			       null::text as attributes
			from platform_event""";

	private static final String COLUMNS_SOME_ATTRIBUTES = """
			select seq, event_id, type, occurred_at, creator_id, stream_id, viewer_id, amount_value, amount_currency, amount_usd,
			       case when type = any(:attributeTypes) then attributes::text end as attributes
			from platform_event""";

	/**
	 * Every field of the types in {@code :fieldTypes} (attributes of those in {@code :attributeTypes}), only the seq,
	 * type and creator id of the others: nothing PostgreSQL formats as text (times, amounts) and the reader decodes.
	 */
	private static final String COLUMNS_OF_SOME_TYPES = """
			select seq, case when f then event_id end, type, case when f then occurred_at end, creator_id, case when f then stream_id end,
			       case when f then viewer_id end, case when f then amount_value end, case when f then amount_currency end,
			       case when f then amount_usd end, case when type = any(:attributeTypes) then attributes::text end as attributes
			from platform_event cross join lateral (select type = any(:fieldTypes) as f) x""";

	/**
	 * The events of several creator windows ({@code :c}, {@code :f}, {@code :t}; {@code :types} null for all), each
	 * numbered by its window. One look-up of the creator ({@code platform_event_creator_id}) per window, probed in a nested
	 * loop in the day partitions the window spans (pruned again for each window); the windows' overall bounds
	 * ({@code :earliest}, {@code :latest}) as parameters too, so that PostgreSQL plans and opens only the day partitions
	 * they span (with a year of partitions, 5 windows planned 67-75 ms and ran 77-143 ms without them, 0.6 and 14 ms with
	 * them). The {@code offset 0} keeps the loop: without it, on day partitions not yet analyzed (a burst's), the planner
	 * joined the windows by hash to a scan of every partition they span (docs/benchmarks.md, stop 44).
	 */
	static final String CREATOR_WINDOWS = """
			select e.*, w.i from unnest(cast(:c as text[]), cast(:f as timestamptz[]), cast(:t as timestamptz[])) with ordinality as w(c, f, t, i)
			cross join lateral (""" + COLUMNS + """
			 where creator_id = w.c and occurred_at >= w.f and occurred_at < w.t and occurred_at >= :earliest and occurred_at < :latest
			   and (cast(:types as text[]) is null or type = any(:types)) offset 0) e
			order by w.i, e.occurred_at, e.seq""";

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final AppendHorizon horizon;

	JdbcPlatformEventLog(JdbcClient jdbc, JsonMapper json, AppendHorizon horizon) {
		this.jdbc = jdbc;
		this.json = json;
		this.horizon = horizon;
	}

	@Override
	public List<PlatformEvent> eventsOf(String creatorId) {
		return jdbc.sql(COLUMNS + " where creator_id = :creator order by occurred_at, seq")
			.param("creator", creatorId)
			.query(this::map)
			.list();
	}

	@Override
	public List<PlatformEvent> eventsOf(String creatorId, Instant from, Instant to) {
		return jdbc.sql(COLUMNS + " where creator_id = :creator and occurred_at >= :from and occurred_at < :to order by occurred_at, seq")
			.param("creator", creatorId)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(this::map)
			.list();
	}

	@Override
	public List<List<PlatformEvent>> eventsOf(List<CreatorWindow> windows, Set<EventType> types) {
		List<List<PlatformEvent>> found = new java.util.ArrayList<>();
		windows.forEach(w -> found.add(new java.util.ArrayList<>()));
		if (windows.isEmpty()) {
			return found;
		}
		jdbc.sql(CREATOR_WINDOWS)
			.param("types", types == null ? null : wireNames(types))
			.param("earliest", Timestamp.from(windows.stream().map(CreatorWindow::from).min(Instant::compareTo).orElseThrow()))
			.param("latest", Timestamp.from(windows.stream().map(CreatorWindow::to).max(Instant::compareTo).orElseThrow()))
			.param("c", windows.stream().map(CreatorWindow::creatorId).toArray(String[]::new))
			.param("f", windows.stream().map(w -> Timestamp.from(w.from())).toArray(Timestamp[]::new))
			.param("t", windows.stream().map(w -> Timestamp.from(w.to())).toArray(Timestamp[]::new))
			.query(rs -> {
				found.get(rs.getInt(12) - 1).add(map(rs, 0));
			});
		return found;
	}

	@Override
	public List<PlatformEvent> eventsOfStream(String streamId, Set<String> creatorIds, Instant from, Instant to) {
		return jdbc.sql(COLUMNS + """
				 where creator_id = any(:creators) and occurred_at >= :from and occurred_at <= :to and stream_id = :stream
				order by occurred_at, seq""")
			.param("creators", creatorIds.toArray(String[]::new))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("stream", streamId)
			.query(this::map)
			.list();
	}

	@Override
	public List<PlatformEvent> eventsOfStream(String streamId) {
		return jdbc.sql(COLUMNS + " where stream_id = :stream order by occurred_at, seq")
			.param("stream", streamId)
			.query(this::map)
			.list();
	}

	/**
	 * Up to {@code limit} events appended after {@code seq}, in arrival order, and only up to the seq below
	 * which every append has ended ({@link AppendHorizon}): reading past it could skip an event that a
	 * slower append commits later with a smaller seq. Run it in a READ COMMITTED transaction (the default).
	 * Read as every slot from {@code seq} ({@link #afterInSlots}).
	 */
	public List<PlatformEvent> after(long seq, int limit) {
		long bound = horizon.safeSeq();
		if (bound <= seq) {
			return List.of();
		}
		Map<Integer, Long> positions = new java.util.LinkedHashMap<>();
		for (int slot = 0; slot < EventsProperties.Projections.SLOTS; slot++) {
			positions.put(slot, seq);
		}
		return afterInSlots(positions, bound, limit);
	}

	/**
	 * Up to {@code limit} events of the given creator slots ({@code platform_event.shard}), each after its
	 * slot's position and at most {@code upTo}, in arrival order: either {@code limit} events, and then every
	 * event of these slots up to the last one, or every event of these slots up to {@code upTo}. {@code upTo}
	 * must be at most {@link #lastSeq()} read before (the safe bound of {@link AppendHorizon}), in a READ
	 * COMMITTED transaction.
	 */
	public List<PlatformEvent> afterInSlots(Map<Integer, Long> positions, long upTo, int limit) {
		return afterInSlots(positions, upTo, limit, null, null);
	}

	/**
	 * As {@link #afterInSlots(Map, long, int)}, of the given event types only ({@code types}, null: all) and
	 * with the attributes of the given types only ({@code attributesOf}, null: all; the others come with
	 * none): what a projection does not read is neither sent by PostgreSQL nor decoded here.
	 * <p>
	 * How it stays cheap however many day partitions the log keeps: only the partitions of the days appended
	 * to after the lowest position are read ({@link #daysAppendedAfter}), and those by one range of seqs at a
	 * time on {@code (shard, seq)}, sorted, starting with about as many seqs as a full batch of these slots
	 * spans and doubling while the batch is not full and {@code upTo} not reached. One statement of one index
	 * scan per partition read: planning no longer grows with the number of slots or partitions (a union of one
	 * ordered range per slot did, 570 ms per 8-slot batch with 365 partitions).
	 */
	public List<PlatformEvent> afterInSlots(Map<Integer, Long> positions, long upTo, int limit, Set<EventType> types,
			Set<EventType> attributesOf) {
		return afterInSlots(positions, upTo, limit, types, attributesOf, null);
	}

	/**
	 * As {@link #afterInSlots(Map, long, int, Set, Set)}, with every field of the given types only ({@code fieldsOf},
	 * null: all): events of the other types come with their seq, type and creator id alone (see
	 * {@link com.greenroom.events.Projection#fieldsOf()}).
	 */
	public List<PlatformEvent> afterInSlots(Map<Integer, Long> positions, long upTo, int limit, Set<EventType> types,
			Set<EventType> attributesOf, Set<EventType> fieldsOf) {
		if (positions.isEmpty() || types != null && types.isEmpty() || limit < 1) {
			return List.of();
		}
		long from = java.util.Collections.min(positions.values());
		if (from >= upTo) {
			return List.of();
		}
		List<LocalDate[]> days = daysAppendedAfter(from);
		if (days.isEmpty()) {
			return List.of();
		}
		String columns = fieldsOf != null ? COLUMNS_OF_SOME_TYPES
				: attributesOf == null ? COLUMNS : attributesOf.isEmpty() ? COLUMNS_WITHOUT_ATTRIBUTES : COLUMNS_SOME_ATTRIBUTES;
		StringBuilder sql = new StringBuilder(columns).append("""

				where shard = any(:slots) and seq > :from and seq <= :to and seq > (:positions::bigint[])[shard + 1]""");
		Map<String, Object> params = new java.util.HashMap<>();
		if (types != null) {
			sql.append(" and type = any(:types)");
			params.put("types", wireNames(types));
		}
		if (fieldsOf != null) {
			// the attributes of a type are sent when it is both one whose fields are read and one whose attributes are (none: empty)
			Set<EventType> attributeTypes = java.util.EnumSet.noneOf(EventType.class);
			attributeTypes.addAll(fieldsOf);
			if (attributesOf != null) {
				attributeTypes.retainAll(attributesOf);
			}
			params.put("fieldTypes", wireNames(fieldsOf));
			params.put("attributeTypes", wireNames(attributeTypes));
		}
		else if (attributesOf != null && !attributesOf.isEmpty()) {
			params.put("attributeTypes", wireNames(attributesOf));
		}
		sql.append(" and (");
		for (int i = 0; i < days.size(); i++) {
			// literal bounds per range, so PostgreSQL prunes the partitions of other days when it plans
			sql.append(i == 0 ? "" : " or ").append("occurred_at >= :dayFrom").append(i).append(" and occurred_at < :dayTo").append(i);
			params.put("dayFrom" + i, Timestamp.from(days.get(i)[0].atStartOfDay(ZoneOffset.UTC).toInstant()));
			params.put("dayTo" + i, Timestamp.from(days.get(i)[1].atStartOfDay(ZoneOffset.UTC).toInstant()));
		}
		sql.append(") order by seq limit :limit");
		Short[] slots = positions.keySet().stream().map(Integer::shortValue).toArray(Short[]::new);
		Long[] after = new Long[EventsProperties.Projections.SLOTS];
		java.util.Arrays.fill(after, Long.MAX_VALUE);
		positions.forEach((slot, position) -> after[slot] = position);
		params.put("slots", slots);
		params.put("positions", after);
		String statement = sql.toString();
		List<PlatformEvent> found = new java.util.ArrayList<>();
		// about as many seqs as a full batch of these slots spans (at least 1,024 events' worth: the quarantine and the
		// runner's bisection read a few events at a time)
		long span = (long) Math.max(limit, 1024) * EventsProperties.Projections.SLOTS / slots.length;
		long lower = from;
		while (true) {
			long upper = upTo - lower <= span ? upTo : lower + span;
			params.put("from", lower);
			params.put("to", upper);
			params.put("limit", limit - found.size());
			found.addAll(jdbc.sql(statement).params(params).query(this::map).list());
			if (found.size() == limit || upper == upTo) {
				return found;
			}
			lower = upper;
			span = Math.min(span * 2, Long.MAX_VALUE / 4);
		}
	}

	/**
	 * The days with an event appended after {@code seq} (with some that have none: rows are noted per append and
	 * day), as ranges of consecutive days [from, to), at most {@value #DAY_RANGES} (the nearest ranges merged).
	 */
	List<LocalDate[]> daysAppendedAfter(long seq) {
		List<LocalDate> days = jdbc.sql("select distinct day from platform_event_append_day where seq > :seq order by day")
			.param("seq", seq)
			.query((rs, row) -> rs.getObject(1, LocalDate.class))
			.list();
		List<LocalDate[]> ranges = new java.util.ArrayList<>();
		for (LocalDate day : days) {
			LocalDate[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
			if (last != null && last[1].equals(day)) {
				last[1] = day.plusDays(1);
			}
			else {
				ranges.add(new LocalDate[] { day, day.plusDays(1) });
			}
		}
		while (ranges.size() > DAY_RANGES) {
			// join the two ranges with the shortest gap between them (their days between are read too)
			int nearest = 0;
			for (int i = 1; i < ranges.size() - 1; i++) {
				if (ranges.get(i + 1)[0].toEpochDay() - ranges.get(i)[1].toEpochDay() < ranges.get(nearest + 1)[0].toEpochDay()
						- ranges.get(nearest)[1].toEpochDay()) {
					nearest = i;
				}
			}
			ranges.get(nearest)[1] = ranges.remove(nearest + 1)[1];
		}
		return ranges;
	}

	/** At most this many ranges of days in one read: a statement's text stays short, and its plan cheap. */
	static final int DAY_RANGES = 8;

	private static String[] wireNames(Set<EventType> types) {
		return types.stream().map(EventType::wireName).sorted().toArray(String[]::new);
	}

	/**
	 * The seq up to which readers may read (see {@link #after}), 0 for an empty log: the safe bound of
	 * {@link AppendHorizon} itself. Every seq up to it is final (committed, or never to appear: a rolled-back
	 * append's seqs are a gap), so a reader that has read up to it may move its position there; no query of
	 * the log (its largest seq up to the bound would need an index on seq alone, which every append would
	 * pay for).
	 */
	public long lastSeq() {
		return horizon.safeSeq();
	}

	/** One row of any of the column lists above (by position: they all list the same columns in the same order). */
	private PlatformEvent map(ResultSet rs, int row) throws SQLException {
		BigDecimal value = rs.getBigDecimal(8);
		Money amount = value == null ? null : new Money(value, rs.getString(9), rs.getBigDecimal(10));
		String attributes = rs.getString(11);
		String type = rs.getString(3);
		EventType known = EventType.fromWire(type).orElseThrow(() -> new IllegalStateException("Unknown event type in the log: " + type));
		java.time.OffsetDateTime occurredAt = rs.getObject(4, java.time.OffsetDateTime.class);
		return new PlatformEvent(rs.getLong(1), rs.getString(2), known, occurredAt == null ? null : occurredAt.toInstant(),
				rs.getString(5), rs.getString(6), rs.getString(7), amount,
				attributes == null ? Map.of() : Map.copyOf(json.readValue(attributes, ATTRIBUTES)));
	}
}
