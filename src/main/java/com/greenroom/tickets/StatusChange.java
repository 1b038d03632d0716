package com.greenroom.tickets;

import java.time.Instant;

/** One entry of a ticket's status history: it became {@code status} at {@code at}. */
public record StatusChange(TicketStatus status, Instant at) {
}
