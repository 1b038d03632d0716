package com.greenroom.simulator;

import java.util.ArrayList;
import java.util.List;

/** Running totals of what a receiver answered: accepted, duplicates, rejected (with a few sample reasons). */
final class Tally {

	private static final int SAMPLES = 5;

	private long sent;

	private long accepted;

	private long duplicates;

	private long rejected;

	private final List<String> sampleRejections = new ArrayList<>();

	synchronized void add(long sentCount, long acceptedCount, long duplicateCount, List<String> rejections) {
		sent += sentCount;
		accepted += acceptedCount;
		duplicates += duplicateCount;
		rejected += rejections.size();
		for (String rejection : rejections) {
			if (sampleRejections.size() < SAMPLES) {
				sampleRejections.add(rejection);
			}
		}
	}

	synchronized long sent() {
		return sent;
	}

	synchronized long accepted() {
		return accepted;
	}

	synchronized long duplicates() {
		return duplicates;
	}

	synchronized long rejected() {
		return rejected;
	}

	synchronized List<String> sampleRejections() {
		return List.copyOf(sampleRejections);
	}

	synchronized String summary() {
		return "sent %d, accepted %d, duplicates %d, rejected %d".formatted(sent, accepted, duplicates, rejected);
	}
}
