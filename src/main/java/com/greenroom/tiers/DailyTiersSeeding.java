package com.greenroom.tiers;

import java.time.Clock;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Seeds each region's daily tier timer at start-up, idempotently (an existing timer is left alone). Off with
 * {@code greenroom.tiers.daily-job=false} (tests seed and fire at their own instants).
 */
@Component
@ConditionalOnProperty(name = "greenroom.tiers.daily-job", havingValue = "true", matchIfMissing = true)
class DailyTiersSeeding implements ApplicationRunner {

	private final DailyTiers daily;

	private final Clock clock;

	DailyTiersSeeding(DailyTiers daily, Clock clock) {
		this.daily = daily;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		daily.seed(clock.instant());
	}
}
