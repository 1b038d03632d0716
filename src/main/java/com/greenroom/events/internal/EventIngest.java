package com.greenroom.events.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.greenroom.events.IngestResult;
import com.greenroom.events.IngestResult.Rejection;
import org.springframework.stereotype.Service;

/** Appends the valid events of a read batch, answers what became of each, and nudges the projections. */
@Service
public class EventIngest {

	private final EventLogWriter writer;

	private final ProjectionRunner projections;

	private final EventMetrics metrics;

	EventIngest(EventLogWriter writer, ProjectionRunner projections, EventMetrics metrics) {
		this.writer = writer;
		this.projections = projections;
		this.metrics = metrics;
	}

	/** Returns once the accepted events are committed. */
	public IngestResult ingest(EventReader.Batch batch) {
		EventLogWriter.Appended appended = writer.append(batch.valid());
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
