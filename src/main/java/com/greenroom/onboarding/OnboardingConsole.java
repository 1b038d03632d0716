package com.greenroom.onboarding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorLinks;
import com.greenroom.creators.CreatorPanel;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console: the checklist panel of a creator's page (an htmx fragment, so the creators module needs no
 * knowledge of onboarding), and the template pages under /admin/onboarding for admins and regional leads.
 */
@Controller
class OnboardingConsole implements CreatorPanel {

	@Override
	public String fragment() {
		return "onboarding-panel";
	}

	@Override
	public String label() {
		return "onboarding";
	}

	@Override
	public Column column() {
		return Column.MAIN;
	}

	@Override
	public int order() {
		return 20;
	}

	private final OnboardingTemplates templates;

	private final Checklists checklists;

	private final Regions regions;

	OnboardingConsole(OnboardingTemplates templates, Checklists checklists, Regions regions) {
		this.templates = templates;
		this.checklists = checklists;
		this.regions = regions;
	}

	@GetMapping("/creators/{creatorId}/onboarding-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = checklists.creator(viewer, creatorId);
		model.addAttribute("creator", creator);
		Checklist checklist = checklists.find(creatorId).orElse(null);
		model.addAttribute("checklist", checklist);
		model.addAttribute("playbookKey", checklist == null ? null : templates.find(checklist.templateId()).map(Template::playbookKey).orElse(null));
		model.addAttribute("canStart", viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) || viewer.has(Role.CREATOR_MANAGER));
		return "onboarding/panel :: panel";
	}

	@PostMapping("/creators/{creatorId}/onboarding")
	String start(Viewer viewer, @PathVariable String creatorId, RedirectAttributes redirect) {
		try {
			Checklist started = checklists.start(viewer, creatorId);
			redirect.addFlashAttribute("flash", "Onboarding started with " + started.templateName() + " v" + started.templateVersion() + ".");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:" + CreatorLinks.page(creatorId);
	}

	@GetMapping("/admin/onboarding")
	String list(Viewer viewer, Model model) {
		List<Template> all = templates.list(viewer);
		model.addAttribute("templates", all);
		model.addAttribute("newVariantRegions", regions.visibleTo(viewer).stream()
			.filter(r -> templates.mayEdit(viewer, r.code()))
			.filter(r -> all.stream().noneMatch(t -> r.code().equals(t.region())))
			.map(Region::code)
			.toList());
		return "onboarding/templates";
	}

	@PostMapping("/admin/onboarding")
	String createVariant(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String name,
			RedirectAttributes redirect) {
		try {
			TemplateVersion created = templates.create(viewer, name, region, null);
			redirect.addFlashAttribute("flash", "Created " + created.templateName() + " as a copy of the global template. Edit it, then publish.");
			return "redirect:/admin/onboarding/" + created.templateId() + "/versions/1";
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
			return "redirect:/admin/onboarding";
		}
	}

	@GetMapping("/admin/onboarding/{id}")
	String template(Viewer viewer, @PathVariable long id) {
		Template template = templates.get(viewer, id);
		int version = Optional.ofNullable(template.draftVersion()).orElse(template.publishedVersion());
		return "redirect:/admin/onboarding/" + id + "/versions/" + version;
	}

	@GetMapping("/admin/onboarding/{id}/versions/{version}")
	String version(Viewer viewer, @PathVariable long id, @PathVariable int version, Model model) {
		TemplateVersion shown = templates.version(viewer, id, version);
		return versionPage(viewer, shown, null, List.of(), model);
	}

	@PostMapping("/admin/onboarding/{id}/versions/{version}")
	String save(Viewer viewer, @PathVariable long id, @PathVariable int version, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		List<StepDefinition> steps = parseSteps(form);
		try {
			templates.updateDraft(viewer, id, version, form.get("name"), steps);
			redirect.addFlashAttribute("flash", "Saved draft v" + version + ".");
			return "redirect:/admin/onboarding/" + id + "/versions/" + version;
		}
		catch (InvalidInputException ex) {
			return versionPage(viewer, templates.version(viewer, id, version), steps,
					ex.errors().stream().map(e -> e.field() + ": " + e.reason()).toList(), model);
		}
		catch (ConflictException ex) {
			return versionPage(viewer, templates.version(viewer, id, version), steps, List.of(ex.getMessage()), model);
		}
	}

	@PostMapping("/admin/onboarding/{id}/playbook")
	String followPlaybook(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String playbookKey, RedirectAttributes redirect) {
		Template template = templates.get(viewer, id);
		try {
			Template linked = templates.followPlaybook(viewer, id, playbookKey);
			redirect.addFlashAttribute("flash",
					linked.playbookKey() == null ? "No playbook linked." : "Linked playbook " + linked.playbookKey() + ".");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		int version = Optional.ofNullable(template.draftVersion()).orElse(template.publishedVersion());
		return "redirect:/admin/onboarding/" + id + "/versions/" + version;
	}

	@PostMapping("/admin/onboarding/{id}/versions")
	String newDraft(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
		try {
			TemplateVersion draft = templates.newDraft(viewer, id);
			redirect.addFlashAttribute("flash", "Draft v" + draft.version() + " created from the latest version.");
			return "redirect:/admin/onboarding/" + id + "/versions/" + draft.version();
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
			return "redirect:/admin/onboarding/" + id;
		}
	}

	@PostMapping("/admin/onboarding/{id}/versions/{version}/publish")
	String publish(Viewer viewer, @PathVariable long id, @PathVariable int version, RedirectAttributes redirect) {
		try {
			templates.publish(viewer, id, version);
			redirect.addFlashAttribute("flash", "Published v" + version + ". New onboardings take it; running ones keep their version.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/admin/onboarding/" + id + "/versions/" + version;
	}

	private String versionPage(Viewer viewer, TemplateVersion shown, List<StepDefinition> submitted, List<String> errors, Model model) {
		Template template = templates.get(viewer, shown.templateId());
		boolean editable = !shown.published() && templates.mayEdit(viewer, template.region());
		List<StepDefinition> rows = new ArrayList<>(submitted != null ? submitted : shown.steps().stream().map(Step::definition).toList());
		if (editable) {
			rows.add(new StepDefinition("", "", "", Role.CREATOR_MANAGER.name(), null, DueUnit.BUSINESS_DAYS.name(), null, true, null, null));
		}
		model.addAttribute("template", template);
		model.addAttribute("version", shown);
		model.addAttribute("editable", editable);
		model.addAttribute("canEdit", templates.mayEdit(viewer, template.region()));
		model.addAttribute("rows", rows);
		model.addAttribute("errors", errors);
		model.addAttribute("roles", Arrays.stream(Role.values()).filter(r -> r != Role.INTEGRATION).toList());
		model.addAttribute("units", DueUnit.values());
		model.addAttribute("messageTemplates", templates.messageTemplateKeys());
		return "onboarding/version";
	}

	/** Rows {@code steps[i].field}; a row without key and title (the blank one) or marked remove is left out. */
	private static List<StepDefinition> parseSteps(Map<String, String> form) {
		List<StepDefinition> steps = new ArrayList<>();
		for (int i = 0; form.containsKey("steps[" + i + "].title"); i++) {
			String at = "steps[" + i + "].";
			String key = form.getOrDefault(at + "key", "").strip();
			String title = form.getOrDefault(at + "title", "").strip();
			if (key.isEmpty() && title.isEmpty() || form.containsKey(at + "remove")) {
				continue;
			}
			Integer offset;
			try {
				offset = Integer.valueOf(form.getOrDefault(at + "dueOffset", "").strip());
			}
			catch (NumberFormatException ex) {
				offset = null;
			}
			steps.add(new StepDefinition(key, title, form.getOrDefault(at + "guidance", ""), form.get(at + "ownerRole"), offset,
					form.get(at + "dueUnit"), form.getOrDefault(at + "after", ""), form.containsKey(at + "required"),
					new StepCondition(list(form.get(at + "regions"), true), list(form.get(at + "countries"), true),
							list(form.get(at + "languages"), false)),
					form.getOrDefault(at + "templateKey", "")));
		}
		return steps;
	}

	private static List<String> list(String text, boolean upper) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank())
			.map(s -> upper ? s.toUpperCase(java.util.Locale.ROOT) : s)
			.toList();
	}

}
