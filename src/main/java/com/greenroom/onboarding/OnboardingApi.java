package com.greenroom.onboarding;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.creators.CreatorLinks;
import com.greenroom.identity.Viewer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Onboarding templates and creators' checklists over HTTP. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Onboarding", description = "Versioned checklist templates with regional variants; each creator's checklist")
@SecurityRequirement(name = "bearer")
class OnboardingApi {

	private final OnboardingTemplates templates;

	private final Checklists checklists;

	OnboardingApi(OnboardingTemplates templates, Checklists checklists) {
		this.templates = templates;
		this.checklists = checklists;
	}

	@GetMapping("/creators/{creatorId}/onboarding")
	@Operation(summary = "A creator's onboarding checklist: template version, steps with their task status, progress")
	Checklist checklist(Viewer viewer, @PathVariable String creatorId) {
		return checklists.of(viewer, creatorId).orElseThrow(() -> Checklists.notStarted(creatorId));
	}

	@PostMapping("/creators/{creatorId}/onboarding")
	@Operation(summary = "Start a creator's onboarding by hand (it starts by itself when a creator registers)")
	ResponseEntity<Checklist> start(Viewer viewer, @PathVariable String creatorId) {
		Checklist started = checklists.start(viewer, creatorId);
		return ResponseEntity.created(URI.create(CreatorLinks.api(creatorId, "onboarding"))).body(started);
	}

	@GetMapping("/onboarding/templates")
	@Operation(summary = "List templates: the global one and your regions' variants")
	List<Template> list(Viewer viewer) {
		return templates.list(viewer);
	}

	@PostMapping("/onboarding/templates")
	@Operation(summary = "Create the template of a scope (region null: global) with version 1 as a draft; without steps a "
			+ "regional variant copies the global template")
	ResponseEntity<TemplateVersion> create(Viewer viewer, @RequestBody NewTemplate body) {
		TemplateVersion created = templates.create(viewer, body.name(), body.region(), body.steps());
		return ResponseEntity.created(URI.create("/api/v1/onboarding/templates/" + created.templateId() + "/versions/1")).body(created);
	}

	@GetMapping("/onboarding/templates/{id}")
	@Operation(summary = "Get a template and its versions")
	Template get(Viewer viewer, @PathVariable long id) {
		return templates.get(viewer, id);
	}

	@GetMapping("/onboarding/templates/{id}/versions/{version}")
	@Operation(summary = "Get a template version with its steps")
	TemplateVersion version(Viewer viewer, @PathVariable long id, @PathVariable int version) {
		return templates.version(viewer, id, version);
	}

	@PostMapping("/onboarding/templates/{id}/versions")
	@Operation(summary = "Start the next version as a draft, copied from the latest")
	ResponseEntity<TemplateVersion> newDraft(Viewer viewer, @PathVariable long id) {
		TemplateVersion draft = templates.newDraft(viewer, id);
		return ResponseEntity.created(URI.create("/api/v1/onboarding/templates/" + id + "/versions/" + draft.version())).body(draft);
	}

	@PutMapping("/onboarding/templates/{id}/versions/{version}")
	@Operation(summary = "Replace a draft's steps (and the template's name); a published version answers 409")
	TemplateVersion update(Viewer viewer, @PathVariable long id, @PathVariable int version, @RequestBody VersionChanges body) {
		return templates.updateDraft(viewer, id, version, body.name(), body.steps());
	}

	@PostMapping("/onboarding/templates/{id}/versions/{version}/publish")
	@Operation(summary = "Publish a draft: new onboardings take it; running checklists keep their version")
	TemplateVersion publish(Viewer viewer, @PathVariable long id, @PathVariable int version) {
		return templates.publish(viewer, id, version);
	}

	@PutMapping("/onboarding/templates/{id}/playbook")
	@Operation(summary = "Name the playbook (SOP) the template follows, by key (blank: none); its pages link to the current guidance")
	Template followPlaybook(Viewer viewer, @PathVariable long id, @RequestBody PlaybookLink body) {
		return templates.followPlaybook(viewer, id, body.playbookKey());
	}

	record PlaybookLink(String playbookKey) {
	}

	record NewTemplate(String name, String region, List<StepDefinition> steps) {
	}

	record VersionChanges(String name, List<StepDefinition> steps) {
	}
}
