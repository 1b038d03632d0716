package com.greenroom.milestones;

import java.math.BigDecimal;

/** A milestone definition: reached when the creator's {@code kind} count reaches {@code threshold}. */
public record Milestone(String code, String name, MilestoneKind kind, BigDecimal threshold, boolean builtIn) {
}
