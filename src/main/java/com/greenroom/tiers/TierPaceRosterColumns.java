package com.greenroom.tiers;

import java.util.List;

import com.greenroom.creators.RosterColumns;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The roster's tier pace columns, read from {@code tier_pace_figures} (migration V210): the tier the
 * creator's pace lands in at the period's end, the revenue still needed for the next tier, and whether
 * that is within reach.
 */
@Component
@Order(4)
class TierPaceRosterColumns implements RosterColumns {

	static final String FUNCTION = "tier_pace_figures";

	@Override
	public String function() {
		return FUNCTION;
	}

	@Override
	public List<Figure> figures() {
		return List.of(new Figure("paceTier", "Pace tier", "pace_tier_label", "pace_tier_rank", Kind.TEXT),
				new Figure("nextTierGap", "To next tier (USD)", "revenue_gap_usd", Kind.USD),
				new Figure("withinReach", "Within reach", "reach_label", Kind.TEXT));
	}
}
