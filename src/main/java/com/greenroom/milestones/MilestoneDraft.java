package com.greenroom.milestones;

import java.math.BigDecimal;

/** A milestone an admin adds: code (e.g. SEVEN_ACTIVE_DAYS), name, kind and threshold. */
public record MilestoneDraft(String code, String name, String kind, BigDecimal threshold) {
}
