package com.greenroom.milestones;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.greenroom.creators.MilestoneRoster;
import org.springframework.stereotype.Component;

/** Lets the roster filter by milestone without depending on this module. */
@Component
class MilestoneRosterFilter implements MilestoneRoster {

	private final Milestones milestones;

	MilestoneRosterFilter(Milestones milestones) {
		this.milestones = milestones;
	}

	@Override
	public Map<String, String> milestones() {
		Map<String, String> names = new LinkedHashMap<>();
		milestones.definitions().forEach(m -> names.put(m.code(), m.name()));
		return names;
	}

	@Override
	public Set<String> creatorsWhoReached(String code) {
		return milestones.creatorsWhoReached(code);
	}
}
