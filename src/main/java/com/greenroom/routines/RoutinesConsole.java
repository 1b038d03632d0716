package com.greenroom.routines;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console: the routine list, a routine's page (guidance, checklist, its next occurrences; the edit form for
 * those who may edit, with a live preview of the next occurrences), pause and resume, and the weekly
 * accountability page.
 */
@Controller
class RoutinesConsole {

	private final Routines routines;

	private final Regions regions;

	private final java.time.Clock clock;

	RoutinesConsole(Routines routines, Regions regions, java.time.Clock clock) {
		this.routines = routines;
		this.regions = regions;
		this.clock = clock;
	}

	@GetMapping("/routines")
	String list(Viewer viewer, @RequestParam(required = false) String region, Model model) {
		String only = Checks.blankToNull(region);
		if (only != null && !viewer.canSee(only)) {
			only = null;
		}
		model.addAttribute("routines", routines.list(viewer, only, null));
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("region", only);
		model.addAttribute("canCreate", viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD));
		model.addAttribute("editable", routines.list(viewer, only, null)
			.stream()
			.filter(r -> routines.mayEdit(viewer, r))
			.map(Routine::id)
			.toList());
		return "routines/list";
	}

	@GetMapping("/routines/new")
	String newForm(Viewer viewer, Model model) {
		Map<String, String> form = new HashMap<>();
		form.put("rrule", "FREQ=WEEKLY;BYDAY=MO");
		form.put("dueTime", "09:00");
		form.put("horizonDays", "14");
		form.put("ownerRole", Role.REGIONAL_LEAD.name());
		form.put("view", RoutineView.TOP_ROOMS.name());
		form.put("onNonWorkingDay", NonWorkingDay.KEEP.name());
		regions.visibleTo(viewer).stream().filter(r -> Routines.mayEdit(viewer, r.code())).findFirst().ifPresent(r -> form.put("region", r.code()));
		return form(viewer, null, form, Map.of(), model);
	}

	@PostMapping("/routines")
	String create(Viewer viewer, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		try {
			Routine created = routines.create(viewer, draftOf(form, true));
			redirect.addFlashAttribute("flash", "Created the routine " + created.title() + ".");
			return "redirect:/routines/" + created.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			return form(viewer, null, form, FormErrors.of(ex), model);
		}
	}

	@GetMapping("/routines/{id}")
	String show(Viewer viewer, @PathVariable long id, Model model) {
		Routine routine = routines.get(viewer, id);
		return form(viewer, routine, formOf(routine), Map.of(), model);
	}

	@PostMapping("/routines/{id}")
	String update(Viewer viewer, @PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		Routine routine = routines.get(viewer, id);
		try {
			Routine saved = routines.update(viewer, id, draftOf(form, false));
			redirect.addFlashAttribute("flash", "Saved " + saved.title() + ". Future occurrences follow the new schedule.");
			return "redirect:/routines/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			return form(viewer, routine, form, FormErrors.of(ex), model);
		}
	}

	@PostMapping("/routines/{id}/pause")
	String pause(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
		Routine paused = routines.pause(viewer, id);
		redirect.addFlashAttribute("flash", "Paused " + paused.title() + "; its tasks not yet due were skipped.");
		return "redirect:/routines/" + id;
	}

	@PostMapping("/routines/{id}/resume")
	String resume(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
		Routine resumed = routines.resume(viewer, id);
		redirect.addFlashAttribute("flash", "Resumed " + resumed.title() + ".");
		return "redirect:/routines/" + id;
	}

	/** The next occurrences of what the form says now (htmx, as the form changes). */
	@GetMapping("/routines/preview")
	String preview(Viewer viewer, @RequestParam Map<String, String> form, Model model) {
		try {
			model.addAttribute("occurrences", routines.preview(viewer, draftOf(form, true), form.get("previewRegion"), Routines.PREVIEW_COUNT));
			model.addAttribute("previewError", null);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("occurrences", List.of());
			model.addAttribute("previewError",
					String.join(" ", FormErrors.of(ex).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
		}
		return "routines/preview :: preview";
	}

	@GetMapping("/routines/accountability")
	String accountability(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String week,
			Model model) {
		String only = Checks.blankToNull(region);
		Map<String, String> errors = Map.of();
		Accountability result;
		try {
			result = routines.accountability(viewer, only, week);
		}
		catch (InvalidInputException ex) {
			errors = FormErrors.of(ex);
			result = routines.accountability(viewer, null, null);
			only = null;
		}
		model.addAttribute("result", result);
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("region", only);
		model.addAttribute("week", result.week());
		model.addAttribute("previousWeek", Routines.isoWeek(result.weekStart().minusWeeks(1)));
		model.addAttribute("nextWeek", Routines.isoWeek(result.weekStart().plusWeeks(1)));
		model.addAttribute("errors", errors);
		return "routines/accountability";
	}

	private String form(Viewer viewer, Routine routine, Map<String, String> form, Map<String, String> errors, Model model) {
		model.addAttribute("routine", routine);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("canEdit", routine == null || routines.mayEdit(viewer, routine));
		model.addAttribute("guidance", routine == null ? "" : Routines.guidanceHtml(routine));
		model.addAttribute("regions", regions.visibleTo(viewer).stream().filter(r -> Routines.mayEdit(viewer, r.code())).toList());
		model.addAttribute("allRegions", regions.visibleTo(viewer));
		model.addAttribute("everyRegion", viewer.isAdmin());
		model.addAttribute("roles", java.util.Arrays.stream(Role.values()).filter(r -> r != Role.INTEGRATION).toList());
		model.addAttribute("views", RoutineView.values());
		model.addAttribute("nonWorkingDays", NonWorkingDay.values());
		List<Routines.PreviewOccurrence> next = List.of();
		String previewError = null;
		try {
			next = routines.preview(viewer, draftOf(form, true), null, Routines.PREVIEW_COUNT);
		}
		catch (InvalidInputException ex) {
			previewError = FormErrors.summary(ex);
		}
		model.addAttribute("occurrences", next);
		model.addAttribute("previewError", previewError);
		model.addAttribute("now", clock.instant());
		return "routines/form";
	}

	private static Map<String, String> formOf(Routine r) {
		Map<String, String> form = new HashMap<>();
		form.put("title", r.title());
		form.put("guidance", r.guidance());
		form.put("region", r.region() == null ? "*" : r.region());
		form.put("ownerRole", r.ownerRole().name());
		form.put("ownerUserId", r.ownerUserId() == null ? "" : String.valueOf(r.ownerUserId()));
		form.put("rrule", r.rrule());
		form.put("exdates", String.join("\n", r.exdates().stream().map(LocalDate::toString).toList()));
		form.put("dueTime", r.dueTime());
		form.put("startsOn", r.startsOn().toString());
		form.put("horizonDays", r.horizonDays() == null ? "" : String.valueOf(r.horizonDays()));
		form.put("view", r.view().name());
		form.put("checklist", String.join("\n", r.checklist()));
		form.put("onNonWorkingDay", r.onNonWorkingDay().name());
		return form;
	}

	/** A form's text fields as a draft; blank optional fields are left out on edit ("unchanged" is not possible for them in a form). */
	private static RoutineDraft draftOf(Map<String, String> form, boolean creating) {
		List<LocalDate> exdates = new ArrayList<>();
		List<String> lines = lines(form.get("exdates"));
		for (int i = 0; i < lines.size(); i++) {
			try {
				exdates.add(LocalDate.parse(lines.get(i)));
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException("exdates", "line " + (i + 1) + " is not a date such as 2026-12-25");
			}
		}
		LocalDate startsOn = null;
		String starts = Checks.blankToNull(form.get("startsOn"));
		if (starts != null) {
			try {
				startsOn = LocalDate.parse(starts);
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException("startsOn", "is not a date such as 2026-12-01");
			}
		}
		Integer horizon = null;
		String horizonText = Checks.blankToNull(form.get("horizonDays"));
		if (horizonText != null) {
			try {
				horizon = Integer.valueOf(horizonText);
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputException("horizonDays", "must be a number of days, 1 to 366");
			}
		}
		Long owner = null;
		String ownerText = Checks.blankToNull(form.get("ownerUserId"));
		if (ownerText != null) {
			try {
				owner = Long.valueOf(ownerText);
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputException("ownerUserId", "must be a user id");
			}
		}
		else if (!creating) {
			owner = 0L;
		}
		return new RoutineDraft(form.get("title"), form.getOrDefault("guidance", ""), creating ? form.get("region") : null,
				form.get("ownerRole"), owner, form.get("rrule"), exdates, form.get("dueTime"), startsOn, horizon, form.get("view"),
				lines(form.get("checklist")), form.get("onNonWorkingDay"));
	}

	private static List<String> lines(String text) {
		return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
	}
}
