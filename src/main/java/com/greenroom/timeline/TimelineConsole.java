package com.greenroom.timeline;

import com.greenroom.creators.CreatorPanel;
import com.greenroom.identity.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The timeline panel of a creator's page, loaded as an htmx fragment. */
@Controller
class TimelineConsole implements CreatorPanel {

	@Override
	public String fragment() {
		return "timeline-panel";
	}

	@Override
	public String label() {
		return "timeline";
	}

	@Override
	public Column column() {
		return Column.MAIN;
	}

	@Override
	public int order() {
		return 60;
	}

	private final CreatorTimeline timeline;

	TimelineConsole(CreatorTimeline timeline) {
		this.timeline = timeline;
	}

	@GetMapping("/creators/{creatorId}/timeline-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, @RequestParam(required = false) String kind, Model model) {
		model.addAttribute("timeline", timeline.of(viewer, creatorId, kind));
		model.addAttribute("kind", kind == null ? "" : kind);
		model.addAttribute("kinds", TimelineEntry.KINDS);
		return "timeline/panel :: panel";
	}
}
