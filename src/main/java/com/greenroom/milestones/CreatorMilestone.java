package com.greenroom.milestones;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where a creator stands on one milestone: reached (with the event time of the qualifying event and the
 * day count since registration), or the progress {@code current}/{@code threshold}.
 */
public record CreatorMilestone(String code, String name, MilestoneKind kind, BigDecimal threshold, boolean reached, Instant reachedAt,
		Long daysAfterRegistration, BigDecimal current) {
}
