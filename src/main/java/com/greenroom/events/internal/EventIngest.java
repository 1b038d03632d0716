package com.greenroom.events.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.greenroom.events.IngestResult;
import com.greenroom.events.IngestResult.Rejection;
import com.greenroom.system.Bulkhead;
import com.greenroom.system.Bulkheads;
import org.springframework.stereotype.Service;

/** Appends the valid events of a read batch, answers what became of each, and nudges the projections. */
@Service
public class EventIngest {

	private final EventLogWriter writer;

	private final ProjectionRunner projections;

	private final EventMetrics metrics;

	private final Bulkheads bulkheads;

	private final IngestLoad load;

	EventIngest(EventLogWriter writer, ProjectionRunner projections, EventMetrics metrics, Bulkheads bulkheads, IngestLoad load) {
		this.writer = writer;
		this.projections = projections;
		this.metrics = metrics;
		this.bulkheads = bulkheads;
		this.load = load;
	}

	/**
	 * Returns once the accepted events are committed. The append holds a permit of the pool's ingest
	 * share; when none frees up within {@code greenroom.pools.ingest-wait} it is refused (503 with
	 * Retry-After over HTTP, a redelivery from Kafka) instead of waiting on a busy pool.
	 */
	public IngestResult ingest(EventReader.Batch batch) {
		// counted as taken in before the append, so a burst is known while its first batches are still appended
		load.taken(batch.valid().size());
		EventLogWriter.Appended appended;
		if (batch.valid().isEmpty()) {
			appended = writer.append(batch.valid());
		}
		else {
			try (Bulkhead.Permit permit = bulkheads.ingest().acquire()) {
				appended = writer.append(batch.valid());
			}
		}
		if (appended.accepted() > 0) {
			projections.wakeUp();
		}
		List<Rejection> rejected = new ArrayList<>(batch.rejected());
		rejected.sort(Comparator.comparingInt(Rejection::index));
		IngestResult result = new IngestResult(appended.accepted(), appended.duplicates(), rejected);
		metrics.count(result);
		return result;
	}
}
