package com.greenroom.success;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.greenroom.calendar.BusinessCalendar;
import com.greenroom.calendar.BusinessCalendars;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorPanel;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.milestones.CreatorMilestone;
import com.greenroom.milestones.Milestones;
import com.greenroom.system.ConflictException;
import com.greenroom.system.ConsoleLabels;
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
 * Console: the success path panel of a creator's page (each milestone, what fired for it, its task's
 * owner, status and who resolved it; stall deadlines still ahead), and the rules page /success/rules.
 */
@Controller
class SuccessConsole implements CreatorPanel {

	@Override
	public String fragment() {
		return "success-panel";
	}

	@Override
	public String label() {
		return "success path";
	}

	@Override
	public Column column() {
		return Column.MAIN;
	}

	@Override
	public int order() {
		return 30;
	}

	private final SupportRules rules;

	private final SupportActions actions;

	private final Milestones milestones;

	private final Creators creators;

	private final Regions regions;

	private final BusinessCalendars calendars;

	private final ConsoleLabels labels;

	private final com.greenroom.comms.Templates templates;

	SuccessConsole(SupportRules rules, SupportActions actions, Milestones milestones, Creators creators, Regions regions,
			BusinessCalendars calendars, ConsoleLabels labels, com.greenroom.comms.Templates templates) {
		this.templates = templates;
		this.labels = labels;
		this.rules = rules;
		this.actions = actions;
		this.milestones = milestones;
		this.creators = creators;
		this.regions = regions;
		this.calendars = calendars;
	}

	@GetMapping("/creators/{creatorId}/success-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = creators.get(viewer, creatorId);
		List<SupportActions.Firing> firings = actions.firingsOf(creatorId);
		BusinessCalendar calendar = creator.regionCode() == null ? null : calendars.of(creator.regionCode());
		List<PathStep> path = new ArrayList<>();
		for (CreatorMilestone milestone : milestones.of(viewer, creatorId)) {
			List<Deadline> ahead = new ArrayList<>();
			if (!milestone.reached() && calendar != null && creator.registeredAt() != null) {
				for (SupportRule rule : rules.effective(milestone.code(), RuleKind.STALL, creator.regionCode())) {
					if (firings.stream().noneMatch(f -> f.milestoneCode().equals(milestone.code()) && f.ruleKey().equals(rule.key()))) {
						ahead.add(new Deadline(RuleSchedule.stallDeadline(rule, creator.registeredAt(), calendar), rule.title()));
					}
				}
			}
			path.add(new PathStep(milestone, firings.stream().filter(f -> f.milestoneCode().equals(milestone.code())).toList(), ahead));
		}
		model.addAttribute("creator", creator);
		model.addAttribute("path", path);
		return "success/panel :: panel";
	}

	@GetMapping("/success/rules")
	String rulesPage(Viewer viewer, Model model) {
		return rulesPage(viewer, Map.of(), Map.of(), model);
	}

	@PostMapping("/success/rules")
	String add(Viewer viewer, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		try {
			String action = form.getOrDefault("action", "TASK");
			boolean stall = "STALL".equals(form.get("kind"));
			// only the fields of the chosen action: the form shows them all
			SupportRule created = rules.create(viewer, form.getOrDefault("milestone", ""),
					new RuleDraft(form.get("kind"), form.get("key"), form.get("region"), form.get("title"), when(action, "TASK", form.get("owner")),
							"TASK".equals(action) ? integer(form.get("dueOffset"), "dueOffset") : null, when(action, "TASK", form.get("dueUnit")),
							stall ? integer(form.get("stallAfter"), "stallAfter") : null, stall ? form.get("stallUnit") : null, true, action,
							when(action, "TICKET", form.get("ticketPriority")), when(action, "TICKET", form.get("ticketCategory")),
							when(action, "MESSAGE", form.get("templateKey")), form.get("playbookKey")));
			redirect.addFlashAttribute("flash", "Added the rule " + created.key() + " to " + labels.of(created.milestoneCode()) + ".");
			return "redirect:/success/rules";
		}
		catch (InvalidInputException | ConflictException ex) {
			return rulesPage(viewer, form, FormErrors.of(ex), model);
		}
	}

	@PostMapping("/success/rules/{milestone}/{id}")
	String toggle(Viewer viewer, @PathVariable String milestone, @PathVariable long id, @RequestParam boolean active,
			RedirectAttributes redirect) {
		SupportRule changed = rules.update(viewer, milestone, id,
				new RuleDraft(null, null, null, null, null, null, null, null, null, active, null, null, null, null, null));
		redirect.addFlashAttribute("flash", (changed.active() ? "Switched on " : "Switched off ") + changed.title() + ".");
		return "redirect:/success/rules";
	}

	private String rulesPage(Viewer viewer, Map<String, String> form, Map<String, String> errors, Model model) {
		model.addAttribute("rulesByMilestone", rules.all(viewer));
		model.addAttribute("milestones", milestones.definitions());
		model.addAttribute("regions", regions.visibleTo(viewer).stream().filter(r -> rules.mayChange(viewer, r.code())).map(Region::code)
			.toList());
		model.addAttribute("mayChangeGlobal", viewer.isAdmin());
		model.addAttribute("mayChangeAny", viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD));
		model.addAttribute("viewer", viewer);
		model.addAttribute("owners", SupportRules.OWNERS);
		model.addAttribute("actions", RuleAction.values());
		model.addAttribute("priorities", com.greenroom.tickets.Priority.values());
		model.addAttribute("templateKeys", templates.list().stream().map(com.greenroom.comms.MessageTemplate::key).toList());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "success/rules";
	}

	private static String when(String action, String applies, String value) {
		return applies.equals(action) ? value : null;
	}

	private static Integer integer(String value, String field) {
		try {
			return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "must be a whole number");
		}
	}

	/** One milestone of the path with what fired for it and the stall deadlines still ahead. */
	record PathStep(CreatorMilestone milestone, List<SupportActions.Firing> firings, List<Deadline> ahead) {
	}

	record Deadline(Instant at, String title) {
	}
}
