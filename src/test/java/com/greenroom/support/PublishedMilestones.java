package com.greenroom.support;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.greenroom.milestones.MilestoneReached;
import com.greenroom.milestones.MilestonesReached;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every {@link MilestoneReached} the application published and committed (alone or in a {@link MilestonesReached})
 * since the last {@link TestData#reset()}.
 * The event publication registry deletes a publication once its listeners are done, so a test that wants to know
 * how often a milestone was announced asks here. A plain (not transactional) listener, so the registry keeps no
 * publication for it; an event published in a transaction counts when that transaction commits.
 */
@TestComponent
public class PublishedMilestones {

	private final Queue<MilestoneReached> committed = new ConcurrentLinkedQueue<>();

	@EventListener
	void on(MilestonesReached batch) {
		batch.reached().forEach(this::on);
	}

	@EventListener
	void on(MilestoneReached reached) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			committed.add(reached);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				committed.add(reached);
			}
		});
	}

	public long count() {
		return committed.size();
	}

	public long count(String creatorId, String code) {
		return committed.stream().filter(m -> m.creatorId().equals(creatorId) && m.milestoneCode().equals(code)).count();
	}

	void clear() {
		committed.clear();
	}
}
