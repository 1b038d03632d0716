package com.greenroom.timers;

import java.time.Instant;

/**
 * One durable timer: fires once at {@code dueAt} through the handler of its {@code kind}; {@code key} is
 * unique across all timers (e.g. {@code ticket:42:breach}) and {@code payload} is the handler's own text.
 */
public record Timer(long id, String kind, String key, Instant dueAt, String payload, TimerStatus status,
		int attempts, String lastError, Instant createdAt, Instant firedAt) {
}
