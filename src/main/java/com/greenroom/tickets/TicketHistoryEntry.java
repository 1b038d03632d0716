package com.greenroom.tickets;

import java.time.Instant;

/** One line of a ticket's history: who did what when (people, or {@code system} for SLA events). */
public record TicketHistoryEntry(Instant at, String actor, String action, String detail) {
}
