package com.greenroom.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The experiments pages under Insights: the list with the create form, and one experiment with its results. */
@Controller
class ExperimentsConsole {

	private static final List<String> FIELDS = List.of("name", "hypothesis", "region", "variants", "assignment", "seed", "members",
			"metric", "milestone", "startsOn", "endsOn");

	private final Experiments experiments;

	private final Regions regions;

	private final JdbcClient jdbc;

	ExperimentsConsole(Experiments experiments, Regions regions, JdbcClient jdbc) {
		this.experiments = experiments;
		this.regions = regions;
		this.jdbc = jdbc;
	}

	@GetMapping("/insights/experiments")
	String list(Viewer viewer, @RequestParam(required = false) String region, Model model) {
		Map<String, String> form = new LinkedHashMap<>();
		FIELDS.forEach(f -> form.put(f, ""));
		form.put("region", region == null ? "" : region);
		form.put("variants", "control, new SOP");
		form.put("assignment", "seed");
		form.put("metric", "day7-retention");
		return listPage(viewer, region, form, Map.of(), model);
	}

	@PostMapping("/insights/experiments")
	String create(Viewer viewer, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
		Map<String, String> form = new LinkedHashMap<>();
		FIELDS.forEach(f -> form.put(f, params.getOrDefault(f, "").strip()));
		try {
			Long seed = null;
			if (!form.get("seed").isEmpty()) {
				if (!form.get("seed").matches("-?\\d{1,18}")) {
					throw new InvalidInputException("seed", "must be a whole number");
				}
				seed = Long.parseLong(form.get("seed"));
			}
			List<ExperimentDraft.Member> members = null;
			if (!form.get("members").isEmpty()) {
				members = new ArrayList<>();
				for (String line : form.get("members").split("\\R")) {
					if (line.isBlank()) {
						continue;
					}
					String[] parts = line.split(",", 2);
					members.add(new ExperimentDraft.Member(parts[0].strip(), parts.length > 1 ? parts[1].strip() : ""));
				}
			}
			List<String> variants = form.get("variants").isEmpty() ? List.of()
					: Arrays.stream(form.get("variants").split(",")).map(String::strip).toList();
			Experiment created = experiments.create(viewer,
					new ExperimentDraft(form.get("name"), form.get("hypothesis"), null, form.get("region"), variants,
							form.get("assignment"), seed, members, form.get("metric"), Checks.blankToNull(form.get("milestone")),
							form.get("startsOn"), form.get("endsOn")));
			redirect.addFlashAttribute("flash", "Created the draft experiment " + created.name() + ".");
			return "redirect:/insights/experiments/" + created.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			return listPage(viewer, Checks.blankToNull(form.get("region")), form, FormErrors.of(ex), model);
		}
	}

	private String listPage(Viewer viewer, String region, Map<String, String> form, Map<String, String> errors, Model model) {
		String scope = Checks.blankToNull(region);
		if (scope != null && !(regions.exists(scope) && viewer.canSee(scope))) {
			scope = null;
		}
		model.addAttribute("experiments", experiments.list(viewer, scope, null));
		model.addAttribute("lowPerforming", experiments.lowPerforming(viewer, scope));
		model.addAttribute("lowLift", experiments.lowLiftThreshold());
		model.addAttribute("region", scope == null ? "" : scope);
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("mayChange", experiments.mayChange(viewer));
		model.addAttribute("milestones", milestones());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "experiments/list";
	}

	@GetMapping("/insights/experiments/{id}")
	String detail(Viewer viewer, @PathVariable long id, Model model) {
		return detailPage(viewer, id, Map.of(), "", "", model);
	}

	@PostMapping("/insights/experiments/{id}/{action:start|conclude}")
	String move(Viewer viewer, @PathVariable long id, @PathVariable String action, Model model, RedirectAttributes redirect) {
		try {
			Experiment moved = action.equals("start") ? experiments.start(viewer, id) : experiments.conclude(viewer, id);
			redirect.addFlashAttribute("flash", "The experiment is now " + moved.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
			return "redirect:/insights/experiments/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			return detailPage(viewer, id, FormErrors.of(ex), "", "", model);
		}
	}

	@PostMapping("/insights/experiments/{id}/retire")
	String retire(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String playbookKey, Model model, RedirectAttributes redirect) {
		try {
			Experiment retired = experiments.retire(viewer, id, reason, playbookKey);
			redirect.addFlashAttribute("flash", "Retired." + (retired.changeRequestId() == null ? ""
					: " Playbook change request " + retired.changeRequestId() + " is raised."));
			return "redirect:/insights/experiments/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			return detailPage(viewer, id, FormErrors.of(ex), reason, playbookKey, model);
		}
	}

	private String detailPage(Viewer viewer, long id, Map<String, String> errors, String reason, String playbookKey, Model model) {
		model.addAttribute("experiment", experiments.get(viewer, id));
		model.addAttribute("results", experiments.results(viewer, id));
		model.addAttribute("mayChange", experiments.mayChange(viewer));
		model.addAttribute("errors", errors);
		model.addAttribute("reason", reason == null ? "" : reason);
		model.addAttribute("playbookKey", playbookKey == null ? "" : playbookKey);
		model.addAttribute("playbookKeys", jdbc.sql("select distinct playbook_key from playbook where region_code is null order by playbook_key")
			.query(String.class)
			.list());
		return "experiments/detail";
	}

	private List<String[]> milestones() {
		return jdbc.sql("select code, name from milestone_definition order by position, code")
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
	}
}
