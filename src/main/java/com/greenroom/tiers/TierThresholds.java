package com.greenroom.tiers;

/** A region's revenue tiers: the top {@code topPercent} of active creators, then the next {@code midPercent}. */
public record TierThresholds(String region, int topPercent, int midPercent, boolean defaults) {

	public static final int DEFAULT_TOP = 10;

	public static final int DEFAULT_MID = 30;
}
