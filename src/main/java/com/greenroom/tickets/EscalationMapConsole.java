package com.greenroom.tickets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin page: the escalation map, one form row per priority, levels one a line. */
@Controller
class EscalationMapConsole {

	private final EscalationMap map;

	EscalationMapConsole(EscalationMap map) {
		this.map = map;
	}

	@GetMapping("/admin/escalation-map")
	String page(Model model) {
		Map<String, String> form = new LinkedHashMap<>();
		for (EscalationPolicy p : map.all()) {
			String at = p.priority().name() + ".";
			form.put(at + "meaning", p.meaning());
			form.put(at + "ownerRole", p.ownerRole());
			form.put(at + "calendar", p.calendar().name());
			form.put(at + "firstResponseMinutes", String.valueOf(p.firstResponseMinutes()));
			form.put(at + "resolutionMinutes", String.valueOf(p.resolutionMinutes()));
			form.put(at + "warnAtPercent", String.valueOf(p.warnAtPercent()));
			form.put(at + "levels", String.join("\n", p.levels().stream().map(EscalationMapConsole::levelText).toList()));
		}
		return page(form, Map.of(), model);
	}

	private String page(Map<String, String> form, Map<String, String> errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("priorities", Priority.values());
		model.addAttribute("roles", Arrays.stream(Role.values()).filter(r -> r != Role.INTEGRATION).toList());
		model.addAttribute("calendars", SlaCalendar.values());
		return "tickets/escalation-map";
	}

	@PostMapping("/admin/escalation-map")
	String save(Viewer viewer, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		try {
			List<EscalationPolicy> policies = new ArrayList<>();
			for (Priority priority : Priority.values()) {
				String at = priority.name() + ".";
				policies.add(new EscalationPolicy(priority, form.get(at + "meaning"), form.get(at + "ownerRole"),
						calendar(form.get(at + "calendar")), number(form.get(at + "firstResponseMinutes"), at + "firstResponseMinutes"),
						number(form.get(at + "resolutionMinutes"), at + "resolutionMinutes"),
						number(form.get(at + "warnAtPercent"), at + "warnAtPercent"),
						levels(form.getOrDefault(at + "levels", ""), at + "levels")));
			}
			map.replace(viewer, policies);
			redirect.addFlashAttribute("flash", "Saved the escalation map; open tickets were recomputed.");
			return "redirect:/admin/escalation-map";
		}
		catch (InvalidInputException ex) {
			return page(form, FormErrors.of(ex), model);
		}
	}

	private static SlaCalendar calendar(String value) {
		return "ALWAYS".equals(value) ? SlaCalendar.ALWAYS : "BUSINESS".equals(value) ? SlaCalendar.BUSINESS : null;
	}

	private static Integer number(String value, String field) {
		try {
			return Integer.valueOf(value == null ? "" : value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "must be a whole number");
		}
	}

	/** One level a line: {@code 30 REGIONAL_LEAD}, or {@code 60 user 12 reassign}. */
	private static List<EscalationLevel> levels(String text, String field) {
		List<EscalationLevel> levels = new ArrayList<>();
		List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
		for (int i = 0; i < lines.size(); i++) {
			String[] words = lines.get(i).split("\\s+");
			boolean reassign = words[words.length - 1].equalsIgnoreCase("reassign");
			try {
				int after = Integer.parseInt(words[0]);
				if (words.length >= 3 && words[1].equalsIgnoreCase("user")) {
					levels.add(new EscalationLevel(after, null, Long.valueOf(words[2]), reassign));
				}
				else if (words.length >= 2) {
					levels.add(new EscalationLevel(after, words[1].toUpperCase(Locale.ROOT), null, reassign));
				}
				else {
					throw new NumberFormatException();
				}
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputException(field, "line " + (i + 1) + " should read like '30 REGIONAL_LEAD' or '60 user 12 reassign'");
			}
		}
		return levels;
	}

	private static String levelText(EscalationLevel level) {
		return level.afterBreachMinutes() + " " + (level.notifyUserId() != null ? "user " + level.notifyUserId() : level.notifyRole())
				+ (level.reassigns() ? " reassign" : "");
	}
}
