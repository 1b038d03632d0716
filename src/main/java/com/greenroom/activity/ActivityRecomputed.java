package com.greenroom.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * Published synchronously, inside the projection's transaction, after a batch changed creators' days:
 * for each creator the days recomputed and the earliest event time in the batch; {@code rezoned}
 * creators had all their days recomputed because their time zone changed. Listeners (milestones)
 * derive their own facts in the same transaction.
 */
public record ActivityRecomputed(Map<String, Set<LocalDate>> days, Map<String, Instant> earliestEventAt, Set<String> rezoned) {
}
