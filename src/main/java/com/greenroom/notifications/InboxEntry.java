package com.greenroom.notifications;

import java.time.Instant;

/** A notice as it sits in a user's in-app inbox. */
public record InboxEntry(long id, NoticeKind kind, String subject, String body, String link, Instant createdAt,
		Instant readAt) {
}
