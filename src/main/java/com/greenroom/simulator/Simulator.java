package com.greenroom.simulator;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The simulated streaming platform: its events as NDJSON lines (platform event contract v1), in the
 * order the platform would deliver them. Deterministic: the same options give the same bytes.
 */
public final class Simulator {

	private final SimulationOptions options;

	private Simulator(SimulationOptions options) {
		this.options = options;
	}

	public static Simulator of(SimulationOptions options) {
		return new Simulator(options);
	}

	public SimulationOptions options() {
		return options;
	}

	/** Every event of the simulated period, one JSON object per line (no line breaks inside). */
	public Stream<String> lines() {
		Iterator<SimulatedEvent> events = timeline(false);
		Iterator<String> lines = new Iterator<>() {

			@Override
			public boolean hasNext() {
				return events.hasNext();
			}

			@Override
			public String next() {
				return events.next().toJson();
			}
		};
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED | Spliterator.NONNULL), false);
	}

	/** The first {@code count} lines (fewer if the period has fewer events), e.g. for a benchmark. */
	public List<String> firstLines(int count) {
		return lines().limit(count).toList();
	}

	Timeline timeline(boolean endless) {
		return new Timeline(options, endless);
	}
}
