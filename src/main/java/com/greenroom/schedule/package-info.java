/**
 * The events calendar (console title "Calendar"): campaigns, live events, PK battles, coaching and reviews per
 * region, with RFC 5545 recurrence (RRULE, EXDATE, moved occurrences) expanded by ical4j, creators taking part
 * and the conflicts when one is booked twice, and secret iCalendar feeds. Not to be confused with
 * {@code calendar}, the business calendars of working days. Public API: {@link com.greenroom.schedule.CalendarEvents},
 * {@link com.greenroom.schedule.CalendarFeeds}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calendar",
		allowedDependencies = { "audit", "creators", "identity", "system" })
package com.greenroom.schedule;
