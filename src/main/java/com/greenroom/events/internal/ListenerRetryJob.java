package com.greenroom.events.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resubmits failed cross-module listeners every {@code greenroom.events.listener-retries.interval} on
 * every node. Off with {@code greenroom.events.listener-retries.job=false} (tests call
 * {@link ListenerRetries#resubmitDue()} at their own instants).
 */
@Component
@ConditionalOnProperty(name = "greenroom.events.listener-retries.job", havingValue = "true", matchIfMissing = true)
class ListenerRetryJob {

	private final ListenerRetries retries;

	ListenerRetryJob(ListenerRetries retries) {
		this.retries = retries;
	}

	@Scheduled(fixedDelayString = "${greenroom.events.listener-retries.interval:PT10S}", initialDelayString = "PT15S")
	void run() {
		retries.resubmitDue();
	}
}
