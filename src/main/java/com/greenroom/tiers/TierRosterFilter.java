package com.greenroom.tiers;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.greenroom.creators.TierRoster;
import com.greenroom.system.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Lets the roster filter by current tier without depending on this module. */
@Component
class TierRosterFilter implements TierRoster {

	private final JdbcClient jdbc;

	TierRosterFilter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> tiers() {
		return Arrays.stream(Tier.values()).map(Tier::name).toList();
	}

	@Override
	public Set<String> creatorsIn(String tier) {
		if (Arrays.stream(Tier.values()).noneMatch(t -> t.name().equals(tier))) {
			throw new InvalidInputException("tier", "must be one of " + tiers());
		}
		return new HashSet<>(jdbc.sql("select creator_id from creator_tier where tier = :tier").param("tier", tier).query(String.class).list());
	}

	@Override
	public String withinReachFunction() {
		return TierPaceRosterColumns.FUNCTION;
	}
}
