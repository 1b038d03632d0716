package com.greenroom.growth;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A campaign's ROI per the brief: incremental revenue = participants' revenue in the period − baseline (their
 * average daily revenue over the 28 days before the start × campaign days); ROI = (incremental − cost) / cost.
 * While a campaign runs, the figures cover the days that have ended in each region's zone ({@code daysCounted}).
 * A region's cost is the campaign's cost shared by participants. {@code total} is null for a viewer who does not
 * see every region of the campaign; {@code daily} sums the regions shown.
 */
public record CampaignRoi(long campaignId, LocalDate start, LocalDate end, int campaignDays, LocalDate baselineFrom,
		LocalDate baselineTo, Figures total, List<RegionFigures> regions, List<DayPoint> daily) {

	/**
	 * Revenue figures in USD (6 decimals). {@code roi} is null until a day of the period has ended;
	 * {@code complete} once every day has.
	 */
	public record Figures(int participants, int daysCounted, boolean complete, BigDecimal revenueUsd, BigDecimal baselineDailyUsd,
			BigDecimal baselineUsd, BigDecimal incrementalUsd, BigDecimal costUsd, BigDecimal roi) {
	}

	public record RegionFigures(String region, Figures figures) {
	}

	/** Participants' revenue on one date (creator days), with the baseline's daily value on campaign days. */
	public record DayPoint(LocalDate day, BigDecimal revenueUsd, BigDecimal baselineUsd) {
	}
}
