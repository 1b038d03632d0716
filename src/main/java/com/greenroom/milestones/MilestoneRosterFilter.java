package com.greenroom.milestones;

import java.util.LinkedHashMap;
import java.util.Map;

import com.greenroom.creators.MilestoneRoster;
import org.springframework.stereotype.Component;

/** Lets the roster filter by milestone without depending on this module (SQL: migration V221). */
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
	public String membersFunction() {
		return "milestone_roster_members";
	}
}
