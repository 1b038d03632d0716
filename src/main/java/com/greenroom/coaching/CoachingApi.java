package com.greenroom.coaching;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import com.greenroom.system.Cursor;
import com.greenroom.system.PageOf;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Coaching sessions per creator and the topic list over HTTP. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Coaching", description = "Coaching sessions per creator (with follow-up tasks) and the topic list")
@SecurityRequirement(name = "bearer")
class CoachingApi {

	private final CoachingSessions sessions;

	private final CoachingTopics topics;

	CoachingApi(CoachingSessions sessions, CoachingTopics topics) {
		this.sessions = sessions;
		this.topics = topics;
	}

	@GetMapping("/creators/{creatorId}/coaching")
	@Operation(summary = "A creator's coaching sessions, newest first, cursor-paginated")
	PageOf<CoachingSession> list(Viewer viewer, @PathVariable String creatorId, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return sessions.of(viewer, creatorId, cursor, Cursor.limit(limit));
	}

	@PostMapping("/creators/{creatorId}/coaching")
	@Operation(summary = "Log a coaching session; a followUpOn date becomes a task for the coach, due 17:00 that day in the creator's zone")
	ResponseEntity<CoachingSession> log(Viewer viewer, @PathVariable String creatorId, @RequestBody SessionDraft draft) {
		CoachingSession logged = sessions.log(viewer, creatorId, draft);
		return ResponseEntity.created(URI.create(com.greenroom.creators.CreatorLinks.api(creatorId)
				+ "/coaching/" + logged.id()))
			.body(logged);
	}

	@GetMapping("/creators/{creatorId}/coaching/{id}")
	@Operation(summary = "One coaching session")
	CoachingSession get(Viewer viewer, @PathVariable String creatorId, @PathVariable long id) {
		return sessions.get(viewer, creatorId, id);
	}

	@GetMapping("/coaching/topics")
	@Operation(summary = "The coaching topics: active ones first, then retired ones")
	List<CoachingTopic> topics() {
		return topics.all();
	}

	@PostMapping("/coaching/topics")
	@Operation(summary = "Add a coaching topic (admins); code defaults to a slug of the name")
	ResponseEntity<CoachingTopic> createTopic(Viewer viewer, @RequestBody TopicChanges body) {
		CoachingTopic created = topics.create(viewer, body.code(), body.name());
		return ResponseEntity.created(URI.create("/api/v1/coaching/topics/" + created.code())).body(created);
	}

	@PatchMapping("/coaching/topics/{code}")
	@Operation(summary = "Rename, retire (active false) or restore a coaching topic (admins)")
	CoachingTopic updateTopic(Viewer viewer, @PathVariable String code, @RequestBody TopicChanges body) {
		return topics.update(viewer, code, body.name(), body.active());
	}

	record TopicChanges(String code, String name, Boolean active) {
	}
}
