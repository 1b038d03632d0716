package com.greenroom.tiers;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A recomputation of tiers asked for on demand: its regions in order, each with its status, and once done
 * the number of creators per tier. {@code status} and each region's: QUEUED, RUNNING, DONE, FAILED or
 * INTERRUPTED (the node running it stopped: no heartbeat for two minutes).
 */
public record TierRecomputeJob(long id, String status, Instant asOf, String requestedBy, Instant requestedAt, Instant startedAt,
		Instant finishedAt, int regionsDone, int regionsTotal, List<RegionProgress> regions) {

	/** One region of the job. */
	public record RegionProgress(String region, String status, Integer creators, Map<String, Integer> counts, Instant startedAt,
			Instant finishedAt, String error) {

		/** "3 top, 9 mid, …" for people; empty before the region is done. */
		public String summary() {
			return counts == null ? ""
					: counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
		}
	}

	public boolean finished() {
		return status.equals("DONE") || status.equals("FAILED") || status.equals("INTERRUPTED");
	}
}
