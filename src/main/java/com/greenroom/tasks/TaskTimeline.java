package com.greenroom.tasks;

import java.util.List;
import java.util.Map;

import com.greenroom.creators.Creator;
import com.greenroom.identity.Viewer;
import com.greenroom.timeline.TimelineContributor;
import com.greenroom.timeline.TimelineEntry;
import org.springframework.stereotype.Component;

/**
 * Puts every done or skipped task about a creator on their timeline, with who resolved it: checklist
 * steps, support actions, coaching follow-ups and manual to-dos alike.
 */
@Component
class TaskTimeline implements TimelineContributor {

	/** Source types with a timeline kind of their own; any other is a plain task. */
	private static final Map<String, String> KINDS = Map.of("ONBOARDING_STEP", TimelineEntry.CHECKLIST_STEP, "SUPPORT_ACTION",
			TimelineEntry.SUPPORT_ACTION, "STALL_RULE", TimelineEntry.SUPPORT_ACTION);

	private final Tasks tasks;

	TaskTimeline(Tasks tasks) {
		this.tasks = tasks;
	}

	@Override
	public List<TimelineEntry> entriesFor(Viewer viewer, Creator creator) {
		return tasks.resolvedFor(creator.creatorId()).stream()
			.map(t -> new TimelineEntry(t.completedAt(), KINDS.getOrDefault(t.sourceType(), TimelineEntry.TASK),
					(t.status() == TaskStatus.DONE ? "Done: " : "Skipped: ") + t.title(),
					t.status() == TaskStatus.DONE ? t.completionNote() : t.skipReason(), t.completedByName(), null))
			.toList();
	}
}
