package com.greenroom.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * the others find their work done). A batch event carries at most {@link #MAX_ITEMS} items ({@link #inEvents}).
 */
@Component
public class EachAlone {

	private static final Logger log = LoggerFactory.getLogger(EachAlone.class);

	/**
	 * The most items one batch event carries. Each item's savepoint is a subtransaction once it writes; PostgreSQL
	 * keeps 64 of a transaction's subtransactions in shared memory, and beyond that every other session's snapshot
	 * must look the transaction's subtransactions up on disk (pg_subtrans) while it runs.
	 */
	public static final int MAX_ITEMS = 64;

	private final TransactionTemplate savepoint;

	private final ApplicationEventPublisher events;

	EachAlone(PlatformTransactionManager transactions, ApplicationEventPublisher events) {
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.events = events;
	}

	/** The items as batch events of at most {@link #MAX_ITEMS}, in order; none for none. */
	public static <T, E> List<E> inEvents(List<T> items, Function<List<T>, E> event) {
		List<E> events = new ArrayList<>();
		for (int from = 0; from < items.size(); from += MAX_ITEMS) {
			events.add(event.apply(List.copyOf(items.subList(from, Math.min(items.size(), from + MAX_ITEMS)))));
		}
		return events;
	}

	/** Refuses a batch event of more than {@link #MAX_ITEMS} items. */
	public static void checkSize(Collection<?> items) {
		if (items.size() > MAX_ITEMS) {
			throw new IllegalArgumentException("At most " + MAX_ITEMS + " items a batch event, not " + items.size());
		}
	}

	/**
	 * Runs {@code action} for each item (a single event), each under its own savepoint; an item whose action throws is
	 * logged (as {@code what} of the item) and published again by itself in the caller's transaction. Must run inside one.
	 */
	public <T> void forEach(Collection<T> items, Consumer<T> action, String what) {
		for (T item : items) {
			try {
				savepoint.executeWithoutResult(status -> action.accept(item));
			}
			catch (RuntimeException ex) {
				log.warn("{} of {} failed; published again on its own, to be retried: {}", what, item, ex.toString());
				events.publishEvent(item);
			}
		}
	}
}
