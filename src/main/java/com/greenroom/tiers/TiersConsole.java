package com.greenroom.tiers;

import java.util.List;

import com.greenroom.identity.Role;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Mid-tier creators" per manager: the creators a weekly routine reviews, with their 28-day figures. */
@Controller
class TiersConsole {

	private final Tiers tiers;

	private final Users users;

	TiersConsole(Tiers tiers, Users users) {
		this.tiers = tiers;
		this.users = users;
	}

	@GetMapping("/tiers/mid")
	String mid(Viewer viewer, @RequestParam(required = false) String manager, Model model) {
		Long managerId;
		if (manager == null) {
			managerId = viewer.has(Role.CREATOR_MANAGER) ? viewer.userId() : null;
		}
		else if (manager.isBlank() || manager.equals("all")) {
			managerId = null;
		}
		else if (manager.matches("^\\d{1,18}$")) {
			managerId = Long.valueOf(manager);
		}
		else {
			throw new InvalidInputException("manager", "must be a user id or all");
		}
		List<Tiers.Row> rows = tiers.list(viewer, null, Tier.MID.name(), managerId);
		model.addAttribute("rows", rows);
		model.addAttribute("managerId", managerId);
		model.addAttribute("managers", users.managersVisibleTo(viewer));
		model.addAttribute("canRecompute", viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD));
		return "tiers/mid";
	}

	@PostMapping("/tiers/recompute")
	String recompute(Viewer viewer, RedirectAttributes redirect) {
		redirect.addFlashAttribute("flash", "Recomputed tiers of " + String.join(", ", tiers.recompute(viewer, null).keySet()) + ".");
		return "redirect:/tiers/mid?manager=all";
	}
}
