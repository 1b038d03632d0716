package com.greenroom.incidents;

import java.util.Arrays;
import java.util.List;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.playbooks.Playbooks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.PageOf;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The incident list with a declare form, and an incident's page: timeline, note, status, outcome and lessons. */
@Controller
class IncidentsConsole {

	private final Incidents incidents;

	private final Regions regions;

	private final Users users;

	private final Playbooks playbooks;

	IncidentsConsole(Incidents incidents, Regions regions, Users users, Playbooks playbooks) {
		this.playbooks = playbooks;
		this.incidents = incidents;
		this.regions = regions;
		this.users = users;
	}

	@GetMapping("/incidents")
	String list(Viewer viewer, @RequestParam(required = false) String status, @RequestParam(required = false) String cursor, Model model) {
		PageOf<Incident> page;
		String shown = status == null || status.isBlank() ? null : status;
		try {
			page = incidents.list(viewer, shown, null, null, cursor, 50);
		}
		catch (InvalidInputException ex) {
			shown = null;
			page = incidents.list(viewer, null, null, null, null, 50);
		}
		model.addAttribute("page", page);
		model.addAttribute("status", shown);
		model.addAttribute("statuses", IncidentStatus.values());
		model.addAttribute("severities", Severity.values());
		model.addAttribute("regions", regions.visibleTo(viewer));
		return "incidents/list";
	}

	@PostMapping("/incidents")
	String declare(Viewer viewer, @RequestParam(required = false) String title, @RequestParam(required = false) String severity,
			@RequestParam(required = false) List<String> regions, @RequestParam(required = false) String summary,
			RedirectAttributes redirect) {
		try {
			Incident declared = incidents.declare(viewer, new IncidentDraft(title, severity, regions, null, summary));
			redirect.addFlashAttribute("flash", "Incident #" + declared.id() + " declared.");
			return "redirect:/incidents/" + declared.id();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/incidents";
		}
	}

	@GetMapping("/incidents/{id}")
	String page(Viewer viewer, @PathVariable long id, Model model) {
		Incident incident = incidents.get(viewer, id);
		model.addAttribute("incident", incident);
		model.addAttribute("next", incident.status().next().stream().sorted().toList());
		model.addAttribute("severities", Arrays.asList(Severity.values()));
		model.addAttribute("playbooks", playbooks.list(viewer, null, false).stream().filter(p -> p.region() == null).toList());
		model.addAttribute("owners", users.managersVisibleTo(viewer).stream()
			.filter(u -> incident.regions().stream().anyMatch(u.regions()::contains))
			.toList());
		return "incidents/incident";
	}

	@PostMapping("/incidents/{id}")
	String update(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String severity, @RequestParam(required = false) Long ownerId,
			@RequestParam(required = false) String outcome, RedirectAttributes redirect) {
		return act(id, redirect, "Incident updated.",
				() -> incidents.update(viewer, id, new IncidentChanges(null, blank(severity), blank(status), ownerId, outcome)));
	}

	@PostMapping("/incidents/{id}/entries")
	String addEntry(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String text, RedirectAttributes redirect) {
		return act(id, redirect, "Note added to the timeline.", () -> incidents.addEntry(viewer, id, text));
	}

	@PostMapping("/incidents/{id}/lessons")
	String addLesson(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String text,
			@RequestParam(required = false) String playbookKey, RedirectAttributes redirect) {
		return act(id, redirect, "Lesson recorded; a task went to each region's lead.",
				() -> incidents.addLesson(viewer, id, new LessonDraft(text, playbookKey, null)));
	}

	private String act(long id, RedirectAttributes redirect, String done, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("flash", done);
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/incidents/" + id;
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
