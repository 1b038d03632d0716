package com.greenroom.milestones;

/** What a milestone counts; its threshold is reached by the event that brings the count to it. */
public enum MilestoneKind {

	STREAMS("streams started"), ACTIVE_DAYS("active creator days"), PAYMENTS("payments (gifts or subscriptions)"),
	REVENUE_USD("revenue in USD (gifts and subscriptions)"), SUBSCRIPTIONS("subscriptions"), FOLLOWS("follows"),
	UNIQUE_VIEWERS("unique viewers"), RETAINED_VIEWERS("viewers who joined on two or more creator days");

	private final String unit;

	MilestoneKind(String unit) {
		this.unit = unit;
	}

	public String unit() {
		return unit;
	}

	/** Counts take whole thresholds; revenue takes cents. */
	public boolean wholeNumbers() {
		return this != REVENUE_USD;
	}
}
