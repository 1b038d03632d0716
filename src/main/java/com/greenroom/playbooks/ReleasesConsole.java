package com.greenroom.playbooks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console: feature releases (/releases: list and, for admins and regional leads, record one; /releases/{id}: one
 * release with the change request it raised on each affected playbook). Each request links to its playbook, and a
 * playbook's change requests link back to the release that raised them.
 */
@Controller
class ReleasesConsole {

	private final Releases releases;

	private final Playbooks playbooks;

	ReleasesConsole(Releases releases, Playbooks playbooks) {
		this.releases = releases;
		this.playbooks = playbooks;
	}

	@GetMapping("/releases")
	String list(Viewer viewer, Model model) {
		return page(viewer, Map.of(), List.of(), Map.of(), model);
	}

	@PostMapping("/releases")
	String record(Viewer viewer, @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
		List<String> chosen = form.getOrDefault("playbooks", List.of());
		Map<String, String> fields = new HashMap<>();
		for (String field : List.of("name", "date", "notes")) {
			fields.put(field, form.getFirst(field) == null ? "" : form.getFirst(field));
		}
		try {
			Release recorded = releases.record(viewer, new Releases.NewRelease(fields.get("name"), fields.get("date"), fields.get("notes"), chosen));
			redirect.addFlashAttribute("flash", "Recorded " + recorded.name() + ": " + recorded.playbooks().size()
					+ (recorded.playbooks().size() == 1 ? " change request raised." : " change requests raised."));
			return "redirect:/releases/" + recorded.id();
		}
		catch (InvalidInputException ex) {
			// playbooks[0]... are merged into "playbooks", the one list of checkboxes
			return page(viewer, fields, chosen, FormErrors.of(ex), model);
		}
	}

	@GetMapping("/releases/{id}")
	String release(@PathVariable long id, Model model) {
		model.addAttribute("release", releases.get(id));
		return "playbooks/release";
	}

	private String page(Viewer viewer, Map<String, String> form, List<String> chosen, Map<String, String> errors, Model model) {
		model.addAttribute("releases", releases.list());
		model.addAttribute("mayRecord", viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD));
		model.addAttribute("playbookKeys", playbooks.list(viewer, null, false).stream()
			.filter(p -> p.region() == null)
			.map(p -> new Choice(p.key(), p.title()))
			.toList());
		model.addAttribute("form", form);
		model.addAttribute("chosen", chosen);
		model.addAttribute("errors", errors);
		return "playbooks/releases";
	}

	/** A playbook to tick as affected. */
	record Choice(String key, String title) {
	}
}
