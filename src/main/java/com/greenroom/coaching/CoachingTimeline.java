package com.greenroom.coaching;

import java.util.List;
import java.util.stream.Collectors;

import com.greenroom.creators.Creator;
import com.greenroom.identity.Viewer;
import com.greenroom.timeline.TimelineContributor;
import com.greenroom.timeline.TimelineEntry;
import org.springframework.stereotype.Component;

/** Puts each coaching session on the creator's timeline (its follow-up, once done, comes from the tasks). */
@Component
class CoachingTimeline implements TimelineContributor {

	private final CoachingSessions sessions;

	CoachingTimeline(CoachingSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public List<TimelineEntry> entriesFor(Viewer viewer, Creator creator) {
		return sessions.forCreator(creator.creatorId()).stream().map(s -> {
			StringBuilder detail = new StringBuilder(s.notes() == null ? "" : s.notes());
			if (s.nextStep() != null) {
				detail.append(detail.isEmpty() ? "" : "\n").append("Next step: ").append(s.nextStep());
			}
			if (s.followUpOn() != null) {
				detail.append(detail.isEmpty() ? "" : "\n").append("Follow-up on ").append(s.followUpOn());
			}
			return new TimelineEntry(s.occurredAt(), TimelineEntry.COACHING,
					"Coaching session: " + s.topics().stream().map(CoachingSession.Topic::name).collect(Collectors.joining(", ")),
					detail.isEmpty() ? null : detail.toString(), s.coachName(), null);
		}).toList();
	}
}
