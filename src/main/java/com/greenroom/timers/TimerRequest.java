package com.greenroom.timers;

import java.time.Instant;
import java.util.Objects;

/** A timer to schedule: its kind (the handler), unique key, due instant and optional payload. */
public record TimerRequest(String kind, String key, Instant dueAt, String payload) {

	public TimerRequest {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(dueAt, "dueAt");
	}

	public static TimerRequest of(String kind, String key, Instant dueAt) {
		return new TimerRequest(kind, key, dueAt, null);
	}
}
