package com.greenroom.tiers;

import java.util.List;

import com.greenroom.creators.RosterColumns;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The roster's tier column, read from {@code tier_roster_figures} (migration V67); sorts top first. */
@Component
@Order(3)
class TierRosterColumns implements RosterColumns {

	@Override
	public String function() {
		return "tier_roster_figures";
	}

	@Override
	public List<Figure> figures() {
		return List.of(new Figure("tier", "Tier", "tier", "tier_rank", Kind.TEXT));
	}

	/** The stored tiers, whose rank column (V263) is the function's. */
	@Override
	public String sortTable() {
		return "creator_tier";
	}
}
