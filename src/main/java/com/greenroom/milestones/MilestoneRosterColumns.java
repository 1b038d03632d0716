package com.greenroom.milestones;

import java.util.List;

import com.greenroom.creators.RosterColumns;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The roster's milestone progress column, read from {@code milestone_roster_figures} (migration V68). */
@Component
@Order(2)
class MilestoneRosterColumns implements RosterColumns {

	@Override
	public String function() {
		return "milestone_roster_figures";
	}

	@Override
	public List<Figure> figures() {
		return List.of(new Figure("milestones", "Milestones reached", "milestone_progress", "milestones_reached", Kind.TEXT));
	}
}
