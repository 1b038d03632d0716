package com.greenroom.notifications;

/**
 * A message to send through the outbox. {@code recipient} is an email address (EMAIL), an http(s) URL
 * (WEBHOOK) or a platform creator id (PLATFORM). {@code dedupKey} names the event, e.g.
 * {@code send:17:creator:c-1}: the outbox holds at most one message per key. {@code source} says which module
 * and record asked for it (shown to admins).
 */
public record OutboxMessage(OutboxChannel channel, String recipient, String subject, String body, String dedupKey,
		String source) {
}
