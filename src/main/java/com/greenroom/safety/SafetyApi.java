package com.greenroom.safety;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import com.greenroom.system.Cursor;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Policy-risk cases, the moderation backlog and the policy taxonomy over HTTP. */
@RestController
@RequestMapping("/api/v1/safety")
@Tag(name = "Trust & safety",
		description = "Policy-risk cases from reports and flags, enforcement actions, the moderation backlog, the policy taxonomy")
@SecurityRequirement(name = "bearer")
class SafetyApi {

	private final SafetyCases cases;

	private final SafetyBacklog backlog;

	private final PolicyTaxonomy taxonomy;

	SafetyApi(SafetyCases cases, SafetyBacklog backlog, PolicyTaxonomy taxonomy) {
		this.cases = cases;
		this.backlog = backlog;
		this.taxonomy = taxonomy;
	}

	@GetMapping("/cases")
	@Operation(summary = "Policy-risk cases in the caller's regions, most severe first, then oldest (admins, trust & safety, regional leads)")
	PageOf<SafetyCase> listCases(Viewer viewer, @Parameter(description = "platform creator id") @RequestParam(required = false) String creator,
			@Parameter(description = "policy category code") @RequestParam(required = false) String category,
			@Parameter(description = "NEW, TRIAGING, ACTIONED, CLEARED, or open (new and triaging)") @RequestParam(required = false) String status,
			@Parameter(description = "region code") @RequestParam(required = false) String region,
			@Parameter(description = "me, none or a user id") @RequestParam(required = false) String assignee,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return cases.list(viewer, new SafetyCases.CaseQuery(creator, category, status, region, assignee), cursor, Cursor.limit(limit));
	}

	@PostMapping("/cases")
	@Operation(
			summary = "Flag a creator (or one of their live rooms) for a policy risk, saying why: joins the creator's open case of the category or opens one")
	ResponseEntity<SafetyCases.Flagged> flag(Viewer viewer, @RequestBody FlagDraft draft) {
		SafetyCases.Flagged flagged = cases.flag(viewer, draft.creatorId(), draft.category(), draft.streamId(), draft.note());
		return ResponseEntity.created(URI.create("/api/v1/safety/cases/" + flagged.caseId())).body(flagged);
	}

	@GetMapping("/cases/{id}")
	@Operation(summary = "One case with its guidance, reports, notes and enforcement actions")
	SafetyCaseDetail getCase(Viewer viewer, @PathVariable long id) {
		return cases.get(viewer, id);
	}

	@PatchMapping("/cases/{id}")
	@Operation(summary = "Triage a case: status NEW or TRIAGING (reopens a closed case), assigneeId a trust & safety user of its region or null")
	SafetyCaseDetail updateCase(Viewer viewer, @PathVariable long id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
					@Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = CaseChanges.class)),
					@Content(mediaType = "application/json",
							schema = @Schema(implementation = CaseChanges.class)) }) @RequestBody Map<String, Object> changes) {
		return cases.update(viewer, id, changes);
	}

	@PostMapping("/cases/{id}/notes")
	@Operation(summary = "Add a note to a case")
	SafetyCaseDetail addNote(Viewer viewer, @PathVariable long id, @RequestBody NoteDraft note) {
		return cases.note(viewer, id, note.body());
	}

	@PostMapping("/cases/{id}/actions")
	@Operation(
			summary = "Take an enforcement action with a reason (WARNING, STREAM_ENDED, FEATURE_LIMIT, SUSPENSION, CLEARED); admins and trust & safety")
	SafetyCaseDetail takeAction(Viewer viewer, @PathVariable long id, @RequestBody ActionDraft action) {
		return cases.act(viewer, id, action.kind(), action.reason());
	}

	@PostMapping("/cases/{id}/escalation")
	@Operation(summary = "Escalate a case to a P1 ticket in the creator's region (once; again answers the same ticket)")
	SafetyCaseDetail escalateCase(Viewer viewer, @PathVariable long id) {
		return cases.escalate(viewer, id);
	}

	@GetMapping("/backlog")
	@Operation(summary = "Open cases by category, region and age bucket (oldest first), the oldest cases, and time to first action per week")
	SafetyBacklog.Backlog getBacklog(Viewer viewer, @RequestParam(required = false) String region,
			@RequestParam(required = false) String category) {
		return backlog.of(viewer, region, category);
	}

	@GetMapping("/categories")
	@Operation(summary = "The policy taxonomy: categories with severity, enforcement guidance and the platform report categories mapped onto each")
	List<PolicyCategory> listCategories() {
		return taxonomy.all();
	}

	@GetMapping("/categories/{code}")
	@Operation(summary = "One policy category")
	PolicyCategory getCategory(@PathVariable String code) {
		return taxonomy.find(code).orElseThrow(() -> new NotFoundException("Policy category", code));
	}

	@PostMapping("/categories")
	@Operation(summary = "Add a policy category (admins, trust & safety)")
	ResponseEntity<PolicyCategory> createCategory(Viewer viewer, @RequestBody PolicyTaxonomy.CategoryChanges draft) {
		PolicyCategory created = taxonomy.create(viewer, draft);
		return ResponseEntity.created(URI.create("/api/v1/safety/categories/" + created.code())).body(created);
	}

	@PatchMapping("/categories/{code}")
	@Operation(
			summary = "Change a policy category's name, description, severity or guidance (admins, trust & safety); a new severity applies to its open cases")
	PolicyCategory updateCategory(Viewer viewer, @PathVariable String code, @RequestBody PolicyTaxonomy.CategoryChanges changes) {
		return taxonomy.update(viewer, code, changes);
	}

	@GetMapping("/report-categories")
	@Operation(summary = "The platform's report categories: each mapped one with its policy category, and unmapped ones seen in reports")
	List<ReportCategory> listReportCategories() {
		List<ReportCategory> all = new ArrayList<>();
		taxonomy.all().forEach(c -> c.reportCategories().forEach(r -> all.add(new ReportCategory(r, c.code(), null))));
		taxonomy.unmappedReportCategories().forEach((r, n) -> all.add(new ReportCategory(r, null, n)));
		return all;
	}

	@PutMapping("/report-categories/{reportCategory}")
	@Operation(summary = "Map a platform report category onto a policy category (admins, trust & safety); applies to reports from now on")
	ReportCategory mapReportCategory(Viewer viewer, @PathVariable String reportCategory, @RequestBody Mapping mapping) {
		PolicyCategory category = taxonomy.map(viewer, reportCategory, mapping.category() == null ? "" : mapping.category());
		return new ReportCategory(PolicyTaxonomy.normalize(reportCategory), category.code(), null);
	}

	@DeleteMapping("/report-categories/{reportCategory}")
	@Operation(summary = "Remove a report category's mapping: its reports count toward 'other' from now on")
	ResponseEntity<Void> unmapReportCategory(Viewer viewer, @PathVariable String reportCategory) {
		taxonomy.map(viewer, reportCategory, null);
		return ResponseEntity.noContent().build();
	}

	record FlagDraft(String creatorId, String category, String streamId, String note) {
	}

	record NoteDraft(String body) {
	}

	record ActionDraft(String kind, String reason) {
	}

	record Mapping(String category) {
	}

	/** A platform report category: its policy category, or (unmapped) how many reports carry it. */
	record ReportCategory(String reportCategory, String category, Long unmappedReports) {
	}

	@Schema(description = "A JSON merge patch of a case: absent fields stay, null assigneeId unassigns")
	record CaseChanges(CaseStatus status, Long assigneeId) {
	}
}
