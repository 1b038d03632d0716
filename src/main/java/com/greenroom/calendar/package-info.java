/**
 * Business calendars: per region, the weekdays worked and the holidays, and the arithmetic that turns
 * "N business days after" into an instant in the region's time zone. Public API:
 * {@link com.greenroom.calendar.BusinessCalendars}, {@link com.greenroom.calendar.BusinessCalendar}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Business calendars",
		allowedDependencies = { "audit", "identity", "system" })
package com.greenroom.calendar;
