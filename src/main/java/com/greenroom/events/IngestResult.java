package com.greenroom.events;

import java.util.List;

/**
 * What became of one batch of platform events: how many were appended, how many were repeats of an
 * id already in the log (or earlier in the batch), and why each rejected event was refused.
 */
public record IngestResult(int accepted, int duplicates, List<Rejection> rejected) {

	public IngestResult {
		rejected = List.copyOf(rejected);
	}

	/** One refused event: its 0-based position in the batch, its id if it had one, the field and the rule it broke. */
	public record Rejection(int index, String id, String field, String reason) {
	}
}
