package com.greenroom.events;

import java.util.Map;

import com.greenroom.events.internal.EventIngest;
import com.greenroom.events.internal.EventReader;
import com.greenroom.events.internal.ProjectionRunner;
import org.springframework.stereotype.Service;

/**
 * The event log as other modules and commands use it: append events as the platform would send them,
 * bring the projections up to date, or rebuild them from the whole log.
 */
@Service
public class PlatformEvents {

	private final EventReader reader;

	private final EventIngest ingest;

	private final ProjectionRunner runner;

	PlatformEvents(EventReader reader, EventIngest ingest, ProjectionRunner runner) {
		this.reader = reader;
		this.ingest = ingest;
		this.runner = runner;
	}

	/** Validates and appends NDJSON events (one per line), exactly as {@code POST /api/v1/events} does. */
	public IngestResult ingestNdjson(byte[] body) {
		return ingest.ingest(reader.readNdjson(body));
	}

	/** Applies every committed event to every projection now; returns the events applied (over all projections). */
	public long catchUp() {
		return runner.catchUp();
	}

	/** Resets every projection and replays the whole retained log into it; returns the events applied (over all projections). */
	public long rebuild() {
		return runner.rebuild();
	}

	/** Each projection's position: the seq of the last event it applied. */
	public Map<String, Long> positions() {
		return runner.positions();
	}
}
