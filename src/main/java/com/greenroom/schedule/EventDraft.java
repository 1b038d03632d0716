package com.greenroom.schedule;

import java.util.List;

/**
 * An event as submitted. {@code start}/{@code end} are local date-times in {@code timeZone} (such as
 * {@code 2026-10-05T18:00}), or dates when {@code allDay} ({@code end} is then the last day, inclusive).
 * {@code timeZone} defaults to the region's; {@code ownerIds} to the person creating it. On a change, a null field
 * stays as it is; {@code rrule} "" ends the recurrence and an empty list clears a list.
 */
public record EventDraft(String title, String kind, String region, String timeZone, String start, String end, Boolean allDay,
		String rrule, List<String> exdates, List<String> creatorIds, List<Long> ownerIds, String description) {
}
