package com.greenroom.tiers;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.greenroom.creators.Creators;
import com.greenroom.creators.RosterQuery;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Mid-tier creators" per manager: the creators a weekly routine reviews, with their 28-day figures and
 * their tier pace (where they land at the period's end, and the gap to top).
 */
@Controller
class TiersConsole {

	private final Tiers tiers;

	private final Users users;

	private final Creators creators;

	private final Regions regions;

	private final TierPaces paces;

	private final java.time.Clock clock;

	private final TierRecomputes recomputes;

	TiersConsole(Tiers tiers, Users users, Creators creators, Regions regions, TierPaces paces, java.time.Clock clock,
			TierRecomputes recomputes) {
		this.recomputes = recomputes;
		this.tiers = tiers;
		this.users = users;
		this.creators = creators;
		this.regions = regions;
		this.paces = paces;
		this.clock = clock;
	}

	@GetMapping("/tiers/mid")
	String mid(Viewer viewer, @RequestParam(required = false) String manager, @RequestParam(required = false) String region,
			@RequestParam(required = false) Long job, Model model) {
		if (job != null) {
			model.addAttribute("job", recomputes.find(viewer, job));
		}
		String regionCode = region == null || region.isBlank() ? null : region.strip();
		if (regionCode != null && !viewer.canSee(regionCode)) {
			throw new InvalidInputException("region", "unknown region, or not one of yours: " + regionCode);
		}
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
		List<Tiers.Row> rows = tiers.list(viewer, regionCode, Tier.MID.name(), managerId);
		model.addAttribute("rows", rows);
		model.addAttribute("paces", paces.of(rows.stream().map(r -> r.tier().creatorId()).toList(), clock.instant()));
		if (rows.isEmpty()) {
			model.addAttribute("why", whyEmpty(viewer, managerId));
		}
		model.addAttribute("managerId", managerId);
		model.addAttribute("region", regionCode);
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("managers", users.managersVisibleTo(viewer));
		model.addAttribute("canRecompute", viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD));
		return "tiers/mid";
	}

	/** Why the list is empty, in the order a person would check: no region, no creators, no tier run yet, nobody in the tier. */
	private EmptyReason whyEmpty(Viewer viewer, Long managerId) {
		if (!viewer.isAdmin() && viewer.regions().isEmpty()) {
			return new EmptyReason("no-region", "You work in no region yet: an admin assigns regions under Users.", Map.of());
		}
		String whose = managerId == null ? null
				: managerId.equals(viewer.userId()) ? "You" : users.find(managerId).map(UserSummary::displayName).orElse("This manager");
		String manager = managerId == null ? null : String.valueOf(managerId);
		long creatorsInView = creators.count(viewer, new RosterQuery(null, manager, null, null));
		if (creatorsInView == 0) {
			return new EmptyReason("no-creators", whose == null ? "There are no creators in your regions yet."
					: whose.equals("You") ? "You manage no creators yet." : whose + " manages no creators yet.", Map.of());
		}
		if (tiers.lastComputed(viewer).isEmpty()) {
			return new EmptyReason("no-run",
					"Tiers have not been computed yet. They are computed every day, and a regional lead can compute them now.",
					Map.of());
		}
		// Counted through the roster's own tier filter, so each count is exactly what its link to the roster shows.
		Map<Tier, Long> counts = new EnumMap<>(Tier.class);
		for (Tier tier : Tier.values()) {
			long n = creators.count(viewer, new RosterQuery(null, manager, null, null, null, null, tier.name()));
			if (n > 0) {
				counts.put(tier, n);
			}
		}
		String of = whose == null ? "No creator in your regions" : whose.equals("You") ? "None of your creators" : "None of " + whose + "’s creators";
		boolean onlyNewOrDormant = counts.keySet().stream().allMatch(t -> t == Tier.NEW || t == Tier.DORMANT);
		return new EmptyReason("none-mid", of + " is mid-tier right now. " + (onlyNewOrDormant
				? "Revenue tiers rank creators registered 28 days ago or more who were active in the last 28 days; every creator here is new or dormant."
				: "Mid-tier is the band below the top creators by 28-day revenue, among creators active in the last 28 days."), counts);
	}

	/** Why Mid-tier is empty, with the viewer's creators per tier when that explains it. */
	record EmptyReason(String code, String message, Map<Tier, Long> counts) {
	}

	/** Starts a recompute job of every region the viewer leads; the page then shows its progress. */
	@PostMapping("/tiers/recompute")
	String recompute(Viewer viewer) {
		return "redirect:/tiers/mid?manager=all&job=" + recomputes.start(viewer, null).id();
	}

	/** The job's progress, polled by htmx every second until it has finished. */
	@GetMapping("/tiers/recompute/{id}/progress")
	String progress(Viewer viewer, @PathVariable long id, Model model) {
		model.addAttribute("job", recomputes.find(viewer, id));
		return "tiers/recompute-progress :: progress";
	}
}
