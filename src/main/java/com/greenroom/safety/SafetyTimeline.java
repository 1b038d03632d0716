package com.greenroom.safety;

import java.util.ArrayList;
import java.util.List;

import com.greenroom.creators.Creator;
import com.greenroom.identity.Viewer;
import com.greenroom.timeline.TimelineContributor;
import com.greenroom.timeline.TimelineEntry;
import org.springframework.stereotype.Component;

/**
 * Puts each case's opening and each enforcement action (with its reason and actor) on the creator's
 * timeline. Whoever may not see case details (a creator manager) reads only that a case was opened.
 */
@Component
class SafetyTimeline implements TimelineContributor {

	private final SafetyCases cases;

	SafetyTimeline(SafetyCases cases) {
		this.cases = cases;
	}

	@Override
	public List<TimelineEntry> entriesFor(Viewer viewer, Creator creator) {
		boolean details = cases.mayView(viewer);
		List<TimelineEntry> entries = new ArrayList<>();
		for (SafetyCase c : cases.forCreator(creator.creatorId())) {
			if (!details) {
				entries.add(new TimelineEntry(c.openedAt(), TimelineEntry.SAFETY, "Trust & safety case opened", null, null, null));
				continue;
			}
			String link = SafetyConsole.caseLink(c.id());
			entries.add(new TimelineEntry(c.openedAt(), TimelineEntry.SAFETY, "Policy-risk case opened: " + c.categoryName(),
					c.reportCount() + (c.reportCount() == 1 ? " report" : " reports") + " · " + c.severity().label() + " severity · "
							+ c.status().label(),
					null, link));
			for (SafetyCaseDetail.Action action : cases.actionsFor(c.id())) {
				entries.add(new TimelineEntry(action.createdAt(), TimelineEntry.SAFETY,
						"Enforcement: " + action.kind().label() + " (" + c.categoryName() + ")", action.reason(), action.actorName(), link));
			}
		}
		return entries;
	}
}
