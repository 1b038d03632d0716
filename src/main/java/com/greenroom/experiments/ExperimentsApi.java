package com.greenroom.experiments;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Experiments over HTTP. */
@RestController
@RequestMapping("/api/v1/experiments")
@Tag(name = "Experiments", description = "Playbook experiments: variants, assignment, results with 95% intervals, retirement")
@SecurityRequirement(name = "bearer")
class ExperimentsApi {

	private final Experiments experiments;

	ExperimentsApi(Experiments experiments) {
		this.experiments = experiments;
	}

	@GetMapping
	@Operation(summary = "Experiments in your regions, newest first; filters region and status (draft, running, concluded, retired)")
	List<Experiment> list(Viewer viewer, @RequestParam(required = false) String region,
			@RequestParam(required = false) String status) {
		return experiments.list(viewer, region, status);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a draft experiment; refused when it would share a creator with a running experiment of its region")
	Experiment create(Viewer viewer, @RequestBody ExperimentDraft draft) {
		return experiments.create(viewer, draft);
	}

	@GetMapping("/low-performing")
	@Operation(summary = "Concluded experiments whose lift is under greenroom.experiments.low-lift: the monthly retirement's list")
	List<Experiment> lowPerforming(Viewer viewer, @RequestParam(required = false) String region) {
		return experiments.lowPerforming(viewer, region);
	}

	@GetMapping("/{id}")
	Experiment get(Viewer viewer, @PathVariable long id) {
		return experiments.get(viewer, id);
	}

	@GetMapping("/{id}/results")
	@Operation(summary = "The primary metric per variant with 95% intervals, and each variant against the control")
	ExperimentResults results(Viewer viewer, @PathVariable long id) {
		return experiments.results(viewer, id);
	}

	@PostMapping("/{id}/start")
	@Operation(summary = "Draft to running")
	Experiment start(Viewer viewer, @PathVariable long id) {
		return experiments.start(viewer, id);
	}

	@PostMapping("/{id}/conclude")
	@Operation(summary = "Running to concluded")
	Experiment conclude(Viewer viewer, @PathVariable long id) {
		return experiments.conclude(viewer, id);
	}

	@PostMapping("/{id}/retire")
	@Operation(summary = "Concluded to retired, recording why; with playbookKey, raises a playbook change request (source EXPERIMENT)")
	Experiment retire(Viewer viewer, @PathVariable long id, @RequestBody Retirement retirement) {
		return experiments.retire(viewer, id, retirement.reason(), retirement.playbookKey());
	}

	/** Why an experiment is retired, and optionally the playbook to change. */
	record Retirement(String reason, String playbookKey) {
	}
}
