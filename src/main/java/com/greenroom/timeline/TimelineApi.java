package com.greenroom.timeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A creator's timeline over HTTP. */
@RestController
@Tag(name = "Timeline", description = "Everything that happened to a creator: milestones, checklist steps, coaching, tasks")
@SecurityRequirement(name = "bearer")
class TimelineApi {

	private final CreatorTimeline timeline;

	TimelineApi(CreatorTimeline timeline) {
		this.timeline = timeline;
	}

	@GetMapping("/api/v1/creators/{creatorId}/timeline")
	@Operation(summary = "A creator's timeline, newest first; kind filters to one kind (MILESTONE, CHECKLIST_STEP, COACHING, ...)")
	CreatorTimeline.Timeline get(Viewer viewer, @PathVariable String creatorId, @RequestParam(required = false) String kind) {
		return timeline.of(viewer, creatorId, kind);
	}
}
