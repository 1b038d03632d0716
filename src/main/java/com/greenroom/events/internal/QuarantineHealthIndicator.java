package com.greenroom.events.internal;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code quarantine} health component: always UP, with the number of quarantined events. A
 * quarantined event is a data problem for an admin, not a reason to take nodes out of service: the
 * quarantine lives in the shared database, so DOWN or OUT_OF_SERVICE would make every node report it
 * and a load balancer would turn one bad event into an outage, which is what the quarantine prevents.
 * Alert on the {@code greenroom_projection_quarantine_events} gauge instead.
 */
@Component("quarantine")
class QuarantineHealthIndicator extends AbstractHealthIndicator {

	private final ProjectionQuarantine quarantine;

	QuarantineHealthIndicator(ProjectionQuarantine quarantine) {
		this.quarantine = quarantine;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetail("quarantinedEvents", quarantine.count());
	}
}
