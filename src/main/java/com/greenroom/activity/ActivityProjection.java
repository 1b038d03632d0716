package com.greenroom.activity;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.events.EventType;
import com.greenroom.events.PlatformEvent;
import com.greenroom.events.PlatformEventLog;
import com.greenroom.events.Projection;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.system.Checks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creator days, lifetime totals and streams from the event log, applied incrementally: each batch
 * becomes per-creator-day and per-stream deltas, written with a handful of set-based statements
 * ({@code insert … select from unnest(…) on conflict do update}) whatever the batch size, so the rate does
 * not depend on how many creators there are or how long their history is.
 * <ul>
 * <li>Counters (gifts, revenue, subscriptions, follows, reports) add up whatever the order. Streams per
 * day and viewers per day are keyed rows ({@code activity_day_stream}, {@code activity_viewer_day}):
 * only a key not yet there counts, and a viewer's first join of the day moves earlier with a late join.
 * Unique and retained viewers come from {@code activity_creator_viewer} (days per viewer).</li>
 * <li>A stream's room (who is in it, its level and peak) is carried forward event by event while its
 * joins, leaves, start and end arrive in event-time order; its live seconds and the day's peak follow as
 * deltas, when the day has no other stream of the creator.</li>
 * <li>Everything else is recomputed from the log, as before, for just the keys concerned: a stream with
 * a late join, leave, start or end; a day with two of the creator's streams; a day holding an event at or
 * below the creator's {@code applied_seq} (a replay, or a quarantined event retried); every day of a
 * creator whose time zone changed. Those recomputations read only events up to the batch's last seq, so
 * an event appended meanwhile is counted once, when its batch comes.</li>
 * </ul>
 * A creator's days are counted in the time zone of its latest {@code creator.registered} (its
 * {@code timezone}, else its region's zone); before that, the roster's zone if the creator was added by
 * hand, else UTC. A rebuild (reset, then replay) gives the same tables.
 */
@Component
class ActivityProjection implements Projection {

	static final Comparator<PlatformEvent> LATEST = Comparator.comparing(PlatformEvent::occurredAt).thenComparing(PlatformEvent::id);

	static final Comparator<PlatformEvent> EVENT_ORDER = Comparator.comparing(PlatformEvent::occurredAt)
		.thenComparingLong(PlatformEvent::seq);

	/** Which of the batch's (stream, viewer) pairs are in their rooms: see {@link #presentViewers}. */
	static final String PRESENT_VIEWERS = """
			select x.stream_id, x.viewer_id from unnest(cast(:s as text[]), cast(:v as text[])) as x(stream_id, viewer_id)
			where exists (select from activity_stream_viewer p where p.stream_id = x.stream_id and p.viewer_id = x.viewer_id offset 0)""";

	/** The viewer-day and creator-viewer upkeep of a batch: see {@link #writeViewers}. */
	static final String VIEWER_WRITE = """
			with x as (select c, date 'epoch' + d as d, v, timestamptz 'epoch' + m * interval '1 microsecond' as t
			           from unnest(cast(:c as text[]), cast(:d as int[]), cast(:v as text[]), cast(:t as bigint[])) as u(c, d, v, m)),
			vd as materialized (
			       select x.c, x.d, x.v, x.t, t.stored, t.tid
			       from x left join lateral (select t.first_joined_at as stored, t.ctid as tid from activity_viewer_day t
			                                 where t.creator_id = x.c and t.day = x.d and t.viewer_id = x.v offset 0) t on true),
			vd_earlier as (update activity_viewer_day t set first_joined_at = vd.t from vd
			               where t.ctid = any(array(select vd.tid from vd where vd.t < vd.stored))
			                 and t.ctid = vd.tid and vd.t < vd.stored),
			vd_new as (insert into activity_viewer_day (creator_id, day, viewer_id, first_joined_at)
			           select c, d, v, t from vd where tid is null),
			k as (select c, v, sum(k)::int as k
			      from (select c, v, 1 as k from vd where tid is null
			            union all
			            select * from unnest(cast(:rc as text[]), cast(:rv as text[]), cast(:rk as int[]))) x
			      group by c, v having sum(k) <> 0),
			cv as materialized (
			       select k.c, k.v, k.k, coalesce(t.days, 0) as stored, t.tid
			       from k left join lateral (select t.days, t.ctid as tid from activity_creator_viewer t
			                                 where t.creator_id = k.c and t.viewer_id = k.v offset 0) t on true),
			cv_more as (update activity_creator_viewer t set days = cv.stored + cv.k from cv
			            where t.ctid = any(array(select cv.tid from cv where cv.stored + cv.k > 0))
			              and t.ctid = cv.tid and cv.stored + cv.k > 0),
			cv_none as (delete from activity_creator_viewer t using cv
			            where t.ctid = any(array(select cv.tid from cv where cv.stored + cv.k <= 0))
			              and t.ctid = cv.tid and cv.stored + cv.k <= 0),
			cv_new as (insert into activity_creator_viewer (creator_id, viewer_id, days) select c, v, k from cv where tid is null and k > 0)
			select 'D' as kind, c, d, count(*)::int as a, 0 as r from vd where tid is null group by c, d
			union all
			select 'V', c, null, sum((stored + k > 0)::int - (stored > 0)::int)::int, sum((stored + k >= 2)::int - (stored >= 2)::int)::int
			from cv group by c""";

	private final JdbcClient jdbc;

	private final PlatformEventLog log;

	private final Regions regions;

	private final Creators creators;

	private final ApplicationEventPublisher events;

	ActivityProjection(JdbcClient jdbc, PlatformEventLog log, Regions regions, Creators creators, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.log = log;
		this.regions = regions;
		this.creators = creators;
		this.events = events;
	}

	@Override
	public String name() {
		return "activity";
	}

	/** What one batch does, for the benchmark's and the log's curiosity: keys applied as deltas and recomputed. */
	record Applied(int creators, int streams, int slowStreams, int slowDays) {
	}

	private volatile Applied last = new Applied(0, 0, 0, 0);

	Applied lastBatch() {
		return last;
	}

	@Override
	@Transactional
	public void apply(List<PlatformEvent> batch) {
		ActivityRecomputed recomputed = applyUnannounced(batch);
		if (recomputed != null) {
			events.publishEvent(recomputed);
		}
	}

	/**
	 * As {@link #apply(List)}, but the batch is not announced to the listeners of {@link ActivityRecomputed} (milestones,
	 * retention, the roster's figures): what it would announce is returned instead, or null for a batch without a creator.
	 * The milestone tracker reads a batch's qualifying events from the log, and {@link ActivityWarmUp}'s made-up batches
	 * are in none. Announcing is left to the caller rather than to a flag, so the warm-up and the real batches run the same
	 * compiled code: a branch the warm-up never took sent the compiled method back to the interpreter in the catch-up.
	 */
	ActivityRecomputed applyUnannounced(List<PlatformEvent> batch) {
		Map<String, List<PlatformEvent>> byCreator = new LinkedHashMap<>();
		long watermark = 0;
		for (PlatformEvent event : batch) {
			if (event.creatorId() != null) {
				byCreator.computeIfAbsent(event.creatorId(), k -> new ArrayList<>()).add(event);
				watermark = Math.max(watermark, event.seq());
			}
		}
		if (byCreator.isEmpty()) {
			return null;
		}
		Batch b = new Batch(watermark);
		Map<String, StoredCreator> stored = storedCreators(byCreator.keySet());
		List<Object[]> zoneRows = new ArrayList<>();
		for (Map.Entry<String, List<PlatformEvent>> entry : byCreator.entrySet()) {
			String creatorId = entry.getKey();
			StoredCreator before = stored.get(creatorId);
			Optional<CreatorZone> storedZone = Optional.ofNullable(before).map(StoredCreator::zone);
			CreatorZone zone = chooseZone(creatorId, storedZone, entry.getValue(), b);
			ZoneId zoneId = ZoneId.of(zone.timeZone());
			b.zones.put(creatorId, zoneId);
			long applied = before == null ? 0 : before.appliedSeq();
			long maxSeq = entry.getValue().stream().mapToLong(PlatformEvent::seq).max().orElse(0);
			zoneRows.add(new Object[] { creatorId, zone.timeZone(), zone.source(), timestamp(zone.registrationAt()), zone.registrationEventId(),
					Math.max(applied, maxSeq) });
			if (storedZone.isPresent() && !storedZone.get().timeZone().equals(zone.timeZone())) {
				b.rezoned.add(creatorId);
			}
			Set<LocalDate> days = b.touched.computeIfAbsent(creatorId, k -> new TreeSet<>());
			for (PlatformEvent event : entry.getValue()) {
				LocalDate day = LocalDate.ofInstant(event.occurredAt(), zoneId);
				days.add(day);
				if (event.seq() <= applied) {
					b.slow(creatorId, day);
				}
			}
			b.earliest.put(creatorId, entry.getValue().stream().map(PlatformEvent::occurredAt).min(Instant::compareTo).orElseThrow());
		}
		saveZones(zoneRows);
		for (String creatorId : b.rezoned) {
			for (String table : List.of("activity_creator_day", "activity_viewer_day", "activity_day_stream", "activity_creator_viewer")) {
				jdbc.sql("delete from " + table + " where creator_id = :c").param("c", creatorId).update();
			}
		}
		applyStreams(batch, b);
		for (String creatorId : b.rezoned) {
			Set<LocalDate> all = allDays(creatorId, b.zones.get(creatorId), b.watermark);
			b.touched.get(creatorId).addAll(all);
			all.forEach(day -> b.slow(creatorId, day));
		}
		applyEventDeltas(byCreator, b);
		for (Map.Entry<String, Set<LocalDate>> entry : b.slowDays.entrySet()) {
			for (LocalDate day : entry.getValue()) {
				recomputeDay(entry.getKey(), b.zones.get(entry.getKey()), day, b);
			}
		}
		writeDeltas(b);
		updateTotals(b);
		last = new Applied(byCreator.size(), b.streams, b.slowStreams, b.slowDays.values().stream().mapToInt(Set::size).sum());
		return new ActivityRecomputed(b.touched, b.earliest, b.rezoned);
	}

	/** Attributes read: a registration's zone (timezone, region, country) and a start's title and category. */
	@Override
	public Set<EventType> attributesOf() {
		return EnumSet.of(EventType.CREATOR_REGISTERED, EventType.STREAM_STARTED);
	}

	/**
	 * Empties the tables with {@code truncate}, not {@code delete}: a delete left every row and index entry dead until
	 * vacuum, and the replay that follows a reset inserts the same keys again, so each look-up of a key visited its dead
	 * entries first: a 1,000,000-event replay right after a reset by delete took 37–98 s in two of four runs, 15–19 s in
	 * the others, and 14–18 s in each of four after a truncation (docs/benchmarks.md, stop 26). Truncation holds the
	 * tables' exclusive lock until the reset commits (an instant: the replay runs after it); readers wait for it rather
	 * than see half a reset.
	 */
	@Override
	@Transactional
	public void reset() {
		jdbc.sql("""
				truncate activity_creator, activity_creator_day, activity_viewer_day, activity_stream, activity_stream_gift,
				         activity_stream_viewer, activity_day_stream, activity_creator_viewer""").update();
		events.publishEvent(new ActivityReset());
	}

	/** What one batch accumulates before it writes. */
	private static final class Batch {

		final long watermark;

		final Map<String, ZoneId> zones = new HashMap<>();

		final Set<String> rezoned = new LinkedHashSet<>();

		final Map<String, Set<LocalDate>> touched = new LinkedHashMap<>();

		final Map<String, Instant> earliest = new HashMap<>();

		/** Creator days recomputed from the log instead of applied as deltas. */
		final Map<String, Set<LocalDate>> slowDays = new LinkedHashMap<>();

		final Map<DayKey, DayDelta> deltas = new LinkedHashMap<>();

		/** What the delta-applied days add to each creator's lifetime totals (creators without a recomputed day). */
		final Map<String, TotalsDelta> totals = new HashMap<>();

		/** What the recomputed days change in each creator's day-based totals (the days as written less the days as they were). */
		final Map<String, RecountDelta> recounted = new HashMap<>();

		/** New (creator, day, stream key) rows, and (creator, day, viewer) first joins. */
		final Map<DayKey, Set<String>> starts = new LinkedHashMap<>();

		final Map<DayKey, Map<String, Instant>> joins = new LinkedHashMap<>();

		/** Change of each (creator, viewer)'s number of days, from recomputed days. */
		final Map<String, Map<String, Integer>> viewerDays = new LinkedHashMap<>();

		/** Change of each creator's unique and retained viewers, from the viewers' changed numbers of days. */
		final Map<String, int[]> viewerChange = new HashMap<>();

		/** Stream effects on days that wait for the check that the day has no other stream of the creator. */
		final List<StreamDayEffect> streamEffects = new ArrayList<>();

		final Map<String, List<StreamTimeline>> timelines = new HashMap<>();

		/** A region's time zone by a registration's (region, country), read once per batch. */
		final Map<List<String>, String> regionZones = new HashMap<>();

		int streams;

		int slowStreams;

		Batch(long watermark) {
			this.watermark = watermark;
		}

		void slow(String creatorId, LocalDate day) {
			slowDays.computeIfAbsent(creatorId, k -> new TreeSet<>()).add(day);
		}

		boolean isSlow(String creatorId, LocalDate day) {
			return rezoned.contains(creatorId) || slowDays.getOrDefault(creatorId, Set.of()).contains(day);
		}

		DayDelta delta(String creatorId, LocalDate day) {
			return deltas.computeIfAbsent(new DayKey(creatorId, day), k -> new DayDelta());
		}
	}

	record DayKey(String creatorId, LocalDate day) {
	}

	/** Additions to one creator day; {@code peak} is a candidate the stored peak is raised to. */
	private static final class DayDelta {

		int streams;

		long liveSeconds;

		int viewers;

		int peak;

		int gifts;

		BigDecimal giftUsd = BigDecimal.ZERO;

		int subscriptions;

		BigDecimal subscriptionUsd = BigDecimal.ZERO;

		int follows;

		int reports;

		boolean isEmpty() {
			return streams == 0 && liveSeconds == 0 && viewers == 0 && peak == 0 && gifts == 0 && subscriptions == 0 && follows == 0
					&& reports == 0;
		}

		/** Adds another day's additions: counters add up, the peak candidate is the higher one. */
		void add(DayDelta other) {
			streams += other.streams;
			liveSeconds += other.liveSeconds;
			viewers += other.viewers;
			peak = Math.max(peak, other.peak);
			gifts += other.gifts;
			giftUsd = giftUsd.add(other.giftUsd);
			subscriptions += other.subscriptions;
			subscriptionUsd = subscriptionUsd.add(other.subscriptionUsd);
			follows += other.follows;
			reports += other.reports;
		}
	}

	/**
	 * The change of a creator's day-based totals from days written as deltas (counters only grow, peaks only rise):
	 * the days' additions summed, plus the days turning active and the first and last day.
	 */
	private static final class TotalsDelta {

		final DayDelta sum = new DayDelta();

		int activeDays;

		LocalDate firstDay;

		LocalDate lastDay;

		void add(LocalDate day, DayDelta delta, boolean becameActive) {
			activeDays += becameActive ? 1 : 0;
			sum.add(delta);
			firstDay = firstDay == null || day.isBefore(firstDay) ? day : firstDay;
			lastDay = lastDay == null || day.isAfter(lastDay) ? day : lastDay;
		}
	}

	/**
	 * The change of a creator's day-based totals from recomputed days, which may also lower a day: counters move by
	 * the days' new values less their old ones; the peak needs the highest old and new peak of those days.
	 */
	private static final class RecountDelta {

		final DayDelta change = new DayDelta();

		int activeDays;

		int oldPeak;

		int newPeak;

		/** One day's row as it was and as written (null: no row), as {@link #DAY_ROW} reads it. */
		void replace(Object[] old, Object[] now) {
			add(old, -1);
			add(now, 1);
			oldPeak = Math.max(oldPeak, old == null ? 0 : (Integer) old[3]);
			newPeak = Math.max(newPeak, now == null ? 0 : (Integer) now[3]);
		}

		private void add(Object[] row, int sign) {
			if (row == null) {
				return;
			}
			activeDays += (Boolean) row[0] ? sign : 0;
			change.streams += sign * (Integer) row[1];
			change.liveSeconds += sign * (Long) row[2];
			change.gifts += sign * (Integer) row[4];
			change.giftUsd = change.giftUsd.add(((BigDecimal) row[5]).multiply(BigDecimal.valueOf(sign)));
			change.subscriptions += sign * (Integer) row[6];
			change.subscriptionUsd = change.subscriptionUsd.add(((BigDecimal) row[7]).multiply(BigDecimal.valueOf(sign)));
			change.follows += sign * (Integer) row[8];
			change.reports += sign * (Integer) row[9];
		}
	}

	/** The columns of a creator day that its creator's totals add up, in the order {@link RecountDelta} takes them. */
	static final String DAY_ROW = "active, streams, live_seconds, peak_concurrent_viewers, gifts, gift_revenue_usd, subscriptions, "
			+ "subscription_revenue_usd, follows, reports";

	private static final org.springframework.jdbc.core.RowMapper<Object[]> DAY_ROW_MAPPER = (rs, n) -> new Object[] { rs.getBoolean(1),
			rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getInt(5), rs.getBigDecimal(6), rs.getInt(7), rs.getBigDecimal(8), rs.getInt(9),
			rs.getInt(10) };

	record StreamDayEffect(String creatorId, String streamId, LocalDate day, long liveSeconds, int peak) {
	}

	// ---------------------------------------------------------------- creators and zones

	record CreatorZone(String timeZone, String source, Instant registrationAt, String registrationEventId) {
	}

	record StoredCreator(CreatorZone zone, long appliedSeq) {
	}

	private Map<String, StoredCreator> storedCreators(Set<String> creatorIds) {
		Map<String, StoredCreator> stored = new HashMap<>();
		jdbc.sql("""
				select creator_id, time_zone, zone_source, registration_at, registration_event_id, applied_seq
				from activity_creator where creator_id = any(:ids)""")
			.param("ids", creatorIds.toArray(String[]::new))
			.query(rs -> {
				stored.put(rs.getString(1), new StoredCreator(new CreatorZone(rs.getString(2), rs.getString(3),
						rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5)), rs.getLong(6)));
			});
		return stored;
	}

	/** The latest registration (by event time, then id) decides; without one, the roster's zone, else UTC. */
	private CreatorZone chooseZone(String creatorId, Optional<CreatorZone> stored, List<PlatformEvent> batch, Batch b) {
		Optional<PlatformEvent> registration = batch.stream().filter(e -> e.type() == EventType.CREATOR_REGISTERED).max(LATEST);
		if (registration.isPresent()) {
			PlatformEvent event = registration.get();
			boolean newer = stored.map(CreatorZone::registrationAt).isEmpty() || event.occurredAt().isAfter(stored.get().registrationAt())
					|| event.occurredAt().equals(stored.get().registrationAt()) && event.id().compareTo(stored.get().registrationEventId()) > 0;
			if (newer) {
				return new CreatorZone(zoneOfRegistration(event, b), "REGISTRATION", event.occurredAt(), event.id());
			}
		}
		if (stored.isPresent() && stored.get().source().equals("REGISTRATION")) {
			return stored.get();
		}
		return creators.find(creatorId)
			.map(Creator::timeZone)
			.filter(Checks::isTimeZone)
			.map(zone -> new CreatorZone(zone, "ROSTER", null, null))
			.orElse(new CreatorZone("UTC", "DEFAULT", null, null));
	}

	/**
	 * The registration's time zone, else its region's (by its region, else its country), else UTC. A region's zone is
	 * looked up once per batch and (region, country): a batch of registrations without a zone of their own read it once each.
	 */
	private String zoneOfRegistration(PlatformEvent registration, Batch b) {
		String zone = registration.attribute("timezone");
		if (Checks.isTimeZone(zone)) {
			return zone;
		}
		String regionCode = registration.attribute("region");
		String country = registration.attribute("country");
		return b.regionZones.computeIfAbsent(Arrays.asList(regionCode, country), k -> {
			Optional<Region> region = regions.find(regionCode);
			if (region.isEmpty() && country != null) {
				region = regions.forCountry(country);
			}
			return region.map(Region::timeZone).filter(Checks::isTimeZone).orElse("UTC");
		});
	}

	private void saveZones(List<Object[]> rows) {
		jdbc.sql("""
				insert into activity_creator (creator_id, time_zone, zone_source, registration_at, registration_event_id, applied_seq)
				select * from unnest(cast(:c as text[]), cast(:zone as text[]), cast(:source as text[]), cast(:at as timestamptz[]),
				                     cast(:eventId as text[]), cast(:seq as bigint[]))
				on conflict (creator_id) do update set time_zone = excluded.time_zone, zone_source = excluded.zone_source,
				    registration_at = excluded.registration_at, registration_event_id = excluded.registration_event_id,
				    applied_seq = greatest(activity_creator.applied_seq, excluded.applied_seq)""")
			.param("c", rows.stream().map(r -> (String) r[0]).toArray(String[]::new))
			.param("zone", rows.stream().map(r -> (String) r[1]).toArray(String[]::new))
			.param("source", rows.stream().map(r -> (String) r[2]).toArray(String[]::new))
			.param("at", rows.stream().map(r -> (Timestamp) r[3]).toArray(Timestamp[]::new))
			.param("eventId", rows.stream().map(r -> (String) r[4]).toArray(String[]::new))
			.param("seq", rows.stream().map(r -> (Long) r[5]).toArray(Long[]::new))
			.update();
	}

	// ---------------------------------------------------------------- streams

	record StoredStream(String streamId, String creatorId, Instant startedAt, Instant endedAt, Instant lastEventAt, String title,
			String category, int level, Instant levelAt, int peakBefore, int reports, BigDecimal giftUsd, long appliedSeq,
			Instant firstEventAt) {

		Instant intervalEnd() {
			return endedAt != null ? endedAt : lastEventAt;
		}
	}

	private static boolean roomEvent(EventType type) {
		return type == EventType.VIEWER_JOINED || type == EventType.VIEWER_LEFT || type == EventType.STREAM_STARTED
				|| type == EventType.STREAM_ENDED;
	}

	private void applyStreams(List<PlatformEvent> batch, Batch b) {
		Map<String, List<PlatformEvent>> byStream = new LinkedHashMap<>();
		for (PlatformEvent event : batch) {
			if (event.creatorId() != null && event.streamId() != null) {
				byStream.computeIfAbsent(event.streamId(), k -> new ArrayList<>()).add(event);
			}
		}
		if (byStream.isEmpty()) {
			return;
		}
		b.streams = byStream.size();
		Map<String, StoredStream> stored = storedStreams(byStream.keySet());
		List<String> fast = new ArrayList<>();
		for (Map.Entry<String, List<PlatformEvent>> entry : byStream.entrySet()) {
			entry.getValue().sort(EVENT_ORDER);
			StoredStream old = stored.get(entry.getKey());
			boolean late = old != null && entry.getValue()
				.stream()
				.anyMatch(e -> e.seq() <= old.appliedSeq() || roomEvent(e.type()) && e.occurredAt().isBefore(old.lastEventAt()));
			if (late) {
				recomputeStream(entry.getKey(), old, entry.getValue(), b);
			}
			else {
				fast.add(entry.getKey());
			}
		}
		Map<String, Set<String>> present = presentViewers(fast, byStream);
		List<StreamState> states = new ArrayList<>();
		for (String streamId : fast) {
			StreamState state = StreamState.walk(streamId, stored.get(streamId), byStream.get(streamId),
					present.getOrDefault(streamId, Set.of()));
			if (state == null) {
				recomputeStream(streamId, stored.get(streamId), byStream.get(streamId), b);
			}
			else {
				states.add(state);
			}
		}
		saveStreams(states);
		for (StreamState state : states) {
			String creatorId = byStream.get(state.streamId).get(0).creatorId();
			ZoneId zone = b.zones.get(creatorId);
			state.dayEffects(zone).forEach(effect -> b.streamEffects.add(new StreamDayEffect(creatorId, state.streamId, effect.day(),
					effect.liveSeconds(), effect.peak())));
		}
		checkOtherStreams(b);
	}

	private Map<String, StoredStream> storedStreams(Set<String> streamIds) {
		Map<String, StoredStream> stored = new HashMap<>();
		jdbc.sql("""
				select stream_id, creator_id, started_at, ended_at, last_event_at, title, category, current_viewers, level_at, peak_before,
				       reports, gift_revenue_usd, applied_seq, first_event_at
				from activity_stream where stream_id = any(:ids)""")
			.param("ids", streamIds.toArray(String[]::new))
			.query(rs -> {
				stored.put(rs.getString(1), new StoredStream(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
						instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getString(6), rs.getString(7), rs.getInt(8),
						instant(rs.getTimestamp(9)), rs.getInt(10), rs.getInt(11), rs.getBigDecimal(12), rs.getLong(13),
						instant(rs.getTimestamp(14))));
			});
		return stored;
	}

	/**
	 * Of the viewers joining or leaving the given streams in the batch, those in the room before it: one index probe
	 * per (stream, viewer) pair, as in {@link #writeViewers}.
	 */
	private Map<String, Set<String>> presentViewers(List<String> streamIds, Map<String, List<PlatformEvent>> byStream) {
		List<String> streams = new ArrayList<>();
		List<String> viewers = new ArrayList<>();
		for (String streamId : streamIds) {
			Set<String> seen = new HashSet<>();
			for (PlatformEvent event : byStream.get(streamId)) {
				if ((event.type() == EventType.VIEWER_JOINED || event.type() == EventType.VIEWER_LEFT) && event.viewerId() != null
						&& seen.add(event.viewerId())) {
					streams.add(streamId);
					viewers.add(event.viewerId());
				}
			}
		}
		Map<String, Set<String>> present = new HashMap<>();
		if (streams.isEmpty()) {
			return present;
		}
		jdbc.sql(PRESENT_VIEWERS)
			.param("s", streams.toArray(String[]::new))
			.param("v", viewers.toArray(String[]::new))
			.query(rs -> {
				present.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
			});
		return present;
	}

	/**
	 * A stream carried forward over events that come after everything it has seen (event time, then
	 * arrival): the same result as {@link StreamTimeline} over all its events.
	 */
	static final class StreamState {

		final String streamId;

		final StoredStream old;

		String creatorId;

		Instant startedAt;

		Instant endedAt;

		Instant lastEventAt;

		Instant firstEventAt;

		String title;

		String category;

		int level;

		Instant levelAt;

		int peakBefore;

		int reports;

		BigDecimal giftUsd;

		final List<PlatformEvent> gifts = new ArrayList<>();

		/** Viewers whose presence changed: true = now in the room. */
		final Map<String, Boolean> presence = new LinkedHashMap<>();

		boolean emptied;

		/** The room's levels set by this batch (several changes at one instant count once, after all of them). */
		final List<StreamTimeline.Level> changes = new ArrayList<>();

		long appliedSeq;

		private StreamState(String streamId, StoredStream old) {
			this.streamId = streamId;
			this.old = old;
		}

		/** Null when the batch cannot be carried forward exactly (the stream is then recomputed from the log). */
		static StreamState walk(String streamId, StoredStream old, List<PlatformEvent> events, Set<String> presentBefore) {
			StreamState s = new StreamState(streamId, old);
			if (old != null) {
				s.creatorId = old.creatorId();
				s.startedAt = old.startedAt();
				s.endedAt = old.endedAt();
				s.lastEventAt = old.lastEventAt();
				s.firstEventAt = old.firstEventAt();
				s.title = old.title();
				s.category = old.category();
				s.level = old.level();
				s.levelAt = old.levelAt();
				s.peakBefore = old.peakBefore();
				s.reports = old.reports();
				s.giftUsd = old.giftUsd();
				s.appliedSeq = old.appliedSeq();
			}
			else {
				s.creatorId = events.get(0).creatorId();
				s.giftUsd = BigDecimal.ZERO;
			}
			Set<String> present = new HashSet<>(presentBefore);
			boolean ended = s.endedAt != null;
			for (PlatformEvent event : events) {
				s.appliedSeq = Math.max(s.appliedSeq, event.seq());
				s.lastEventAt = s.lastEventAt == null || event.occurredAt().isAfter(s.lastEventAt) ? event.occurredAt() : s.lastEventAt;
				s.firstEventAt = s.firstEventAt == null || event.occurredAt().isBefore(s.firstEventAt) ? event.occurredAt() : s.firstEventAt;
				switch (event.type()) {
					case REPORT_FILED -> s.reports++;
					case GIFT_SENT -> {
						s.gifts.add(event);
						s.giftUsd = s.giftUsd.add(StreamTimeline.usd(event));
					}
					case STREAM_STARTED -> {
						if (s.startedAt == null) {
							if (s.levelAt != null) {
								return null; // the room changed before its start: the start's day counts those levels
							}
							s.startedAt = event.occurredAt();
							s.title = event.attribute("title");
							s.category = event.attribute("category");
							s.creatorId = event.creatorId();
						}
					}
					case STREAM_ENDED -> {
						if (s.endedAt == null) {
							s.endedAt = event.occurredAt();
						}
					}
					default -> {
					}
				}
				if (ended) {
					continue;
				}
				int before = s.level;
				boolean changed = switch (event.type()) {
					case VIEWER_JOINED -> event.viewerId() != null && present.add(event.viewerId()) && mark(s, event.viewerId(), true);
					case VIEWER_LEFT -> event.viewerId() != null && present.remove(event.viewerId()) && mark(s, event.viewerId(), false);
					case STREAM_ENDED -> {
						ended = true;
						boolean any = s.level > 0;
						present.clear();
						s.presence.clear();
						s.emptied = true;
						s.level = 0;
						yield any;
					}
					default -> false;
				};
				if (!changed) {
					continue;
				}
				if (event.type() == EventType.VIEWER_JOINED) {
					s.level = before + 1;
				}
				else if (event.type() == EventType.VIEWER_LEFT) {
					s.level = before - 1;
				}
				if (s.levelAt != null && s.levelAt.equals(event.occurredAt())) {
					if (s.changes.isEmpty()) {
						return null; // replaces a level stored days may already have counted
					}
					s.changes.set(s.changes.size() - 1, new StreamTimeline.Level(event.occurredAt(), s.level));
				}
				else {
					if (s.levelAt != null) {
						s.peakBefore = Math.max(s.peakBefore, before);
					}
					s.levelAt = event.occurredAt();
					s.changes.add(new StreamTimeline.Level(event.occurredAt(), s.level));
				}
			}
			return s;
		}

		private static boolean mark(StreamState s, String viewerId, boolean in) {
			s.presence.put(viewerId, in);
			return true;
		}

		int peak() {
			return levelAt == null ? 0 : Math.max(peakBefore, level);
		}

		Instant intervalEnd() {
			return endedAt != null ? endedAt : lastEventAt;
		}

		record Effect(LocalDate day, long liveSeconds, int peak) {
		}

		/** Live seconds added to each creator day, and the level each day's peak must reach. */
		List<Effect> dayEffects(ZoneId zone) {
			if (startedAt == null) {
				return List.of();
			}
			Instant oldStart = old == null ? null : old.startedAt();
			Instant oldEnd = oldStart == null ? null : old.intervalEnd();
			Instant newEnd = intervalEnd();
			if (oldStart != null && oldEnd.equals(newEnd) && changes.isEmpty()) {
				return List.of();
			}
			LocalDate first = LocalDate.ofInstant(oldStart == null ? startedAt : oldEnd, zone);
			LocalDate lastDay = LocalDate.ofInstant(newEnd.isBefore(startedAt) ? startedAt : newEnd, zone);
			LocalDate oldLastDay = oldStart == null ? null : LocalDate.ofInstant(oldEnd.isBefore(oldStart) ? oldStart : oldEnd, zone);
			List<Effect> effects = new ArrayList<>();
			for (LocalDate day = first; !day.isAfter(lastDay); day = day.plusDays(1)) {
				Instant[] window = DayRollup.window(day, zone);
				long live = overlap(startedAt, newEnd, window) - (oldStart == null ? 0 : overlap(oldStart, oldEnd, window));
				int peak = 0;
				boolean newlyOverlapped = oldLastDay == null || day.isAfter(oldLastDay);
				if (newlyOverlapped) {
					peak = levelAtInstant(window[0]);
				}
				for (StreamTimeline.Level change : changes) {
					if (!change.at().isBefore(window[0]) && change.at().isBefore(window[1])) {
						peak = Math.max(peak, change.viewers());
					}
				}
				effects.add(new Effect(day, live, peak));
			}
			return effects;
		}

		/** The room's level in effect at an instant (the last change at or before it). */
		private int levelAtInstant(Instant instant) {
			int value = old == null || old.levelAt() == null || old.levelAt().isAfter(instant) ? 0 : old.level();
			for (StreamTimeline.Level change : changes) {
				if (!change.at().isAfter(instant)) {
					value = change.viewers();
				}
			}
			return value;
		}

		private static long overlap(Instant start, Instant end, Instant[] window) {
			Instant from = start.isAfter(window[0]) ? start : window[0];
			Instant to = end.isBefore(window[1]) ? end : window[1];
			return to.isAfter(from) ? Duration.between(from, to).toSeconds() : 0;
		}
	}

	private void saveStreams(List<StreamState> states) {
		if (states.isEmpty()) {
			return;
		}
		int n = states.size();
		String[] ids = new String[n];
		String[] creatorIds = new String[n];
		Long[] started = new Long[n];
		Long[] ended = new Long[n];
		Long[] last = new Long[n];
		String[] titles = new String[n];
		String[] categories = new String[n];
		Integer[] current = new Integer[n];
		Integer[] peak = new Integer[n];
		Integer[] reports = new Integer[n];
		BigDecimal[] usd = new BigDecimal[n];
		Long[] seq = new Long[n];
		Long[] levelAt = new Long[n];
		Integer[] peakBefore = new Integer[n];
		Long[] first = new Long[n];
		List<String> giftStreams = new ArrayList<>();
		List<String> giftIds = new ArrayList<>();
		List<Long> giftAts = new ArrayList<>();
		List<BigDecimal> giftUsds = new ArrayList<>();
		List<String> emptied = new ArrayList<>();
		List<String> inStreams = new ArrayList<>();
		List<String> inViewers = new ArrayList<>();
		List<String> outStreams = new ArrayList<>();
		List<String> outViewers = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			StreamState s = states.get(i);
			ids[i] = s.streamId;
			creatorIds[i] = s.creatorId;
			started[i] = micros(s.startedAt);
			ended[i] = micros(s.endedAt);
			last[i] = micros(s.lastEventAt);
			titles[i] = s.title;
			categories[i] = s.category;
			current[i] = s.level;
			peak[i] = s.peak();
			reports[i] = s.reports;
			usd[i] = s.giftUsd;
			seq[i] = s.appliedSeq;
			levelAt[i] = micros(s.levelAt);
			peakBefore[i] = s.peakBefore;
			first[i] = micros(s.firstEventAt);
			for (PlatformEvent gift : s.gifts) {
				giftStreams.add(s.streamId);
				giftIds.add(gift.id());
				giftAts.add(micros(gift.occurredAt()));
				giftUsds.add(StreamTimeline.usd(gift));
			}
			if (s.emptied) {
				emptied.add(s.streamId);
			}
			s.presence.forEach((viewer, in) -> {
				(in ? inStreams : outStreams).add(s.streamId);
				(in ? inViewers : outViewers).add(viewer);
			});
		}
		jdbc.sql("""
				insert into activity_stream (stream_id, creator_id, started_at, ended_at, last_event_at, title, category, current_viewers,
				                             peak_viewers, reports, gift_revenue_usd, applied_seq, level_at, peak_before, first_event_at)
				select id, c, timestamptz 'epoch' + st * interval '1 microsecond', timestamptz 'epoch' + en * interval '1 microsecond',
				       timestamptz 'epoch' + la * interval '1 microsecond', ti, ca, cu, pe, re, us, sq,
				       timestamptz 'epoch' + lv * interval '1 microsecond', pb, timestamptz 'epoch' + fi * interval '1 microsecond'
				from unnest(cast(:ids as text[]), cast(:creators as text[]), cast(:started as bigint[]), cast(:ended as bigint[]),
				            cast(:last as bigint[]), cast(:titles as text[]), cast(:categories as text[]), cast(:current as int[]),
				            cast(:peak as int[]), cast(:reports as int[]), cast(:usd as numeric[]), cast(:seq as bigint[]),
				            cast(:levelAt as bigint[]), cast(:peakBefore as int[]), cast(:first as bigint[]))
				     as x(id, c, st, en, la, ti, ca, cu, pe, re, us, sq, lv, pb, fi)
				on conflict (stream_id) do update set creator_id = excluded.creator_id, started_at = excluded.started_at,
				    ended_at = excluded.ended_at, last_event_at = excluded.last_event_at, title = excluded.title, category = excluded.category,
				    current_viewers = excluded.current_viewers, peak_viewers = excluded.peak_viewers, reports = excluded.reports,
				    gift_revenue_usd = excluded.gift_revenue_usd, applied_seq = excluded.applied_seq, level_at = excluded.level_at,
				    peak_before = excluded.peak_before, first_event_at = excluded.first_event_at""")
			.param("ids", ids)
			.param("creators", creatorIds)
			.param("started", started)
			.param("ended", ended)
			.param("last", last)
			.param("titles", titles)
			.param("categories", categories)
			.param("current", current)
			.param("peak", peak)
			.param("reports", reports)
			.param("usd", usd)
			.param("seq", seq)
			.param("levelAt", levelAt)
			.param("peakBefore", peakBefore)
			.param("first", first)
			.update();
		if (!giftIds.isEmpty()) {
			jdbc.sql("""
					insert into activity_stream_gift (stream_id, event_id, occurred_at, usd)
					select s, id, timestamptz 'epoch' + m * interval '1 microsecond', usd
					from unnest(cast(:s as text[]), cast(:ids as text[]), cast(:ats as bigint[]), cast(:usds as numeric[])) as x(s, id, m, usd)
					on conflict do nothing""")
				.param("s", giftStreams.toArray(String[]::new))
				.param("ids", giftIds.toArray(String[]::new))
				.param("ats", giftAts.toArray(Long[]::new))
				.param("usds", giftUsds.toArray(BigDecimal[]::new))
				.update();
		}
		if (!emptied.isEmpty()) {
			jdbc.sql("delete from activity_stream_viewer where stream_id = any(:s)").param("s", emptied.toArray(String[]::new)).update();
		}
		if (!outStreams.isEmpty()) {
			jdbc.sql("""
					delete from activity_stream_viewer p using unnest(cast(:s as text[]), cast(:v as text[])) as x(stream_id, viewer_id)
					where p.stream_id = x.stream_id and p.viewer_id = x.viewer_id""")
				.param("s", outStreams.toArray(String[]::new))
				.param("v", outViewers.toArray(String[]::new))
				.update();
		}
		if (!inStreams.isEmpty()) {
			jdbc.sql("""
					insert into activity_stream_viewer (stream_id, viewer_id)
					select * from unnest(cast(:s as text[]), cast(:v as text[])) on conflict do nothing""")
				.param("s", inStreams.toArray(String[]::new))
				.param("v", inViewers.toArray(String[]::new))
				.update();
		}
	}

	/**
	 * Rebuilds a stream from its events in the log up to the batch's watermark, and marks every creator
	 * day of its old and new live interval for recomputation.
	 */
	private void recomputeStream(String streamId, StoredStream old, List<PlatformEvent> batchEvents, Batch b) {
		b.slowStreams++;
		// every event of the stream up to the watermark lies between the stored row's first and last event and the batch's
		Set<String> owners = new LinkedHashSet<>();
		Instant from = batchEvents.stream().map(PlatformEvent::occurredAt).min(Instant::compareTo).orElseThrow();
		Instant to = batchEvents.stream().map(PlatformEvent::occurredAt).max(Instant::compareTo).orElseThrow();
		if (old != null) {
			owners.add(old.creatorId());
			from = earliest(from, old.firstEventAt(), old.startedAt(), old.lastEventAt());
			to = old.lastEventAt() != null && old.lastEventAt().isAfter(to) ? old.lastEventAt() : to;
		}
		batchEvents.forEach(e -> owners.add(e.creatorId()));
		List<PlatformEvent> events = log.eventsOfStream(streamId, owners, from, to).stream().filter(e -> e.seq() <= b.watermark).toList();
		if (events.isEmpty()) {
			events = batchEvents; // not readable from the log (a direct apply in a test): what the batch says
		}
		StreamTimeline stream = StreamTimeline.of(streamId, events);
		saveStream(stream, events.stream().mapToLong(PlatformEvent::seq).max().orElse(0),
				events.stream().map(PlatformEvent::occurredAt).min(Instant::compareTo).orElseThrow());
		Set<String> creatorIds = new LinkedHashSet<>();
		batchEvents.forEach(e -> creatorIds.add(e.creatorId()));
		for (String creatorId : creatorIds) {
			ZoneId zone = b.zones.get(creatorId);
			Set<LocalDate> days = new TreeSet<>();
			if (old != null && old.startedAt() != null) {
				days.addAll(datesBetween(old.startedAt(), old.intervalEnd(), zone));
			}
			if (stream.startedAt != null) {
				days.addAll(datesBetween(stream.startedAt, stream.intervalEnd(), zone));
			}
			b.touched.get(creatorId).addAll(days);
			days.forEach(day -> b.slow(creatorId, day));
		}
	}

	private void saveStream(StreamTimeline stream, long appliedSeq, Instant firstEventAt) {
		jdbc.sql("""
				insert into activity_stream (stream_id, creator_id, started_at, ended_at, last_event_at, title, category, current_viewers,
				                             peak_viewers, reports, gift_revenue_usd, applied_seq, level_at, peak_before, first_event_at)
				values (:s, :c, :started, :ended, :last, :title, :category, :current, :peak, :reports, :usd, :seq, :levelAt, :peakBefore,
				        :first)
				on conflict (stream_id) do update set creator_id = excluded.creator_id, started_at = excluded.started_at,
				    ended_at = excluded.ended_at, last_event_at = excluded.last_event_at, title = excluded.title, category = excluded.category,
				    current_viewers = excluded.current_viewers, peak_viewers = excluded.peak_viewers, reports = excluded.reports,
				    gift_revenue_usd = excluded.gift_revenue_usd, applied_seq = excluded.applied_seq, level_at = excluded.level_at,
				    peak_before = excluded.peak_before, first_event_at = excluded.first_event_at""")
			.param("s", stream.streamId)
			.param("c", stream.creatorId)
			.param("started", timestamp(stream.startedAt))
			.param("ended", timestamp(stream.endedAt))
			.param("last", timestamp(stream.lastEventAt))
			.param("title", stream.title)
			.param("category", stream.category)
			.param("current", stream.currentViewers())
			.param("peak", stream.peakViewers)
			.param("reports", stream.reports)
			.param("usd", stream.giftRevenueUsd())
			.param("seq", appliedSeq)
			.param("levelAt", timestamp(stream.levelAt()))
			.param("peakBefore", stream.peakBefore())
			.param("first", timestamp(firstEventAt))
			.update();
		jdbc.sql("delete from activity_stream_gift where stream_id = :s").param("s", stream.streamId).update();
		if (!stream.gifts.isEmpty()) {
			jdbc.sql(
					"""
							insert into activity_stream_gift (stream_id, event_id, occurred_at, usd)
							select :s, id, at, usd from unnest(cast(:ids as text[]), cast(:ats as timestamptz[]), cast(:usds as numeric[])) as g(id, at, usd)
							on conflict do nothing""")
				.param("s", stream.streamId)
				.param("ids", stream.gifts.stream().map(PlatformEvent::id).toArray(String[]::new))
				.param("ats", stream.gifts.stream().map(g -> timestamp(g.occurredAt())).toArray(Timestamp[]::new))
				.param("usds", stream.gifts.stream().map(StreamTimeline::usd).toArray(BigDecimal[]::new))
				.update();
		}
		jdbc.sql("delete from activity_stream_viewer where stream_id = :s").param("s", stream.streamId).update();
		if (!stream.present.isEmpty()) {
			jdbc.sql("insert into activity_stream_viewer (stream_id, viewer_id) select :s, v from unnest(cast(:v as text[])) as v")
				.param("s", stream.streamId)
				.param("v", stream.present.toArray(String[]::new))
				.update();
		}
	}

	/**
	 * A stream's delta on a day is exact only when no other stream of the creator is live that day (the
	 * day's peak adds the rooms up instant by instant); such days are recomputed instead.
	 */
	private void checkOtherStreams(Batch b) {
		if (b.streamEffects.isEmpty()) {
			return;
		}
		Map<String, Instant> since = new HashMap<>();
		for (StreamDayEffect effect : b.streamEffects) {
			Instant from = DayRollup.window(effect.day(), b.zones.get(effect.creatorId()))[0];
			since.merge(effect.creatorId(), from, (x, y) -> x.isBefore(y) ? x : y);
		}
		record Interval(String streamId, Instant start, Instant end) {
		}
		Map<String, List<Interval>> intervals = new HashMap<>();
		jdbc.sql("""
				select s.creator_id, s.stream_id, s.started_at, coalesce(s.ended_at, s.last_event_at)
				from unnest(cast(:c as text[]), cast(:since as timestamptz[])) as x(creator_id, since)
				join activity_stream s on s.creator_id = x.creator_id
				where s.started_at is not null and coalesce(s.ended_at, s.last_event_at) >= x.since""")
			.param("c", since.keySet().toArray(String[]::new))
			.param("since", since.values().stream().map(Timestamp::from).toArray(Timestamp[]::new))
			.query(rs -> {
				intervals.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
					.add(new Interval(rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
			});
		for (StreamDayEffect effect : b.streamEffects) {
			Instant[] window = DayRollup.window(effect.day(), b.zones.get(effect.creatorId()));
			boolean shared = intervals.getOrDefault(effect.creatorId(), List.of())
				.stream()
				.anyMatch(i -> !i.streamId().equals(effect.streamId()) && i.start().isBefore(window[1]) && !i.end().isBefore(window[0]));
			if (shared) {
				b.slow(effect.creatorId(), effect.day());
				b.touched.get(effect.creatorId()).add(effect.day());
			}
		}
	}

	// ---------------------------------------------------------------- creator days

	private void applyEventDeltas(Map<String, List<PlatformEvent>> byCreator, Batch b) {
		for (StreamDayEffect effect : b.streamEffects) {
			b.touched.get(effect.creatorId()).add(effect.day());
			if (!b.isSlow(effect.creatorId(), effect.day())) {
				DayDelta delta = b.delta(effect.creatorId(), effect.day());
				delta.liveSeconds += effect.liveSeconds();
				delta.peak = Math.max(delta.peak, effect.peak());
			}
		}
		for (Map.Entry<String, List<PlatformEvent>> entry : byCreator.entrySet()) {
			String creatorId = entry.getKey();
			ZoneId zone = b.zones.get(creatorId);
			for (PlatformEvent event : entry.getValue()) {
				LocalDate day = LocalDate.ofInstant(event.occurredAt(), zone);
				if (b.isSlow(creatorId, day)) {
					continue;
				}
				DayKey key = new DayKey(creatorId, day);
				switch (event.type()) {
					case STREAM_STARTED -> b.starts.computeIfAbsent(key, k -> new HashSet<>()).add(streamKey(event));
					case VIEWER_JOINED -> {
						if (event.viewerId() != null) {
							b.joins.computeIfAbsent(key, k -> new HashMap<>()).merge(event.viewerId(), event.occurredAt(),
									(x, y) -> x.isBefore(y) ? x : y);
						}
					}
					case GIFT_SENT -> {
						DayDelta delta = b.delta(creatorId, day);
						delta.gifts++;
						delta.giftUsd = delta.giftUsd.add(StreamTimeline.usd(event));
					}
					case SUBSCRIPTION_STARTED -> {
						DayDelta delta = b.delta(creatorId, day);
						delta.subscriptions++;
						delta.subscriptionUsd = delta.subscriptionUsd.add(StreamTimeline.usd(event));
					}
					case FOLLOW_CREATED -> b.delta(creatorId, day).follows++;
					case REPORT_FILED -> b.delta(creatorId, day).reports++;
					default -> {
					}
				}
			}
		}
	}

	private static String streamKey(PlatformEvent start) {
		return start.streamId() != null ? start.streamId() : "event:" + start.id();
	}

	/**
	 * Writes the batch's day deltas: new stream starts, first joins with the viewers' days, then the counters, in one
	 * statement each.
	 * A viewer's join of a day already held, no earlier than the stored first join, writes no new row version.
	 */
	private void writeDeltas(Batch b) {
		if (!b.starts.isEmpty()) {
			List<String> c = new ArrayList<>();
			List<LocalDate> d = new ArrayList<>();
			List<String> k = new ArrayList<>();
			b.starts.forEach((key, keys) -> keys.forEach(streamKey -> {
				c.add(key.creatorId());
				d.add(key.day());
				k.add(streamKey);
			}));
			jdbc.sql("""
					insert into activity_day_stream (creator_id, day, stream_key)
					select c, date 'epoch' + d, k from unnest(cast(:c as text[]), cast(:d as int[]), cast(:k as text[])) as x(c, d, k)
					on conflict do nothing
					returning creator_id, day""")
				.param("c", c.toArray(String[]::new))
				.param("d", d.stream().map(ActivityProjection::epochDay).toArray(Integer[]::new))
				.param("k", k.toArray(String[]::new))
				.query(rs -> {
					b.delta(rs.getString(1), rs.getObject(2, LocalDate.class)).streams++;
				});
		}
		writeViewers(b);
		List<Map.Entry<DayKey, DayDelta>> rows = b.deltas.entrySet().stream().filter(e -> !e.getValue().isEmpty()).toList();
		if (rows.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into activity_creator_day as t (creator_id, day, active, streams, live_seconds, unique_viewers, peak_concurrent_viewers,
				                                       gifts, gift_revenue_usd, subscriptions, subscription_revenue_usd, follows, reports)
				select c, date 'epoch' + d, s > 0, s, l, v, p, g, gu, su, suu, f, r
				from unnest(cast(:c as text[]), cast(:d as int[]), cast(:s as int[]), cast(:l as bigint[]), cast(:v as int[]),
				            cast(:p as int[]), cast(:g as int[]), cast(:gu as numeric[]), cast(:su as int[]), cast(:suu as numeric[]),
				            cast(:f as int[]), cast(:r as int[])) as x(c, d, s, l, v, p, g, gu, su, suu, f, r)
				on conflict (creator_id, day) do update set active = t.streams + excluded.streams > 0, streams = t.streams + excluded.streams,
				    live_seconds = t.live_seconds + excluded.live_seconds, unique_viewers = t.unique_viewers + excluded.unique_viewers,
				    peak_concurrent_viewers = greatest(t.peak_concurrent_viewers, excluded.peak_concurrent_viewers),
				    gifts = t.gifts + excluded.gifts, gift_revenue_usd = t.gift_revenue_usd + excluded.gift_revenue_usd,
				    subscriptions = t.subscriptions + excluded.subscriptions,
				    subscription_revenue_usd = t.subscription_revenue_usd + excluded.subscription_revenue_usd,
				    follows = t.follows + excluded.follows, reports = t.reports + excluded.reports
				returning t.creator_id, t.day, t.streams""")
			.param("c", rows.stream().map(e -> e.getKey().creatorId()).toArray(String[]::new))
			.param("d", rows.stream().map(e -> epochDay(e.getKey().day())).toArray(Integer[]::new))
			.param("s", rows.stream().map(e -> e.getValue().streams).toArray(Integer[]::new))
			.param("l", rows.stream().map(e -> e.getValue().liveSeconds).toArray(Long[]::new))
			.param("v", rows.stream().map(e -> e.getValue().viewers).toArray(Integer[]::new))
			.param("p", rows.stream().map(e -> e.getValue().peak).toArray(Integer[]::new))
			.param("g", rows.stream().map(e -> e.getValue().gifts).toArray(Integer[]::new))
			.param("gu", rows.stream().map(e -> e.getValue().giftUsd).toArray(BigDecimal[]::new))
			.param("su", rows.stream().map(e -> e.getValue().subscriptions).toArray(Integer[]::new))
			.param("suu", rows.stream().map(e -> e.getValue().subscriptionUsd).toArray(BigDecimal[]::new))
			.param("f", rows.stream().map(e -> e.getValue().follows).toArray(Integer[]::new))
			.param("r", rows.stream().map(e -> e.getValue().reports).toArray(Integer[]::new))
			.query(rs -> {
				String creatorId = rs.getString(1);
				LocalDate day = rs.getObject(2, LocalDate.class);
				DayDelta delta = b.deltas.get(new DayKey(creatorId, day));
				// streams only grow on this path: the day became active iff it had none before
				boolean becameActive = rs.getInt(3) > 0 && rs.getInt(3) - delta.streams <= 0;
				b.totals.computeIfAbsent(creatorId, k -> new TotalsDelta()).add(day, delta, becameActive);
			});
	}

	/** A (creator, day, viewer) first join of the batch, ordered as the primary key of {@code activity_viewer_day}. */
	private record ViewerDay(String creatorId, LocalDate day, String viewerId, Instant at) {

		static final Comparator<ViewerDay> KEY_ORDER = Comparator.comparing(ViewerDay::creatorId)
			.thenComparing(ViewerDay::day)
			.thenComparing(ViewerDay::viewerId);
	}

	/**
	 * Writes the batch's first joins of a viewer on a creator day and the change of each (creator, viewer)'s number
	 * of days in one statement: the viewer-day rows not stored yet (plus the recomputed days' changes) feed the
	 * creator-viewer rows inside PostgreSQL, and only per-day and per-creator counts come back: new viewers of each
	 * day, and the change of each creator's unique and retained viewers. A (creator, viewer) whose days fall to 0 is
	 * deleted by the same statement.
	 * <p>
	 * Each key is looked up once (one descent of the primary key, keys in its order), then written with a plain
	 * insert, an update in place by row id, or a delete, instead of {@code insert … on conflict}: an upsert's new row
	 * is a speculative insertion (a pre-check descent, a heavyweight speculative-insertion lock, and a confirmation
	 * WAL record) and its update first locks the row (one more WAL record, also for a repeated join whose stored first
	 * join is earlier and is left as it is). This is safe because no other transaction writes these rows meanwhile:
	 * a batch holds its slots' position rows, and a creator's events are all in one slot.
	 * <p>
	 * The look-ups are lateral sub-selects fenced by {@code offset 0}, so they stay index probes: as plain joins the
	 * planner hashed the whole table for a batch of thousands of keys (a sequential scan of every viewer day each
	 * batch, 143–234 ms against 25–29 ms of probes for 8,000 keys in a table of 400,000 rows), with or without the
	 * table's statistics (which a node catching up after a burst does not have yet). The updates and the delete by
	 * row id name their row ids as an array too ({@code ctid = any(…)}), so they are row-id fetches: joined on the row
	 * id alone, a plan made on stale statistics hashed a sequential scan of the whole table for them, even when they
	 * had no row to change.
	 */
	private void writeViewers(Batch b) {
		List<ViewerDay> rows = new ArrayList<>();
		b.joins.forEach((key, viewers) -> viewers.forEach((viewer, at) -> rows.add(new ViewerDay(key.creatorId(), key.day(), viewer, at))));
		rows.sort(ViewerDay.KEY_ORDER);
		List<String> rc = new ArrayList<>();
		List<String> rv = new ArrayList<>();
		List<Integer> rk = new ArrayList<>();
		b.viewerDays.forEach((creatorId, viewers) -> viewers.forEach((viewer, change) -> {
			if (change != 0) {
				rc.add(creatorId);
				rv.add(viewer);
				rk.add(change);
			}
		}));
		if (rows.isEmpty() && rc.isEmpty()) {
			return;
		}
		jdbc.sql(VIEWER_WRITE)
			.param("c", rows.stream().map(ViewerDay::creatorId).toArray(String[]::new))
			.param("d", rows.stream().map(r -> epochDay(r.day())).toArray(Integer[]::new))
			.param("v", rows.stream().map(ViewerDay::viewerId).toArray(String[]::new))
			.param("t", rows.stream().map(r -> micros(r.at())).toArray(Long[]::new))
			.param("rc", rc.toArray(String[]::new))
			.param("rv", rv.toArray(String[]::new))
			.param("rk", rk.toArray(Integer[]::new))
			.query(rs -> {
				if (rs.getString(1).equals("D")) {
					b.delta(rs.getString(2), rs.getObject(3, LocalDate.class)).viewers += rs.getInt(4);
				}
				else {
					b.viewerChange.put(rs.getString(2), new int[] { rs.getInt(4), rs.getInt(5) });
				}
			});
	}

	/** Every day with an event of the creator (up to the watermark), or inside one of its streams. */
	private Set<LocalDate> allDays(String creatorId, ZoneId zone, long watermark) {
		Set<LocalDate> days = new TreeSet<>();
		log.eventsOf(creatorId).stream().filter(e -> e.seq() <= watermark).forEach(e -> days.add(LocalDate.ofInstant(e.occurredAt(), zone)));
		jdbc.sql("select started_at, coalesce(ended_at, last_event_at) from activity_stream where creator_id = :c and started_at is not null")
			.param("c", creatorId)
			.query(rs -> {
				days.addAll(datesBetween(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), zone));
			});
		return days;
	}

	/** A stream row's owner and the event times its events span (its first event's, else its start's, up to its last event's). */
	record StreamSpan(String streamId, String creatorId, Instant from, Instant to) {
	}

	private List<StreamTimeline> timelines(List<StreamSpan> spans, Batch b) {
		List<StreamTimeline> streams = new ArrayList<>();
		for (StreamSpan span : spans) {
			List<StreamTimeline> cached = b.timelines.computeIfAbsent(span.streamId(), k -> {
				List<PlatformEvent> events = log.eventsOfStream(k, Set.of(span.creatorId()), span.from(), span.to())
					.stream()
					.filter(e -> e.seq() <= b.watermark)
					.toList();
				return events.isEmpty() ? List.of() : List.of(StreamTimeline.of(k, events));
			});
			streams.addAll(cached);
		}
		return streams;
	}

	/** One creator day from the log (events up to the watermark) and the streams live during it; replaces the stored day. */
	private void recomputeDay(String creatorId, ZoneId zone, LocalDate day, Batch b) {
		Instant[] window = DayRollup.window(day, zone);
		List<PlatformEvent> dayEvents = log.eventsOf(creatorId, window[0], window[1])
			.stream()
			.filter(e -> e.seq() <= b.watermark)
			.toList();
		List<StreamTimeline> streams = timelines(jdbc.sql("""
				select stream_id, creator_id, coalesce(first_event_at, least(started_at, last_event_at)), last_event_at from activity_stream
				where creator_id = :c and started_at is not null and started_at < :to and coalesce(ended_at, last_event_at) >= :from
				order by stream_id""")
			.param("c", creatorId)
			.param("from", timestamp(window[0]))
			.param("to", timestamp(window[1]))
			.query((rs, n) -> new StreamSpan(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()))
			.list(), b);
		DayRollup rollup = DayRollup.of(day, zone, dayEvents, streams);
		Object[] old = jdbc.sql("select " + DAY_ROW + " from activity_creator_day where creator_id = :c and day = :day")
			.param("c", creatorId)
			.param("day", day)
			.query(DAY_ROW_MAPPER)
			.optional()
			.orElse(null);
		List<String> before = jdbc.sql("delete from activity_viewer_day where creator_id = :c and day = :day returning viewer_id")
			.param("c", creatorId)
			.param("day", day)
			.query(String.class)
			.list();
		Map<String, Integer> viewerDays = b.viewerDays.computeIfAbsent(creatorId, k -> new HashMap<>());
		before.forEach(viewer -> viewerDays.merge(viewer, -1, Integer::sum));
		rollup.viewers().keySet().forEach(viewer -> viewerDays.merge(viewer, 1, Integer::sum));
		jdbc.sql("delete from activity_day_stream where creator_id = :c and day = :day").param("c", creatorId).param("day", day).update();
		Set<String> started = new LinkedHashSet<>();
		dayEvents.stream().filter(e -> e.type() == EventType.STREAM_STARTED).forEach(e -> started.add(streamKey(e)));
		if (!started.isEmpty()) {
			jdbc.sql("insert into activity_day_stream (creator_id, day, stream_key) select :c, :day, k from unnest(cast(:k as text[])) as k")
				.param("c", creatorId)
				.param("day", day)
				.param("k", started.toArray(String[]::new))
				.update();
		}
		RecountDelta recount = b.recounted.computeIfAbsent(creatorId, k -> new RecountDelta());
		if (rollup.empty()) {
			jdbc.sql("delete from activity_creator_day where creator_id = :c and day = :day").param("c", creatorId).param("day", day).update();
			recount.replace(old, null);
			return;
		}
		Object[] now = jdbc.sql("""
				insert into activity_creator_day (creator_id, day, active, streams, live_seconds, unique_viewers, peak_concurrent_viewers, gifts,
				                                  gift_revenue_usd, subscriptions, subscription_revenue_usd, follows, reports)
				values (:c, :day, :active, :streams, :live, :viewers, :peak, :gifts, :giftUsd, :subs, :subUsd, :follows, :reports)
				on conflict (creator_id, day) do update set active = excluded.active, streams = excluded.streams,
				    live_seconds = excluded.live_seconds, unique_viewers = excluded.unique_viewers,
				    peak_concurrent_viewers = excluded.peak_concurrent_viewers, gifts = excluded.gifts,
				    gift_revenue_usd = excluded.gift_revenue_usd, subscriptions = excluded.subscriptions,
				    subscription_revenue_usd = excluded.subscription_revenue_usd, follows = excluded.follows, reports = excluded.reports
				returning""" + " " + DAY_ROW)
			.param("c", creatorId)
			.param("day", day)
			.param("active", rollup.active())
			.param("streams", rollup.streams())
			.param("live", rollup.liveSeconds())
			.param("viewers", rollup.viewers().size())
			.param("peak", rollup.peakConcurrentViewers())
			.param("gifts", rollup.gifts())
			.param("giftUsd", rollup.giftRevenueUsd())
			.param("subs", rollup.subscriptions())
			.param("subUsd", rollup.subscriptionRevenueUsd())
			.param("follows", rollup.follows())
			.param("reports", rollup.reports())
			.query(DAY_ROW_MAPPER)
			.single();
		recount.replace(old, now);
		if (!rollup.viewers().isEmpty()) {
			List<String> ids = new ArrayList<>(rollup.viewers().keySet());
			jdbc.sql("""
					insert into activity_viewer_day (creator_id, day, viewer_id, first_joined_at)
					select :c, :day, v, t from unnest(cast(:viewers as text[]), cast(:times as timestamptz[])) as x(v, t)""")
				.param("c", creatorId)
				.param("day", day)
				.param("viewers", ids.toArray(String[]::new))
				.param("times", ids.stream().map(id -> timestamp(rollup.viewers().get(id))).toArray(Timestamp[]::new))
				.update();
		}
	}

	// ---------------------------------------------------------------- totals

	/**
	 * Applies the change of the creators' unique and retained viewers ({@link #writeViewers}) and the day-based
	 * totals from the creators' days.
	 */
	private void updateTotals(Batch b) {
		Map<String, int[]> viewerChange = b.viewerChange;
		List<String> recount = new ArrayList<>();
		List<String> replaced = new ArrayList<>();
		List<String> incremental = new ArrayList<>();
		for (String creatorId : b.touched.keySet()) {
			if (b.rezoned.contains(creatorId)) {
				recount.add(creatorId);
			}
			else if (b.slowDays.containsKey(creatorId)) {
				replaced.add(creatorId);
			}
			else if (b.totals.containsKey(creatorId) || viewerChange.containsKey(creatorId)) {
				incremental.add(creatorId);
			}
		}
		if (!incremental.isEmpty()) {
			addTotals(incremental, viewerChange, b);
		}
		if (!replaced.isEmpty()) {
			replaceTotals(replaced, viewerChange, b);
		}
		if (!recount.isEmpty()) {
			recountTotals(recount, viewerChange, b);
		}
	}

	/**
	 * Creators with a recomputed day: their totals move by the recomputed days' change (which may lower a day) and by
	 * the delta-written days' additions. The first and last day are the ends of the creator's days (two index look-ups);
	 * the peak is re-read from every day only when a recomputed day held the peak and no day now reaches it.
	 */
	private void replaceTotals(List<String> ids, Map<String, int[]> viewerChange, Batch b) {
		TotalsDelta noDeltas = new TotalsDelta();
		RecountDelta noRecount = new RecountDelta();
		List<TotalsDelta> t = ids.stream().map(id -> b.totals.getOrDefault(id, noDeltas)).toList();
		List<RecountDelta> r = ids.stream().map(id -> b.recounted.getOrDefault(id, noRecount)).toList();
		int n = ids.size();
		Integer[] ad = new Integer[n];
		Integer[] s = new Integer[n];
		Long[] l = new Long[n];
		Integer[] g = new Integer[n];
		BigDecimal[] gu = new BigDecimal[n];
		Integer[] su = new Integer[n];
		BigDecimal[] suu = new BigDecimal[n];
		Integer[] f = new Integer[n];
		Integer[] rp = new Integer[n];
		for (int i = 0; i < n; i++) {
			DayDelta sum = new DayDelta();
			sum.add(t.get(i).sum);
			sum.add(r.get(i).change);
			ad[i] = t.get(i).activeDays + r.get(i).activeDays;
			s[i] = sum.streams;
			l[i] = sum.liveSeconds;
			g[i] = sum.gifts;
			gu[i] = sum.giftUsd;
			su[i] = sum.subscriptions;
			suu[i] = sum.subscriptionUsd;
			f[i] = sum.follows;
			rp[i] = sum.reports;
		}
		jdbc.sql("""
				update activity_creator a set active_days = a.active_days + x.ad, streams = a.streams + x.s, live_seconds = a.live_seconds + x.l,
				    peak_concurrent_viewers = case when x.op >= a.peak_concurrent_viewers and greatest(x.np, x.dp) < a.peak_concurrent_viewers
				                                   then (select coalesce(max(d.peak_concurrent_viewers), 0) from activity_creator_day d
				                                         where d.creator_id = x.c)
				                                   else greatest(a.peak_concurrent_viewers, x.np, x.dp) end,
				    gifts = a.gifts + x.g, gift_revenue_usd = a.gift_revenue_usd + x.gu, subscriptions = a.subscriptions + x.su,
				    subscription_revenue_usd = a.subscription_revenue_usd + x.suu, follows = a.follows + x.f, reports = a.reports + x.r,
				    first_day = (select min(d.day) from activity_creator_day d where d.creator_id = x.c),
				    last_day = (select max(d.day) from activity_creator_day d where d.creator_id = x.c),
				    unique_viewers = a.unique_viewers + x.du, retained_viewers = a.retained_viewers + x.dr
				from unnest(cast(:c as text[]), cast(:ad as int[]), cast(:s as int[]), cast(:l as bigint[]), cast(:op as int[]),
				            cast(:np as int[]), cast(:dp as int[]), cast(:g as int[]), cast(:gu as numeric[]), cast(:su as int[]),
				            cast(:suu as numeric[]), cast(:f as int[]), cast(:r as int[]), cast(:du as int[]), cast(:dr as int[]))
				     as x(c, ad, s, l, op, np, dp, g, gu, su, suu, f, r, du, dr)
				where a.creator_id = x.c""")
			.param("c", ids.toArray(String[]::new))
			.param("ad", ad)
			.param("s", s)
			.param("l", l)
			.param("op", r.stream().map(d -> d.oldPeak).toArray(Integer[]::new))
			.param("np", r.stream().map(d -> d.newPeak).toArray(Integer[]::new))
			.param("dp", t.stream().map(d -> d.sum.peak).toArray(Integer[]::new))
			.param("g", g)
			.param("gu", gu)
			.param("su", su)
			.param("suu", suu)
			.param("f", f)
			.param("r", rp)
			.param("du", ids.stream().map(id -> viewerChange.getOrDefault(id, new int[2])[0]).toArray(Integer[]::new))
			.param("dr", ids.stream().map(id -> viewerChange.getOrDefault(id, new int[2])[1]).toArray(Integer[]::new))
			.update();
	}

	/**
	 * Creators whose days of the batch were all written as deltas: their totals move by the same deltas
	 * (a counter adds up, a day turning active counts once, a peak or a first/last day can only widen).
	 */
	private void addTotals(List<String> ids, Map<String, int[]> viewerChange, Batch b) {
		TotalsDelta none = new TotalsDelta();
		List<TotalsDelta> t = ids.stream().map(id -> b.totals.getOrDefault(id, none)).toList();
		jdbc.sql("""
				update activity_creator a set active_days = a.active_days + x.ad, streams = a.streams + x.s, live_seconds = a.live_seconds + x.l,
				    peak_concurrent_viewers = greatest(a.peak_concurrent_viewers, x.p), gifts = a.gifts + x.g,
				    gift_revenue_usd = a.gift_revenue_usd + x.gu, subscriptions = a.subscriptions + x.su,
				    subscription_revenue_usd = a.subscription_revenue_usd + x.suu, follows = a.follows + x.f, reports = a.reports + x.r,
				    first_day = least(a.first_day, x.fd), last_day = greatest(a.last_day, x.ld),
				    unique_viewers = a.unique_viewers + x.du, retained_viewers = a.retained_viewers + x.dr
				from unnest(cast(:c as text[]), cast(:ad as int[]), cast(:s as int[]), cast(:l as bigint[]), cast(:p as int[]),
				            cast(:g as int[]), cast(:gu as numeric[]), cast(:su as int[]), cast(:suu as numeric[]), cast(:f as int[]),
				            cast(:r as int[]), cast(:fd as date[]), cast(:ld as date[]), cast(:du as int[]), cast(:dr as int[]))
				     as x(c, ad, s, l, p, g, gu, su, suu, f, r, fd, ld, du, dr)
				where a.creator_id = x.c""")
			.param("c", ids.toArray(String[]::new))
			.param("ad", t.stream().map(d -> d.activeDays).toArray(Integer[]::new))
			.param("s", t.stream().map(d -> d.sum.streams).toArray(Integer[]::new))
			.param("l", t.stream().map(d -> d.sum.liveSeconds).toArray(Long[]::new))
			.param("p", t.stream().map(d -> d.sum.peak).toArray(Integer[]::new))
			.param("g", t.stream().map(d -> d.sum.gifts).toArray(Integer[]::new))
			.param("gu", t.stream().map(d -> d.sum.giftUsd).toArray(BigDecimal[]::new))
			.param("su", t.stream().map(d -> d.sum.subscriptions).toArray(Integer[]::new))
			.param("suu", t.stream().map(d -> d.sum.subscriptionUsd).toArray(BigDecimal[]::new))
			.param("f", t.stream().map(d -> d.sum.follows).toArray(Integer[]::new))
			.param("r", t.stream().map(d -> d.sum.reports).toArray(Integer[]::new))
			.param("fd", t.stream().map(d -> d.firstDay == null ? null : java.sql.Date.valueOf(d.firstDay)).toArray(java.sql.Date[]::new))
			.param("ld", t.stream().map(d -> d.lastDay == null ? null : java.sql.Date.valueOf(d.lastDay)).toArray(java.sql.Date[]::new))
			.param("du", ids.stream().map(id -> viewerChange.getOrDefault(id, new int[2])[0]).toArray(Integer[]::new))
			.param("dr", ids.stream().map(id -> viewerChange.getOrDefault(id, new int[2])[1]).toArray(Integer[]::new))
			.update();
	}

	/** Creators with a new time zone (every day recomputed): their totals re-summed from their days and viewers. */
	private void recountTotals(List<String> ids, Map<String, int[]> viewerChange, Batch b) {
		jdbc.sql(
				"""
						update activity_creator a set active_days = d.active_days, streams = d.streams, live_seconds = d.live_seconds,
						    peak_concurrent_viewers = d.peak, gifts = d.gifts, gift_revenue_usd = d.gift_usd, subscriptions = d.subs,
						    subscription_revenue_usd = d.sub_usd, follows = d.follows, reports = d.reports, first_day = d.first_day,
						    last_day = d.last_day,
						    unique_viewers = case when x.recount then (select count(*) from activity_creator_viewer v where v.creator_id = x.c)
						                          else a.unique_viewers + x.du end,
						    retained_viewers = case when x.recount then (select count(*) from activity_creator_viewer v where v.creator_id = x.c and v.days >= 2)
						                            else a.retained_viewers + x.dr end
						from unnest(cast(:c as text[]), cast(:du as int[]), cast(:dr as int[]), cast(:recount as boolean[])) as x(c, du, dr, recount)
						cross join lateral (
						      select count(*) filter (where active) as active_days, coalesce(sum(streams), 0) as streams,
						             coalesce(sum(live_seconds), 0) as live_seconds, coalesce(max(peak_concurrent_viewers), 0) as peak,
						             coalesce(sum(gifts), 0) as gifts, coalesce(sum(gift_revenue_usd), 0) as gift_usd,
						             coalesce(sum(subscriptions), 0) as subs, coalesce(sum(subscription_revenue_usd), 0) as sub_usd,
						             coalesce(sum(follows), 0) as follows, coalesce(sum(reports), 0) as reports, min(day) as first_day,
						             max(day) as last_day
						      from activity_creator_day where creator_id = x.c) d
						where a.creator_id = x.c""")
			.param("c", ids.toArray(String[]::new))
			.param("du", ids.stream().map(id -> viewerChange.getOrDefault(id, new int[2])[0]).toArray(Integer[]::new))
			.param("dr", ids.stream().map(id -> viewerChange.getOrDefault(id, new int[2])[1]).toArray(Integer[]::new))
			.param("recount", ids.stream().map(b.rezoned::contains).toArray(Boolean[]::new))
			.update();
	}

	static Set<LocalDate> datesBetween(Instant from, Instant to, ZoneId zone) {
		Set<LocalDate> days = new TreeSet<>();
		LocalDate last = LocalDate.ofInstant(to.isBefore(from) ? from : to, zone);
		for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(last); day = day.plusDays(1)) {
			days.add(day);
		}
		return days;
	}

	/** The earliest of {@code first} and the non-null others. */
	private static Instant earliest(Instant first, Instant... others) {
		Instant min = first;
		for (Instant other : others) {
			min = other != null && other.isBefore(min) ? other : min;
		}
		return min;
	}

	/**
	 * An instant as microseconds since the epoch (PostgreSQL's precision), for array parameters: the driver sends a
	 * {@code Long[]} as a binary {@code bigint[]}, where a {@code Timestamp[]} went as text (each element formatted
	 * through {@code Timestamp.toString} in the JVM's zone, escaped, and parsed again by PostgreSQL). SQL turns it back
	 * with {@code timestamptz 'epoch' + m * interval '1 microsecond'}, exactly (the product is rounded to whole
	 * microseconds, and a float8 holds every integer up to 2^53 µs, the years 1685-2255); null stays null.
	 */
	static Long micros(Instant instant) {
		return instant == null ? null : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	/** A day as days since the epoch, for {@code int[]} parameters (binary, as {@link #micros}); {@code date 'epoch' + d} in SQL. */
	static Integer epochDay(LocalDate day) {
		return day == null ? null : Math.toIntExact(day.toEpochDay());
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
