package com.greenroom.tickets;

import java.time.Instant;

/**
 * A ticket's SLA as of one instant. {@code elapsedMinutes} and {@code remainingMinutes} (negative once
 * overdue) are those of the running clock: the first response until it is given, then the resolution. Due
 * instants of a paused ticket are projected as if it resumed now.
 */
public record Sla(Instant firstResponseDueAt, Instant firstResponseAt, Instant resolutionDueAt, Instant resolvedAt, boolean paused,
		long elapsedMinutes, long remainingMinutes, SlaState state) {
}
