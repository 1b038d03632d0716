package com.greenroom.success;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Evaluates the stall rules every minute on every node; the claims in {@code success_firing} make each
 * firing happen once however many nodes run it. Off with {@code greenroom.success.stall-job=false} (tests
 * drive {@link SupportActions#fireStalled} with their own instants).
 */
@Component
@ConditionalOnProperty(name = "greenroom.success.stall-job", havingValue = "true", matchIfMissing = true)
class StallRuleJob {

	private static final Logger log = LoggerFactory.getLogger(StallRuleJob.class);

	private final SupportActions actions;

	private final Clock clock;

	StallRuleJob(SupportActions actions, Clock clock) {
		this.actions = actions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${greenroom.success.stall-interval:PT1M}", initialDelayString = "PT20S")
	void run() {
		int fired = actions.fireStalled(clock.instant());
		if (fired > 0) {
			log.info("Stall rules fired {} task(s)", fired);
		}
	}
}
