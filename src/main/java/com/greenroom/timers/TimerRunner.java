package com.greenroom.timers;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fires due timers on every node every {@code greenroom.timers.poll-interval} (1 s): a timer fires within
 * about a second of its instant. Off with {@code greenroom.timers.runner=false} (tests call
 * {@link Timers#fireDue} with their own instants).
 */
@Component
@ConditionalOnProperty(name = "greenroom.timers.runner", havingValue = "true", matchIfMissing = true)
class TimerRunner {

	private static final Logger log = LoggerFactory.getLogger(TimerRunner.class);

	private final Timers timers;

	private final Clock clock;

	TimerRunner(Timers timers, Clock clock) {
		this.timers = timers;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${greenroom.timers.poll-interval:PT1S}", initialDelayString = "PT5S")
	void run() {
		try {
			timers.fireDue(clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("Firing due timers failed; the next poll retries", ex);
		}
	}
}
