package com.greenroom.success;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.creators.Creators;
import com.greenroom.identity.Viewer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Support action and stall rules per milestone, and what fired for a creator, over HTTP. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Support actions", description = "Per-milestone support actions (on reached) and stall rules (not reached in time)")
@SecurityRequirement(name = "bearer")
class SupportRulesApi {

	private final SupportRules rules;

	private final SupportActions actions;

	private final Creators creators;

	SupportRulesApi(SupportRules rules, SupportActions actions, Creators creators) {
		this.rules = rules;
		this.actions = actions;
		this.creators = creators;
	}

	@GetMapping("/milestones/{code}/rules")
	@Operation(summary = "A milestone's rules: global ones and those of your regions (a regional rule replaces the global one of its key)")
	List<SupportRule> list(Viewer viewer, @PathVariable String code) {
		return rules.of(viewer, code);
	}

	@PostMapping("/milestones/{code}/rules")
	@Operation(summary = "Add a rule: global (admins) or regional (admins, the region's leads)")
	ResponseEntity<SupportRule> create(Viewer viewer, @PathVariable String code, @RequestBody RuleDraft draft) {
		SupportRule created = rules.create(viewer, code, draft);
		return ResponseEntity.created(URI.create("/api/v1/milestones/" + code + "/rules/" + created.id())).body(created);
	}

	@PatchMapping("/milestones/{code}/rules/{id}")
	@Operation(summary = "Change a rule's title, owner, offsets or active flag")
	SupportRule update(Viewer viewer, @PathVariable String code, @PathVariable long id, @RequestBody RuleDraft changes) {
		return rules.update(viewer, code, id, changes);
	}

	@GetMapping("/creators/{creatorId}/support-actions")
	@Operation(summary = "The support actions and stall rules that fired for a creator, with their tasks")
	List<SupportActions.Firing> firings(Viewer viewer, @PathVariable String creatorId) {
		creators.get(viewer, creatorId);
		return actions.firingsOf(creatorId);
	}
}
