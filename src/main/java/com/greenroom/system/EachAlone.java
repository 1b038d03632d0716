package com.greenroom.system;

import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A module listener's way through a batch event ({@code CreatorsRegistered}, {@code MilestonesReached}): each item
 * handled under a savepoint of the listener's transaction, so that one that fails is rolled back alone while the
 * others commit; the failed item is published again as an event of its own, which the event publication registry
 * delivers to that event's listeners and retries with backoff like any failed listener (listeners are idempotent:
 * the others find their work done). A savepoint that writes is a subtransaction, and PostgreSQL keeps 64 of a
 * transaction's in shared memory (beyond, other sessions' snapshots look them up on disk while it runs): the batch
 * events carry at most 64 items.
 */
@Component
public class EachAlone {

	private static final Logger log = LoggerFactory.getLogger(EachAlone.class);

	private final TransactionTemplate savepoint;

	private final ApplicationEventPublisher events;

	EachAlone(PlatformTransactionManager transactions, ApplicationEventPublisher events) {
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.events = events;
	}

	/**
	 * Runs {@code action} for each item, each under its own savepoint; an item whose action throws is logged (as
	 * {@code what} of the item) and {@code alone} of it published in the caller's transaction. Must run inside one.
	 */
	public <T> void forEach(Collection<T> items, Consumer<T> action, Function<T, Object> alone, String what) {
		for (T item : items) {
			try {
				savepoint.executeWithoutResult(status -> action.accept(item));
			}
			catch (RuntimeException ex) {
				log.warn("{} of {} failed; published again on its own, to be retried: {}", what, item, ex.toString());
				events.publishEvent(alone.apply(item));
			}
		}
	}
}
