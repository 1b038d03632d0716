package com.greenroom.system;

import java.time.Duration;

/** Greenroom is saturated: the client should retry after {@code retryAfter}. Answered 503 with {@code Retry-After}. */
public class ServiceUnavailableException extends RuntimeException {

	private final Duration retryAfter;

	public ServiceUnavailableException(String detail, Duration retryAfter) {
		super(detail);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
