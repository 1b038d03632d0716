package com.greenroom.comms;

import java.util.List;

import com.greenroom.creators.Creator;
import com.greenroom.identity.Viewer;
import com.greenroom.timeline.TimelineContributor;
import com.greenroom.timeline.TimelineEntry;
import org.springframework.stereotype.Component;

/** Puts each message sent (or skipped) to the creator on their timeline, at the time it was requested. */
@Component
class CommsTimeline implements TimelineContributor {

	private final Sends sends;

	CommsTimeline(Sends sends) {
		this.sends = sends;
	}

	@Override
	public List<TimelineEntry> entriesFor(Viewer viewer, Creator creator) {
		return sends.history(creator.creatorId()).stream().map(m -> {
			String title = (m.channel() == Channel.EMAIL ? "Email" : "In-app message") + " “" + m.template() + "”: "
					+ m.status().toLowerCase(java.util.Locale.ROOT);
			String detail = m.subject() != null ? m.subject() : m.reason();
			if (m.subject() != null && m.reason() != null) {
				detail = m.subject() + "\n" + m.reason();
			}
			return new TimelineEntry(m.requestedAt(), TimelineEntry.MESSAGE, title, detail,
					m.requestedBy().equals("system") ? null : m.requestedBy(), "/sends/" + m.sendId());
		}).toList();
	}
}
