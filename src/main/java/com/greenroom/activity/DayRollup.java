package com.greenroom.activity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.greenroom.events.PlatformEvent;

/**
 * The numbers of one creator day, from the creator's events of that day and the streams live during it.
 * Pure: the projection feeds it, tests call it directly.
 */
record DayRollup(LocalDate day, int streams, long liveSeconds, Map<String, Instant> viewers, int peakConcurrentViewers, int gifts,
		BigDecimal giftRevenueUsd, int subscriptions, BigDecimal subscriptionRevenueUsd, int follows, int reports) {

	boolean active() {
		return streams > 0;
	}

	boolean empty() {
		return streams == 0 && liveSeconds == 0 && viewers.isEmpty() && peakConcurrentViewers == 0 && gifts == 0 && subscriptions == 0
				&& follows == 0 && reports == 0;
	}

	/** Start (inclusive) and end (exclusive) of a creator day: 23 or 25 hours long across a DST change. */
	static Instant[] window(LocalDate day, ZoneId zone) {
		return new Instant[] { day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant() };
	}

	/**
	 * @param events the creator's events with occurredAt in the day, ordered by event time then arrival
	 * @param streams the creator's started streams whose live interval overlaps the day
	 */
	static DayRollup of(LocalDate day, ZoneId zone, List<PlatformEvent> events, List<StreamTimeline> streams) {
		Instant[] window = window(day, zone);
		Instant from = window[0];
		Instant to = window[1];
		Set<String> started = new HashSet<>();
		Map<String, Instant> viewers = new LinkedHashMap<>();
		int gifts = 0;
		int subscriptions = 0;
		int follows = 0;
		int reports = 0;
		BigDecimal giftUsd = BigDecimal.ZERO;
		BigDecimal subscriptionUsd = BigDecimal.ZERO;
		for (PlatformEvent event : events) {
			switch (event.type()) {
				case STREAM_STARTED -> started.add(event.streamId() != null ? event.streamId() : "event:" + event.id());
				case VIEWER_JOINED -> {
					if (event.viewerId() != null) {
						viewers.putIfAbsent(event.viewerId(), event.occurredAt());
					}
				}
				case GIFT_SENT -> {
					gifts++;
					giftUsd = giftUsd.add(StreamTimeline.usd(event));
				}
				case SUBSCRIPTION_STARTED -> {
					subscriptions++;
					subscriptionUsd = subscriptionUsd.add(StreamTimeline.usd(event));
				}
				case FOLLOW_CREATED -> follows++;
				case REPORT_FILED -> reports++;
				default -> {
				}
			}
		}
		long liveSeconds = 0;
		for (StreamTimeline stream : streams) {
			if (stream.startedAt == null) {
				continue;
			}
			Instant start = max(stream.startedAt, from);
			Instant end = min(stream.intervalEnd(), to);
			if (end.isAfter(start)) {
				liveSeconds += Duration.between(start, end).toSeconds();
			}
		}
		return new DayRollup(day, started.size(), liveSeconds, viewers, peak(streams, from, to), gifts, giftUsd, subscriptions,
				subscriptionUsd, follows, reports);
	}

	/** The most viewers in the creator's rooms at one instant of [from, to), counted after all changes at that instant. */
	static int peak(List<StreamTimeline> streams, Instant from, Instant to) {
		TreeSet<Instant> instants = new TreeSet<>();
		instants.add(from);
		for (StreamTimeline stream : streams) {
			for (StreamTimeline.Level level : stream.levels) {
				if (!level.at().isBefore(from) && level.at().isBefore(to)) {
					instants.add(level.at());
				}
			}
		}
		int peak = 0;
		List<Integer> cursor = new ArrayList<>();
		streams.forEach(s -> cursor.add(-1));
		for (Instant instant : instants) {
			int total = 0;
			for (int i = 0; i < streams.size(); i++) {
				List<StreamTimeline.Level> levels = streams.get(i).levels;
				int c = cursor.get(i);
				while (c + 1 < levels.size() && !levels.get(c + 1).at().isAfter(instant)) {
					c++;
				}
				cursor.set(i, c);
				total += c < 0 ? 0 : levels.get(c).viewers();
			}
			peak = Math.max(peak, total);
		}
		return peak;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}
}
