package com.greenroom.schedule;

import java.time.Instant;
import java.util.List;

/**
 * Dated work another module shows in the iCalendar feeds beside the calendar's own events (routine task due times,
 * ticket SLA due times...). The contributing module implements it and reads its own tables, so the calendar knows
 * no module that depends on it. Every implementation scopes in SQL to {@code regions} (null: every region).
 */
public interface FeedSource {

	/**
	 * Items for a feed: {@code scope} REGION (items in region {@code scopeId}), USER (items owned by or assigned to
	 * user {@code scopeId}) or CREATOR (items about creator {@code scopeId}), in {@code regions}, due after {@code since}.
	 */
	List<FeedItem> items(String[] regions, CalendarFeeds.Scope scope, String scopeId, Instant since);

	/**
	 * A moment in a feed: {@code uid} stable across reads and unique in Greenroom, {@code at} the due time,
	 * {@code link} the console path that opens what is due, {@code category} its kind (e.g. "Routine task").
	 */
	record FeedItem(String uid, String summary, String description, Instant at, String region, String category, String link) {
	}
}
