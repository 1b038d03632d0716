package com.greenroom.growth;

import java.time.Clock;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Seeds each region's Monday review timer at start-up, idempotently. Off with
 * {@code greenroom.growth.weekly-review=false} (tests seed and fire at their own instants).
 */
@Component
@ConditionalOnProperty(name = "greenroom.growth.weekly-review", havingValue = "true", matchIfMissing = true)
class WeeklyReviewSeeding implements ApplicationRunner {

	private final WeeklyReviewSender sender;

	private final Clock clock;

	WeeklyReviewSeeding(WeeklyReviewSender sender, Clock clock) {
		this.sender = sender;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		sender.seed(clock.instant());
	}
}
