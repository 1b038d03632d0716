package com.greenroom.notifications;

import java.util.Objects;

/**
 * One notice to one user. {@code dedupKey} names the event (e.g. {@code ticket:42:breach}): the same key
 * for the same user is delivered once. {@code link} is a console path such as {@code /tickets/42}.
 */
public record Notice(long userId, NoticeKind kind, String subject, String body, String link, String dedupKey) {

	public Notice {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(dedupKey, "dedupKey");
	}
}
