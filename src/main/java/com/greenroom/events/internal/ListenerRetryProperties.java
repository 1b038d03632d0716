package com.greenroom.events.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed cross-module listeners are retried ({@code greenroom.events.listener-retries.*}): every
 * {@code interval} a job resubmits each failed publication whose backoff has passed; the backoff
 * starts at {@code initialBackoff} and doubles with each failed attempt up to {@code maxBackoff}.
 */
@ConfigurationProperties("greenroom.events.listener-retries")
public record ListenerRetryProperties(Boolean job, Duration interval, Duration initialBackoff, Duration maxBackoff) {

	public ListenerRetryProperties {
		job = job == null || job;
		interval = interval == null ? Duration.ofSeconds(10) : interval;
		initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
		maxBackoff = maxBackoff == null ? Duration.ofMinutes(30) : maxBackoff;
	}
}
