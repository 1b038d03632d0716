package com.greenroom.tiers;

import java.util.Arrays;
import java.util.List;

import com.greenroom.creators.TierRoster;
import org.springframework.stereotype.Component;

/** Lets the roster filter by current tier without depending on this module (SQL: migration V222). */
@Component
class TierRosterFilter implements TierRoster {

	@Override
	public List<String> tiers() {
		return Arrays.stream(Tier.values()).map(Tier::name).toList();
	}

	@Override
	public String membersFunction() {
		return "tier_roster_members";
	}

	@Override
	public String withinReachFunction() {
		return TierPaceRosterColumns.FUNCTION;
	}
}
