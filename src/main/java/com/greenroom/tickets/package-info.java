/**
 * Tickets: issues raised about creators or the platform, with P1/P2/P3 priorities from the escalation map,
 * SLA clocks counted on the region's business calendar (or 24/7), paused while waiting on the creator,
 * and warnings, breaches and escalation levels fired once each through durable timers. Public API:
 * {@link com.greenroom.tickets.Tickets#open(TicketDraft)}, {@link com.greenroom.tickets.Priority}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tickets",
		allowedDependencies = { "audit", "calendar", "creators", "identity", "notifications", "schedule", "system", "timeline", "timers" })
package com.greenroom.tickets;
