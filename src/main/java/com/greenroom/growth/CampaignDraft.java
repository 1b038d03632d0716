package com.greenroom.growth;

import java.util.List;

/**
 * A campaign as submitted: dates as ISO {@code yyyy-MM-dd}, amounts as decimal strings. Give {@code creators}
 * (named platform creator ids) or {@code segment} (filters; all optional), not both.
 */
public record CampaignDraft(String name, List<String> regions, String start, String end, Amount cost, List<String> creators,
		SegmentDraft segment, String goal, Amount revenueTarget) {

	/** Money as submitted: a decimal string and a currency code with a configured rate. */
	public record Amount(String value, String currency) {
	}

	/** Segment filters as submitted: a region of the campaign, a tier, a manager's user id, a country, a language. */
	public record SegmentDraft(String region, String tier, String manager, String country, String language) {
	}
}
