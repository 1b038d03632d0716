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

	/** Kinds of work with a timeline kind of their own; any other is a plain task. */
	private static final Map<TaskKind, String> KINDS = Map.of(TaskKind.CHECKLIST_STEP, TimelineEntry.CHECKLIST_STEP, TaskKind.SUPPORT_ACTION,
			TimelineEntry.SUPPORT_ACTION);

	private final TaskQueries tasks;

	TaskTimeline(TaskQueries tasks) {
		this.tasks = tasks;
	}

	@Override
	public List<TimelineEntry> entriesFor(Viewer viewer, Creator creator) {
		return tasks.resolvedFor(creator.creatorId()).stream()
			.map(t -> new TimelineEntry(t.completedAt(), KINDS.getOrDefault(t.kind(), TimelineEntry.TASK),
					(t.status() == TaskStatus.DONE ? "Done: " : "Skipped: ") + t.title(),
					t.status() == TaskStatus.DONE ? t.completionNote() : t.skipReason(), t.completedByName(), null))
			.toList();
	}
}
