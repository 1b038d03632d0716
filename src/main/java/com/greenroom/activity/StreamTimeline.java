package com.greenroom.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.greenroom.events.EventType;
import com.greenroom.events.PlatformEvent;

/**
 * One stream as its events tell it: when it started and ended, and how many viewers were in the room
 * after each event. Built from all of the stream's events ordered by event time, so the result does not
 * depend on the order they arrived in.
 * <p>
 * A viewer is in the room from a {@code viewer.joined} to their {@code viewer.left}; a second join
 * while in the room changes nothing, a leave without a join is ignored, and {@code stream.ended} empties
 * the room (events after it do not count). Without {@code stream.ended} the stream's interval ends at its
 * last event.
 */
final class StreamTimeline {

	/** The number of viewers in the room from {@code at} on. */
	record Level(Instant at, int viewers) {
	}

	final String streamId;

	final String creatorId;

	final Instant startedAt;

	final Instant endedAt;

	final Instant lastEventAt;

	final String title;

	final String category;

	final List<Level> levels;

	final int peakViewers;

	final int reports;

	final List<PlatformEvent> gifts;

	/** The viewers in the room after the last event (none once ended). */
	final Set<String> present;

	private StreamTimeline(String streamId, String creatorId, Instant startedAt, Instant endedAt, Instant lastEventAt, String title,
			String category, List<Level> levels, int peakViewers, int reports, List<PlatformEvent> gifts, Set<String> present) {
		this.present = present;
		this.streamId = streamId;
		this.creatorId = creatorId;
		this.startedAt = startedAt;
		this.endedAt = endedAt;
		this.lastEventAt = lastEventAt;
		this.title = title;
		this.category = category;
		this.levels = levels;
		this.peakViewers = peakViewers;
		this.reports = reports;
		this.gifts = gifts;
	}

	/** @param events every event of the stream, ordered by event time, then arrival */
	static StreamTimeline of(String streamId, List<PlatformEvent> events) {
		PlatformEvent start = events.stream().filter(e -> e.type() == EventType.STREAM_STARTED).findFirst().orElse(null);
		PlatformEvent end = events.stream().filter(e -> e.type() == EventType.STREAM_ENDED).findFirst().orElse(null);
		String creatorId = start != null ? start.creatorId() : events.get(0).creatorId();
		Instant last = events.stream().map(PlatformEvent::occurredAt).max(Instant::compareTo).orElseThrow();
		Set<String> present = new HashSet<>();
		List<Level> levels = new ArrayList<>();
		int reports = 0;
		List<PlatformEvent> gifts = new ArrayList<>();
		boolean ended = false;
		for (PlatformEvent event : events) {
			switch (event.type()) {
				case REPORT_FILED -> reports++;
				case GIFT_SENT -> gifts.add(event);
				default -> {
				}
			}
			if (ended) {
				continue;
			}
			boolean changed = switch (event.type()) {
				case VIEWER_JOINED -> event.viewerId() != null && present.add(event.viewerId());
				case VIEWER_LEFT -> event.viewerId() != null && present.remove(event.viewerId());
				case STREAM_ENDED -> {
					ended = true;
					boolean any = !present.isEmpty();
					present.clear();
					yield any;
				}
				default -> false;
			};
			if (changed) {
				if (!levels.isEmpty() && levels.get(levels.size() - 1).at().equals(event.occurredAt())) {
					levels.remove(levels.size() - 1); // several changes at one instant count once, after all of them
				}
				levels.add(new Level(event.occurredAt(), present.size()));
			}
		}
		// the peak is measured after all changes at one instant
		int peak = levels.stream().mapToInt(Level::viewers).max().orElse(0);
		return new StreamTimeline(streamId, creatorId, start == null ? null : start.occurredAt(), end == null ? null : end.occurredAt(),
				last, start == null ? null : start.attribute("title"), start == null ? null : start.attribute("category"), List.copyOf(levels),
				peak, reports, List.copyOf(gifts), Set.copyOf(present));
	}

	/** Viewers in the room after the last event (zero once ended). */
	int currentViewers() {
		return levels.isEmpty() ? 0 : levels.get(levels.size() - 1).viewers();
	}

	/** When the room last changed (null: never), and the highest level before that instant. */
	Instant levelAt() {
		return levels.isEmpty() ? null : levels.get(levels.size() - 1).at();
	}

	int peakBefore() {
		return levels.stream().limit(Math.max(0, levels.size() - 1)).mapToInt(Level::viewers).max().orElse(0);
	}

	/** The end of the live interval: {@code stream.ended}, else the last event seen. */
	Instant intervalEnd() {
		return endedAt != null ? endedAt : lastEventAt;
	}

	BigDecimal giftRevenueUsd() {
		return gifts.stream().map(StreamTimeline::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	static BigDecimal usd(PlatformEvent event) {
		return event.amount() == null || event.amount().usd() == null ? BigDecimal.ZERO : event.amount().usd();
	}
}
