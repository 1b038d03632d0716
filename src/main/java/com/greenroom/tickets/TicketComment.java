package com.greenroom.tickets;

import java.time.Instant;

/** A comment on a ticket: an internal note, or a reply to the creator. */
public record TicketComment(long id, CommentKind kind, String body, String author, Instant createdAt) {
}
