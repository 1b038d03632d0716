package com.greenroom.milestones;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorPanel;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Viewer;
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

/** Console: the milestone path panel of a creator page, and the admin list of milestones. */
@Controller
class MilestonesConsole implements CreatorPanel {

	@Override
	public String fragment() {
		return "milestones-panel";
	}

	@Override
	public String label() {
		return "milestones";
	}

	@Override
	public Column column() {
		return Column.SIDE;
	}

	@Override
	public int order() {
		return 10;
	}

	private final Milestones milestones;

	private final Creators creators;

	private final Clock clock;

	MilestonesConsole(Milestones milestones, Creators creators, Clock clock) {
		this.milestones = milestones;
		this.creators = creators;
		this.clock = clock;
	}

	@GetMapping("/creators/{creatorId}/milestones-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = creators.get(viewer, creatorId);
		model.addAttribute("creator", creator);
		model.addAttribute("milestones", milestones.of(viewer, creatorId));
		model.addAttribute("daysSinceRegistration",
				creator.registeredAt() == null ? null : Math.max(0, Duration.between(creator.registeredAt(), clock.instant()).toDays()));
		return "milestones/panel";
	}

	@GetMapping("/admin/milestones")
	String list(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", Map.of());
		}
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		model.addAttribute("milestones", milestones.definitions());
		model.addAttribute("kinds", MilestoneKind.values());
		return "milestones/admin";
	}

	@PostMapping("/admin/milestones")
	String create(Viewer viewer, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		try {
			BigDecimal threshold = parseThreshold(form.get("threshold"));
			Milestone created = milestones.define(viewer,
					new MilestoneDraft(strip(form.get("code")), form.get("name"), form.get("kind"), threshold));
			redirect.addFlashAttribute("flash", "Added milestone " + created.name() + ".");
			return "redirect:/admin/milestones";
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("form", new HashMap<>(form));
			model.addAttribute("errors", FormErrors.of(ex));
			return list(model);
		}
	}

	private static BigDecimal parseThreshold(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("threshold", "must be a number");
		}
	}

	private static String strip(String value) {
		return value == null ? null : value.strip();
	}
}
