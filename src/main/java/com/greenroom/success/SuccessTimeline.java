package com.greenroom.success;

import java.util.ArrayList;
import java.util.List;

import com.greenroom.creators.Creator;
import com.greenroom.identity.Viewer;
import com.greenroom.milestones.CreatorMilestone;
import com.greenroom.milestones.Milestones;
import com.greenroom.system.ConsoleLabels;
import com.greenroom.timeline.TimelineContributor;
import com.greenroom.timeline.TimelineEntry;
import org.springframework.stereotype.Component;

/** Puts reached milestones and the support actions they (or their absence) fired on the creator's timeline. */
@Component
class SuccessTimeline implements TimelineContributor {

	private final Milestones milestones;

	private final SupportActions actions;

	private final ConsoleLabels labels;

	SuccessTimeline(Milestones milestones, SupportActions actions, ConsoleLabels labels) {
		this.labels = labels;
		this.milestones = milestones;
		this.actions = actions;
	}

	@Override
	public List<TimelineEntry> entriesFor(Viewer viewer, Creator creator) {
		List<TimelineEntry> entries = new ArrayList<>();
		for (CreatorMilestone m : milestones.of(viewer, creator.creatorId())) {
			if (m.reached() && m.reachedAt() != null) {
				entries.add(new TimelineEntry(m.reachedAt(), TimelineEntry.MILESTONE, "Reached " + m.name(),
						m.daysAfterRegistration() == null ? null : "Day " + m.daysAfterRegistration() + " after registration", null, null));
			}
		}
		for (SupportActions.Firing firing : actions.firingsOf(creator.creatorId())) {
			String owner = firing.task() == null ? null
					: firing.task().ownerName() != null ? firing.task().ownerName() : "unclaimed · " + labels.of(firing.task().ownerRole());
			entries.add(new TimelineEntry(firing.firedAt(), TimelineEntry.SUPPORT_ACTION,
					(firing.kind() == RuleKind.STALL ? "Stall rule fired: " : "Support action: ") + firing.title(),
					owner != null ? "Task for " + owner
							: firing.ticketId() != null ? "Ticket #" + firing.ticketId()
									: firing.sendId() != null ? "Message sent (send #" + firing.sendId() + ")" : null,
					null, null));
		}
		return entries;
	}
}
