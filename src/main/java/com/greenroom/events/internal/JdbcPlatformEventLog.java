package com.greenroom.events.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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
		// one index range of (creator_id, occurred_at, seq) per window, probed in a nested loop
		jdbc.sql("""
				select e.*, w.i from unnest(cast(:c as text[]), cast(:f as timestamptz[]), cast(:t as timestamptz[])) with ordinality as w(c, f, t, i)
				cross join lateral (""" + COLUMNS + """
				 where creator_id = w.c and occurred_at >= w.f and occurred_at < w.t and (cast(:types as text[]) is null or type = any(:types))) e
				order by w.i, e.occurred_at, e.seq""")
			.param("types", types == null ? null : wireNames(types))
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
	 * Read as every slot from {@code seq} ({@link #afterInSlots}): the log has no index on seq alone.
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
	 * slot's position and at most {@code upTo}, in arrival order: one index range per slot on
	 * {@code (shard, seq)}, merged by seq (a Merge Append that stops after {@code limit} rows), also when every
	 * slot of the log is asked from one position (a rebuild, a first catch-up): the log has no index on seq
	 * alone. {@code upTo} must be at most {@link #lastSeq()} read before (the safe bound of
	 * {@link AppendHorizon}), in a READ COMMITTED transaction.
	 */
	public List<PlatformEvent> afterInSlots(Map<Integer, Long> positions, long upTo, int limit) {
		return afterInSlots(positions, upTo, limit, null, null);
	}

	/**
	 * As {@link #afterInSlots(Map, long, int)}, of the given event types only ({@code types}, null: all) and
	 * with the attributes of the given types only ({@code attributesOf}, null: all; the others come with
	 * none): what a projection does not read is neither sent by PostgreSQL nor decoded here.
	 */
	public List<PlatformEvent> afterInSlots(Map<Integer, Long> positions, long upTo, int limit, Set<EventType> types,
			Set<EventType> attributesOf) {
		if (positions.isEmpty() || types != null && types.isEmpty()) {
			return List.of();
		}
		String columns = attributesOf == null ? COLUMNS : attributesOf.isEmpty() ? COLUMNS_WITHOUT_ATTRIBUTES : COLUMNS_SOME_ATTRIBUTES;
		String typeFilter = types == null ? "" : " and type = any(:types)";
		Map<String, Object> params = new java.util.HashMap<>();
		if (types != null) {
			params.put("types", wireNames(types));
		}
		if (attributesOf != null && !attributesOf.isEmpty()) {
			params.put("attributeTypes", wireNames(attributesOf));
		}
		params.put("upTo", upTo);
		params.put("limit", limit);
		StringBuilder sql = new StringBuilder("select * from (");
		int i = 0;
		for (Map.Entry<Integer, Long> slot : positions.entrySet()) {
			if (i > 0) {
				sql.append(" union all ");
			}
			sql.append("(").append(columns).append(" where shard = :s").append(i).append(" and seq > :p").append(i)
				.append(" and seq <= :upTo").append(typeFilter).append(" order by seq limit :limit)");
			params.put("s" + i, slot.getKey().shortValue());
			params.put("p" + i, slot.getValue());
			i++;
		}
		sql.append(") as slots order by seq limit :limit");
		return jdbc.sql(sql.toString()).params(params).query(this::map).list();
	}

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
		return new PlatformEvent(rs.getLong(1), rs.getString(2), known, rs.getObject(4, java.time.OffsetDateTime.class).toInstant(),
				rs.getString(5), rs.getString(6), rs.getString(7), amount,
				attributes == null ? Map.of() : Map.copyOf(json.readValue(attributes, ATTRIBUTES)));
	}
}
