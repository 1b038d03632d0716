package com.greenroom.milestones;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Milestone definitions and creators' milestones over HTTP. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Milestones", description = "Creator success milestones: definitions, and each creator's path")
@SecurityRequirement(name = "bearer")
class MilestonesApi {

	private final Milestones milestones;

	MilestonesApi(Milestones milestones) {
		this.milestones = milestones;
	}

	@GetMapping("/milestones")
	@Operation(summary = "List milestone definitions, built-in ones first")
	List<Milestone> list() {
		return milestones.definitions();
	}

	@PostMapping("/milestones")
	@Operation(summary = "Add a milestone (admins): code, name, kind and threshold; evaluated for every creator at once")
	ResponseEntity<Milestone> create(Viewer viewer, @RequestBody MilestoneDraft draft) {
		Milestone created = milestones.define(viewer, draft);
		return ResponseEntity.created(URI.create("/api/v1/milestones/" + created.code())).body(created);
	}

	@GetMapping("/creators/{creatorId}/milestones")
	@Operation(summary = "A creator's milestones: reachedAt (event time) or progress toward each")
	List<CreatorMilestone> ofCreator(Viewer viewer, @PathVariable String creatorId) {
		return milestones.of(viewer, creatorId);
	}
}
