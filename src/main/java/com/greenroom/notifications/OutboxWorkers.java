package com.greenroom.notifications;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The delivery workers of this node: {@code greenroom.outbox.workers} (2) threads of their own, so a slow SMTP
 * server or webhook never holds up the timers or other scheduled jobs. Each sends whatever is due, then waits
 * {@code greenroom.outbox.poll-interval} (1 s). Off with {@code greenroom.outbox.runner=false} (tests call
 * {@link Outbox#deliverDue} with their own instants).
 */
@Component
@ConditionalOnProperty(name = "greenroom.outbox.runner", havingValue = "true", matchIfMissing = true)
class OutboxWorkers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorkers.class);

	private final Outbox outbox;

	private final Clock clock;

	private final int workers;

	private final Duration pollInterval;

	private ScheduledExecutorService executor;

	OutboxWorkers(Outbox outbox, Clock clock, @Value("${greenroom.outbox.workers:2}") int workers,
			@Value("${greenroom.outbox.poll-interval:PT1S}") Duration pollInterval) {
		if (workers < 1) {
			throw new IllegalStateException("greenroom.outbox.workers must be at least 1");
		}
		this.outbox = outbox;
		this.clock = clock;
		this.workers = workers;
		this.pollInterval = pollInterval;
	}

	@Override
	public synchronized void start() {
		AtomicInteger number = new AtomicInteger();
		executor = Executors.newScheduledThreadPool(workers, runnable -> {
			Thread thread = new Thread(runnable, "outbox-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		for (int i = 0; i < workers; i++) {
			executor.scheduleWithFixedDelay(this::run, 5_000 + i * pollInterval.toMillis() / workers, pollInterval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	private void run() {
		try {
			outbox.deliverDue(clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("Delivering outbox messages failed; the next poll retries", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			// a message mid-send finishes (the HTTP and SMTP timeouts bound it); nothing new is claimed
			executor.shutdown();
			try {
				executor.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}
}
