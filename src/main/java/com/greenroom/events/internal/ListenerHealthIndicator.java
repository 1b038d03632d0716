package com.greenroom.events.internal;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code listeners} health component: UP, with the number of incomplete and failed cross-module
 * event publications. Failed ones are retried on a schedule; like the quarantine, they are shared
 * database state and no reason to take a node out of service.
 */
@Component("listeners")
class ListenerHealthIndicator extends AbstractHealthIndicator {

	private final ListenerRetries retries;

	ListenerHealthIndicator(ListenerRetries retries) {
		this.retries = retries;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetail("incompletePublications", retries.countIncomplete()).withDetail("failedPublications", retries.countFailed());
	}
}
