package com.greenroom.milestones;

import java.time.Instant;

/**
 * A creator reached a milestone for the first time; published once per creator and milestone, ever
 * (not again when a late event moves {@code reachedAt} earlier, nor on a rebuild). {@code reachedAt} is
 * the event time of the qualifying event as known when it was announced.
 */
public record MilestoneReached(String creatorId, String milestoneCode, Instant reachedAt) {
}
