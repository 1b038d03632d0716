package com.greenroom.events.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The module listeners (onboarding, stall timers, support actions, milestone history, retention; they run on the
 * application task executor) wait for the projections ({@link ProjectionRunner#deferListeners()}): during an ingest
 * burst exactly while the projection workers do, and after it while a projection is catching up, for at most
 * {@code listener-hold} after the burst ended. They follow up what the projections found, and the cores they would take are the
 * acknowledgements' in a burst (a burst's first batches, applied before the burst was recognised, otherwise set a
 * thread of onboarding tasks and audit rows against them for the whole burst) and the catch-up's after it. Their
 * publications are already in the registry, so nothing waits in memory that a restart would lose. The scheduler's
 * jobs (timers, routines) do not wait: an SLA warning is due when it is due.
 */
@Component
class ListenersWaitForProjections implements ThreadPoolTaskExecutorCustomizer {

	private final ObjectProvider<ProjectionRunner> runner;

	ListenersWaitForProjections(ObjectProvider<ProjectionRunner> runner) {
		this.runner = runner;
	}

	@Override
	public void customize(ThreadPoolTaskExecutor executor) {
		executor.setTaskDecorator(task -> () -> {
			runner.getObject().deferListeners();
			task.run();
		});
	}
}
