package com.greenroom.events;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.test.context.TestComponent;

/** A test projection that remembers each batch it was given and sums revenue per creator. */
@TestComponent
class RecordingProjection implements Projection {

	final List<List<String>> batches = new ArrayList<>();

	final Map<String, BigDecimal> revenue = new TreeMap<>();

	int resets;

	/** Thrown by the next apply, once (or {@link #failTimes} times), to simulate a failing projection. */
	RuntimeException failNext;

	/** How many applies in a row throw {@link #failNext}. */
	int failTimes = 1;

	/** Ids of events this projection cannot apply: any batch holding one fails, as a poison event would. */
	final java.util.Set<String> poison = new java.util.HashSet<>();

	/** Calls of apply, failed ones included. */
	int attempts;

	@Override
	public String name() {
		return "test.recording";
	}

	/** Fed the whole log in one sequence, so its batches can be asserted in arrival order. */
	@Override
	public boolean sharded() {
		return false;
	}

	@Override
	public synchronized void apply(List<PlatformEvent> batch) {
		attempts++;
		batch.stream().filter(e -> poison.contains(e.id())).findFirst().ifPresent(e -> {
			throw new IllegalArgumentException("cannot apply " + e.id());
		});
		if (failNext != null) {
			RuntimeException failure = failNext;
			if (--failTimes <= 0) {
				failNext = null;
				failTimes = 1;
			}
			throw failure;
		}
		batches.add(batch.stream().map(PlatformEvent::id).toList());
		for (PlatformEvent event : batch) {
			if (event.amount() != null) {
				revenue.merge(event.creatorId(), event.amount().usd(), BigDecimal::add);
			}
		}
	}

	@Override
	public synchronized void reset() {
		resets++;
		attempts = 0;
		batches.clear();
		revenue.clear();
	}

	synchronized List<String> delivered() {
		return batches.stream().flatMap(List::stream).toList();
	}
}
