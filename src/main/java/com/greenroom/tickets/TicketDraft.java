package com.greenroom.tickets;

/**
 * A ticket another module (or a person) opens: subject, description, the creator it is about (nullable),
 * its region (the creator's when null), category, priority (P3 when null) and where it came from (e.g.
 * {@code CONSOLE}, {@code API}, {@code SUPPORT_ACTION}, {@code SAFETY_CASE}).
 */
public record TicketDraft(String subject, String description, String creatorId, String region, String category, Priority priority,
		String source) {
}
