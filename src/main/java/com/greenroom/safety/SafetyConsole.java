package com.greenroom.safety;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorLinks;
import com.greenroom.creators.CreatorPanel;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.ConflictException;
import com.greenroom.system.Cursor;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.PageOf;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Console: the case queue (/safety/cases), a case's triage and enforcement page, the moderation backlog, the
 * taxonomy, the flag form, and the trust & safety panel of a creator's page (for a creator manager: only
 * whether a case is open).
 */
@Controller
class SafetyConsole implements CreatorPanel {

	@Override
	public String fragment() {
		return "safety-panel";
	}

	@Override
	public String label() {
		return "trust & safety";
	}

	@Override
	public Column column() {
		return Column.SIDE;
	}

	@Override
	public int order() {
		return 20;
	}

	static String caseLink(long id) {
		return "/safety/cases/" + id;
	}

	static String flagLink(String creatorId, String streamId) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/safety/flag").queryParam("creatorId", creatorId);
		if (streamId != null) {
			link.queryParam("streamId", streamId);
		}
		return link.build().encode().toUriString();
	}

	private final SafetyCases cases;

	private final SafetyBacklog backlog;

	private final PolicyTaxonomy taxonomy;

	private final Creators creators;

	private final Regions regions;

	private final Users users;

	SafetyConsole(SafetyCases cases, SafetyBacklog backlog, PolicyTaxonomy taxonomy, Creators creators, Regions regions, Users users) {
		this.cases = cases;
		this.backlog = backlog;
		this.taxonomy = taxonomy;
		this.creators = creators;
		this.regions = regions;
		this.users = users;
	}

	// ---- the queue -----------------------------------------------------------------------------------

	@GetMapping("/safety/cases")
	String list(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String category,
			@RequestParam(required = false) String status, @RequestParam(required = false) String assignee,
			@RequestParam(required = false) String creator, @RequestParam(required = false) String cursor, Model model) {
		String statusFilter = status == null ? "open" : status;
		SafetyCases.CaseQuery query = new SafetyCases.CaseQuery(creator, category, statusFilter, region, assignee);
		Map<String, String> filters = new LinkedHashMap<>();
		filters.put("region", region == null ? "" : region);
		filters.put("category", category == null ? "" : category);
		filters.put("status", statusFilter);
		filters.put("assignee", assignee == null ? "" : assignee);
		filters.put("creator", creator == null ? "" : creator);
		model.addAttribute("filters", filters);
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("categories", taxonomy.all());
		model.addAttribute("statuses", CaseStatus.values());
		try {
			PageOf<SafetyCase> page = cases.list(viewer, query, cursor, 50);
			model.addAttribute("page", page);
			model.addAttribute("total", cases.count(viewer, query));
			model.addAttribute("nextLink", page.nextCursor() == null ? null : listLink(filters, page.nextCursor()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("page", new PageOf<SafetyCase>(List.of(), null));
			model.addAttribute("total", 0L);
			model.addAttribute("errors", FormErrors.of(ex));
		}
		model.addAttribute("zone", users.timeZoneOf(viewer).getId());
		return "safety/cases";
	}

	private static String listLink(Map<String, String> filters, String cursor) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/safety/cases");
		filters.forEach((k, v) -> {
			if (!v.isEmpty()) {
				link.queryParam(k, v);
			}
		});
		return link.queryParam("cursor", cursor).build().encode().toUriString();
	}

	// ---- one case ------------------------------------------------------------------------------------

	@GetMapping("/safety/cases/{id}")
	String detail(Viewer viewer, @PathVariable long id, Model model) {
		return detail(viewer, id, Map.of(), Map.of(), model);
	}

	private String detail(Viewer viewer, long id, Map<String, String> values, Map<String, String> errors, Model model) {
		SafetyCaseDetail found = cases.get(viewer, id);
		model.addAttribute("c", found);
		model.addAttribute("creatorLink", CreatorLinks.page(found.creatorId()));
		model.addAttribute("assignable", cases.assignableIn(found.regionCode()));
		model.addAttribute("canEnforce", cases.mayEnforce(viewer));
		model.addAttribute("actionKinds", EnforcementAction.values());
		model.addAttribute("statuses", List.of(CaseStatus.NEW, CaseStatus.TRIAGING));
		model.addAttribute("form", values);
		model.addAttribute("errors", errors);
		model.addAttribute("zone", users.timeZoneOf(viewer).getId());
		return "safety/case";
	}

	@PostMapping("/safety/cases/{id}/triage")
	String triage(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String assigneeId, Model model, RedirectAttributes redirect) {
		try {
			Map<String, Object> changes = new HashMap<>();
			// the form always sends the status shown; only a changed one is a change (so assigning a new case starts triage)
			if (status != null && !status.isBlank() && !status.equals(cases.get(viewer, id).status().name())) {
				changes.put("status", status);
			}
			if (assigneeId != null) {
				changes.put("assigneeId", assigneeId.isBlank() ? null : parseId(assigneeId));
			}
			SafetyCaseDetail changed = cases.update(viewer, id, changes);
			redirect.addFlashAttribute("flash", "Saved: " + changed.status().label()
					+ (changed.assigneeName() == null ? ", unassigned." : ", assigned to " + changed.assigneeName() + "."));
			return "redirect:" + caseLink(id);
		}
		catch (InvalidInputException | ConflictException ex) {
			return detail(viewer, id, Map.of(), FormErrors.of(ex), model);
		}
	}

	@PostMapping("/safety/cases/{id}/notes")
	String note(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String body, Model model,
			RedirectAttributes redirect) {
		try {
			cases.note(viewer, id, body);
			redirect.addFlashAttribute("flash", "Note added.");
			return "redirect:" + caseLink(id);
		}
		catch (InvalidInputException ex) {
			return detail(viewer, id, Map.of("body", body == null ? "" : body), FormErrors.of(ex), model);
		}
	}

	@PostMapping("/safety/cases/{id}/actions")
	String act(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
		try {
			SafetyCaseDetail changed = cases.act(viewer, id, kind, reason);
			SafetyCaseDetail.Action last = changed.actions().get(changed.actions().size() - 1);
			redirect.addFlashAttribute("flash",
					last.kind().label() + " recorded; the case is " + changed.status().label().toLowerCase(java.util.Locale.ROOT) + ".");
			return "redirect:" + caseLink(id);
		}
		catch (InvalidInputException ex) {
			Map<String, String> values = new HashMap<>();
			values.put("kind", kind == null ? "" : kind);
			values.put("reason", reason == null ? "" : reason);
			return detail(viewer, id, values, FormErrors.of(ex), model);
		}
	}

	@PostMapping("/safety/cases/{id}/escalation")
	String escalate(Viewer viewer, @PathVariable long id, Model model, RedirectAttributes redirect) {
		try {
			SafetyCaseDetail escalated = cases.escalate(viewer, id);
			redirect.addFlashAttribute("flash", "Escalated to P1 ticket #" + escalated.ticketId() + ".");
			return "redirect:" + caseLink(id);
		}
		catch (InvalidInputException ex) {
			return detail(viewer, id, Map.of(), FormErrors.of(ex), model);
		}
	}

	// ---- flagging ------------------------------------------------------------------------------------

	@GetMapping("/safety/flag")
	String flagForm(Viewer viewer, @RequestParam String creatorId, @RequestParam(required = false) String streamId, Model model) {
		Map<String, String> values = new HashMap<>();
		values.put("streamId", streamId == null ? "" : streamId);
		return flagForm(viewer, creators.get(viewer, creatorId), values, Map.of(), model);
	}

	private String flagForm(Viewer viewer, Creator creator, Map<String, String> values, Map<String, String> errors, Model model) {
		model.addAttribute("creator", creator);
		model.addAttribute("categories", taxonomy.all());
		model.addAttribute("form", values);
		model.addAttribute("errors", errors);
		model.addAttribute("mayFlag", cases.mayFlag(viewer));
		return "safety/flag";
	}

	@PostMapping("/safety/flag")
	String flag(Viewer viewer, @RequestParam String creatorId, @RequestParam(required = false) String streamId,
			@RequestParam(required = false) String category, @RequestParam(required = false) String note, Model model,
			RedirectAttributes redirect) {
		Creator creator = creators.get(viewer, creatorId);
		try {
			SafetyCases.Flagged flagged = cases.flag(viewer, creatorId, category, streamId, note);
			String what = flagged.opened() ? "Flagged: a trust & safety case is open." : "Flagged: added to the open trust & safety case.";
			redirect.addFlashAttribute("flash", what);
			return "redirect:" + (cases.mayView(viewer) ? caseLink(flagged.caseId()) : CreatorLinks.page(creator.creatorId()));
		}
		catch (InvalidInputException ex) {
			Map<String, String> values = new HashMap<>();
			values.put("streamId", streamId == null ? "" : streamId);
			values.put("category", category == null ? "" : category);
			values.put("note", note == null ? "" : note);
			return flagForm(viewer, creator, values, FormErrors.of(ex), model);
		}
	}

	// ---- the creator page's panel --------------------------------------------------------------------

	@GetMapping("/creators/{creatorId}/safety-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = creators.get(viewer, creatorId);
		model.addAttribute("creator", creator);
		model.addAttribute("openCount", cases.openCount(viewer, creatorId));
		model.addAttribute("details", cases.mayView(viewer));
		model.addAttribute("cases", cases.mayView(viewer) ? cases.forCreator(creator.creatorId()).stream().limit(10).toList() : List.of());
		model.addAttribute("flagLink", cases.mayFlag(viewer) ? flagLink(creator.creatorId(), null) : null);
		model.addAttribute("zone", users.timeZoneOf(viewer).getId());
		return "safety/panel";
	}

	// ---- backlog and taxonomy ------------------------------------------------------------------------

	@GetMapping("/safety/backlog")
	String backlog(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String category,
			Model model) {
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("categories", taxonomy.all());
		model.addAttribute("region", region == null ? "" : region);
		model.addAttribute("category", category == null ? "" : category);
		model.addAttribute("zone", users.timeZoneOf(viewer).getId());
		try {
			model.addAttribute("backlog", backlog.of(viewer, region, category));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("backlog", backlog.of(viewer, null, null));
			model.addAttribute("errors", FormErrors.of(ex));
		}
		return "safety/backlog";
	}

	@GetMapping("/safety/taxonomy")
	String taxonomy(Viewer viewer, Model model) {
		return taxonomyPage(viewer, Map.of(), Map.of(), model);
	}

	private String taxonomyPage(Viewer viewer, Map<String, String> values, Map<String, String> errors, Model model) {
		model.addAttribute("categories", taxonomy.all());
		model.addAttribute("unmapped", taxonomy.unmappedReportCategories());
		model.addAttribute("canEdit", taxonomy.mayEdit(viewer));
		model.addAttribute("severities", Severity.values());
		model.addAttribute("form", values);
		model.addAttribute("errors", errors);
		return "safety/taxonomy";
	}

	@PostMapping("/safety/taxonomy/{code}")
	String updateCategory(Viewer viewer, @PathVariable String code, @RequestParam(required = false) String name,
			@RequestParam(required = false) String severity, @RequestParam(required = false) String description,
			@RequestParam(required = false) String guidance, RedirectAttributes redirect) {
		try {
			PolicyCategory changed = taxonomy.update(viewer, code, new PolicyTaxonomy.CategoryChanges(null, name, description, severity, guidance));
			redirect.addFlashAttribute("flash", "Saved " + changed.name() + ".");
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		return "redirect:/safety/taxonomy";
	}

	@PostMapping("/safety/taxonomy")
	String createCategory(Viewer viewer, @RequestParam(required = false) String code, @RequestParam(required = false) String name,
			@RequestParam(required = false) String severity, @RequestParam(required = false) String description,
			@RequestParam(required = false) String guidance, Model model, RedirectAttributes redirect) {
		try {
			PolicyCategory created = taxonomy.create(viewer, new PolicyTaxonomy.CategoryChanges(code, name, description, severity, guidance));
			redirect.addFlashAttribute("flash", "Added " + created.name() + ".");
			return "redirect:/safety/taxonomy";
		}
		catch (InvalidInputException | ConflictException ex) {
			Map<String, String> values = new HashMap<>();
			values.put("code", code == null ? "" : code);
			values.put("name", name == null ? "" : name);
			values.put("severity", severity == null ? "" : severity);
			values.put("description", description == null ? "" : description);
			values.put("guidance", guidance == null ? "" : guidance);
			return taxonomyPage(viewer, values, FormErrors.of(ex), model);
		}
	}

	@PostMapping("/safety/taxonomy/report-categories")
	String map(Viewer viewer, @RequestParam(required = false) String reportCategory, @RequestParam(required = false) String category,
			RedirectAttributes redirect) {
		try {
			PolicyCategory target = taxonomy.map(viewer, reportCategory, category == null ? "" : category);
			redirect.addFlashAttribute("flash",
					"Reports of '" + PolicyTaxonomy.normalize(reportCategory) + "' now count toward " + target.name() + ".");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		return "redirect:/safety/taxonomy";
	}

	private static Long parseId(String value) {
		try {
			return Long.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("assigneeId", "choose a person from the list");
		}
	}
}
