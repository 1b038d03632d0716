package com.greenroom.activity;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * Creator days, lifetime totals and streams from the event log. For each batch it notes the touched
 * (creator, day) keys and streams and recomputes them from {@link PlatformEventLog}, so late, out of
 * order and replayed events all lead to the same tables. A creator's days are counted in the time zone
 * of its latest {@code creator.registered} (its {@code timezone}, else its region's zone); before that,
 * the roster's zone if the creator was added by hand, else UTC; when the zone changes, all of the
 * creator's days are recomputed.
 */
@Component
class ActivityProjection implements Projection {

	static final Comparator<PlatformEvent> LATEST = Comparator.comparing(PlatformEvent::occurredAt).thenComparing(PlatformEvent::id);

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

	@Override
	@Transactional
	public void apply(List<PlatformEvent> batch) {
		Map<String, List<PlatformEvent>> byCreator = new LinkedHashMap<>();
		for (PlatformEvent event : batch) {
			if (event.creatorId() != null) {
				byCreator.computeIfAbsent(event.creatorId(), k -> new ArrayList<>()).add(event);
			}
		}
		Map<String, List<PlatformEvent>> streamEvents = new HashMap<>();
		Map<String, Set<LocalDate>> touched = new LinkedHashMap<>();
		Map<String, Instant> earliest = new HashMap<>();
		Set<String> rezoned = new LinkedHashSet<>();
		for (Map.Entry<String, List<PlatformEvent>> entry : byCreator.entrySet()) {
			String creatorId = entry.getKey();
			Optional<CreatorZone> stored = storedZone(creatorId);
			CreatorZone zone = chooseZone(creatorId, stored, entry.getValue());
			saveZone(creatorId, zone);
			ZoneId zoneId = ZoneId.of(zone.timeZone());
			boolean rezone = stored.isPresent() && !stored.get().timeZone().equals(zone.timeZone());
			Set<LocalDate> days = new TreeSet<>();
			Set<String> streamIds = new LinkedHashSet<>();
			entry.getValue().stream().map(PlatformEvent::streamId).filter(id -> id != null).forEach(streamIds::add);
			for (String streamId : streamIds) {
				storedInterval(streamId).ifPresent(old -> days.addAll(datesBetween(old[0], old[1], zoneId)));
				StreamTimeline stream = StreamTimeline.of(streamId, streamEvents(streamId, streamEvents));
				saveStream(stream);
				if (stream.startedAt != null) {
					days.addAll(datesBetween(stream.startedAt, stream.intervalEnd(), zoneId));
				}
			}
			if (rezone) {
				jdbc.sql("delete from activity_creator_day where creator_id = :c").param("c", creatorId).update();
				jdbc.sql("delete from activity_viewer_day where creator_id = :c").param("c", creatorId).update();
				days.addAll(allDays(creatorId, zoneId));
				rezoned.add(creatorId);
			}
			else {
				entry.getValue().forEach(e -> days.add(LocalDate.ofInstant(e.occurredAt(), zoneId)));
			}
			// a day's viewers change only with a join on that day (or a new zone)
			Set<LocalDate> joinDays = new TreeSet<>();
			entry.getValue().stream().filter(e -> e.type() == EventType.VIEWER_JOINED)
				.forEach(e -> joinDays.add(LocalDate.ofInstant(e.occurredAt(), zoneId)));
			for (LocalDate day : days) {
				recomputeDay(creatorId, zoneId, day, streamEvents, rezone || joinDays.contains(day));
			}
			recomputeTotals(creatorId);
			touched.put(creatorId, days);
			earliest.put(creatorId, entry.getValue().stream().map(PlatformEvent::occurredAt).min(Instant::compareTo).orElseThrow());
		}
		if (!touched.isEmpty()) {
			events.publishEvent(new ActivityRecomputed(touched, earliest, rezoned));
		}
	}

	@Override
	@Transactional
	public void reset() {
		jdbc.sql("delete from activity_creator").update();
		jdbc.sql("delete from activity_creator_day").update();
		jdbc.sql("delete from activity_viewer_day").update();
		jdbc.sql("delete from activity_stream").update();
		jdbc.sql("delete from activity_stream_gift").update();
		events.publishEvent(new ActivityReset());
	}

	record CreatorZone(String timeZone, String source, Instant registrationAt, String registrationEventId) {
	}

	private Optional<CreatorZone> storedZone(String creatorId) {
		return jdbc.sql("select time_zone, zone_source, registration_at, registration_event_id from activity_creator where creator_id = :c")
			.param("c", creatorId)
			.query((rs, n) -> new CreatorZone(rs.getString(1), rs.getString(2),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4)))
			.optional();
	}

	/** The latest registration (by event time, then id) decides; without one, the roster's zone, else UTC. */
	CreatorZone chooseZone(String creatorId, Optional<CreatorZone> stored, List<PlatformEvent> batch) {
		Optional<PlatformEvent> registration = batch.stream().filter(e -> e.type() == EventType.CREATOR_REGISTERED).max(LATEST);
		if (registration.isPresent()) {
			PlatformEvent event = registration.get();
			boolean newer = stored.map(CreatorZone::registrationAt).isEmpty() || event.occurredAt().isAfter(stored.get().registrationAt())
					|| event.occurredAt().equals(stored.get().registrationAt()) && event.id().compareTo(stored.get().registrationEventId()) > 0;
			if (newer) {
				return new CreatorZone(zoneOfRegistration(event), "REGISTRATION", event.occurredAt(), event.id());
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

	private String zoneOfRegistration(PlatformEvent registration) {
		String zone = registration.attribute("timezone");
		if (Checks.isTimeZone(zone)) {
			return zone;
		}
		Optional<Region> region = regions.find(registration.attribute("region"));
		if (region.isEmpty() && registration.attribute("country") != null) {
			region = regions.forCountry(registration.attribute("country"));
		}
		return region.map(Region::timeZone).filter(Checks::isTimeZone).orElse("UTC");
	}

	private void saveZone(String creatorId, CreatorZone zone) {
		jdbc.sql("""
				insert into activity_creator (creator_id, time_zone, zone_source, registration_at, registration_event_id)
				values (:c, :zone, :source, :at, :eventId)
				on conflict (creator_id) do update set time_zone = excluded.time_zone, zone_source = excluded.zone_source,
				    registration_at = excluded.registration_at, registration_event_id = excluded.registration_event_id""")
			.param("c", creatorId)
			.param("zone", zone.timeZone())
			.param("source", zone.source())
			.param("at", timestamp(zone.registrationAt()))
			.param("eventId", zone.registrationEventId())
			.update();
	}

	private List<PlatformEvent> streamEvents(String streamId, Map<String, List<PlatformEvent>> cache) {
		return cache.computeIfAbsent(streamId, log::eventsOfStream);
	}

	private Optional<Instant[]> storedInterval(String streamId) {
		return jdbc.sql("select started_at, coalesce(ended_at, last_event_at) from activity_stream where stream_id = :s and started_at is not null")
			.param("s", streamId)
			.query((rs, n) -> new Instant[] { rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant() })
			.optional();
	}

	private void saveStream(StreamTimeline stream) {
		jdbc.sql("""
				insert into activity_stream (stream_id, creator_id, started_at, ended_at, last_event_at, title, category, current_viewers,
				                             peak_viewers, reports, gift_revenue_usd)
				values (:s, :c, :started, :ended, :last, :title, :category, :current, :peak, :reports, :usd)
				on conflict (stream_id) do update set creator_id = excluded.creator_id, started_at = excluded.started_at,
				    ended_at = excluded.ended_at, last_event_at = excluded.last_event_at, title = excluded.title, category = excluded.category,
				    current_viewers = excluded.current_viewers, peak_viewers = excluded.peak_viewers, reports = excluded.reports,
				    gift_revenue_usd = excluded.gift_revenue_usd""")
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
			.update();
		jdbc.sql("delete from activity_stream_gift where stream_id = :s").param("s", stream.streamId).update();
		if (!stream.gifts.isEmpty()) {
			jdbc.sql(
					"""
							insert into activity_stream_gift (stream_id, event_id, occurred_at, usd)
							select :s, id, at, usd from unnest(cast(:ids as text[]), cast(:ats as timestamptz[]), cast(:usds as numeric[])) as g(id, at, usd)""")
				.param("s", stream.streamId)
				.param("ids", stream.gifts.stream().map(PlatformEvent::id).toArray(String[]::new))
				.param("ats", stream.gifts.stream().map(g -> timestamp(g.occurredAt())).toArray(Timestamp[]::new))
				.param("usds", stream.gifts.stream().map(StreamTimeline::usd).toArray(java.math.BigDecimal[]::new))
				.update();
		}
	}

	/** Every day with an event of the creator, or inside one of its streams. */
	private Set<LocalDate> allDays(String creatorId, ZoneId zone) {
		Set<LocalDate> days = new TreeSet<>();
		log.eventsOf(creatorId).forEach(e -> days.add(LocalDate.ofInstant(e.occurredAt(), zone)));
		jdbc.sql("select started_at, coalesce(ended_at, last_event_at) from activity_stream where creator_id = :c and started_at is not null")
			.param("c", creatorId)
			.query(rs -> {
				days.addAll(datesBetween(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), zone));
			});
		return days;
	}

	private void recomputeDay(String creatorId, ZoneId zone, LocalDate day, Map<String, List<PlatformEvent>> streamEvents,
			boolean viewersChanged) {
		Instant[] window = DayRollup.window(day, zone);
		List<PlatformEvent> dayEvents = log.eventsOf(creatorId, window[0], window[1]);
		List<StreamTimeline> streams = jdbc.sql("""
				select stream_id from activity_stream
				where creator_id = :c and started_at is not null and started_at < :to and coalesce(ended_at, last_event_at) >= :from
				order by stream_id""")
			.param("c", creatorId)
			.param("from", timestamp(window[0]))
			.param("to", timestamp(window[1]))
			.query(String.class)
			.list()
			.stream()
			.map(id -> StreamTimeline.of(id, streamEvents(id, streamEvents)))
			.toList();
		DayRollup rollup = DayRollup.of(day, zone, dayEvents, streams);
		if (viewersChanged || rollup.empty()) {
			jdbc.sql("delete from activity_viewer_day where creator_id = :c and day = :day").param("c", creatorId).param("day", day).update();
		}
		if (rollup.empty()) {
			jdbc.sql("delete from activity_creator_day where creator_id = :c and day = :day").param("c", creatorId).param("day", day).update();
			return;
		}
		jdbc.sql("""
				insert into activity_creator_day (creator_id, day, active, streams, live_seconds, unique_viewers, peak_concurrent_viewers, gifts,
				                                  gift_revenue_usd, subscriptions, subscription_revenue_usd, follows, reports)
				values (:c, :day, :active, :streams, :live, :viewers, :peak, :gifts, :giftUsd, :subs, :subUsd, :follows, :reports)
				on conflict (creator_id, day) do update set active = excluded.active, streams = excluded.streams,
				    live_seconds = excluded.live_seconds, unique_viewers = excluded.unique_viewers,
				    peak_concurrent_viewers = excluded.peak_concurrent_viewers, gifts = excluded.gifts,
				    gift_revenue_usd = excluded.gift_revenue_usd, subscriptions = excluded.subscriptions,
				    subscription_revenue_usd = excluded.subscription_revenue_usd, follows = excluded.follows, reports = excluded.reports""")
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
			.update();
		if (viewersChanged && !rollup.viewers().isEmpty()) {
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

	private void recomputeTotals(String creatorId) {
		jdbc.sql("""
				update activity_creator a set active_days = d.active_days, streams = d.streams, live_seconds = d.live_seconds,
				    peak_concurrent_viewers = d.peak, gifts = d.gifts, gift_revenue_usd = d.gift_usd, subscriptions = d.subs,
				    subscription_revenue_usd = d.sub_usd, follows = d.follows, reports = d.reports, first_day = d.first_day,
				    last_day = d.last_day, unique_viewers = v.unique_viewers, retained_viewers = v.retained
				from (select count(*) filter (where active) as active_days, coalesce(sum(streams), 0) as streams,
				             coalesce(sum(live_seconds), 0) as live_seconds, coalesce(max(peak_concurrent_viewers), 0) as peak,
				             coalesce(sum(gifts), 0) as gifts, coalesce(sum(gift_revenue_usd), 0) as gift_usd,
				             coalesce(sum(subscriptions), 0) as subs, coalesce(sum(subscription_revenue_usd), 0) as sub_usd,
				             coalesce(sum(follows), 0) as follows, coalesce(sum(reports), 0) as reports, min(day) as first_day,
				             max(day) as last_day
				      from activity_creator_day where creator_id = :c) d,
				     (select count(*) as unique_viewers, count(*) filter (where days >= 2) as retained
				      from (select viewer_id, count(*) as days from activity_viewer_day where creator_id = :c group by viewer_id) x) v
				where a.creator_id = :c""")
			.param("c", creatorId)
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

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
