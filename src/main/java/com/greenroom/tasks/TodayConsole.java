package com.greenroom.tasks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Today": a user's overdue, due-today and coming-up work, with claim, complete, skip and reassign; and the lead's board. */
@Controller
class TodayConsole {

	private final Tasks tasks;

	private final Users users;

	private final Regions regions;

	private final Creators creators;

	private final Clock clock;

	TodayConsole(Tasks tasks, Users users, Regions regions, Creators creators, Clock clock) {
		this.tasks = tasks;
		this.users = users;
		this.regions = regions;
		this.creators = creators;
		this.clock = clock;
	}

	@GetMapping("/today")
	String today(Viewer viewer, Model model) {
		ZoneId zone = tasks.zoneOf(viewer, null);
		Tasks.Today today = tasks.today(viewer, zone, clock.instant());
		model.addAttribute("today", today);
		model.addAttribute("zone", zone.getId());
		model.addAttribute("handles", handles(Stream.of(today.overdue(), today.dueToday(), today.upcoming(), today.claimable())
			.flatMap(List::stream).toList()));
		model.addAttribute("owners", users.managersVisibleTo(viewer));
		model.addAttribute("leads", viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD));
		return "today/today";
	}

	@GetMapping("/today/board")
	String board(Viewer viewer, @RequestParam(required = false) String region, Model model) {
		List<Region> boardRegions = regions.all().stream()
			.filter(r -> viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) && viewer.regions().contains(r.code()))
			.toList();
		if (boardRegions.isEmpty()) {
			throw new AccessDeniedException("Only regional leads and admins see a region's board");
		}
		Region chosen = region == null || region.isBlank() ? boardRegions.get(0)
				: boardRegions.stream().filter(r -> r.code().equals(region)).findFirst().orElseThrow(() -> new NotFoundException("Region", region));
		Instant now = clock.instant();
		List<Tasks.OwnerLoad> loads = tasks.board(viewer, chosen.code(), chosen.zone(), now);
		model.addAttribute("region", chosen);
		model.addAttribute("regions", boardRegions);
		model.addAttribute("loads", loads);
		model.addAttribute("handles", handles(loads.stream().flatMap(l -> l.tasks().stream()).toList()));
		model.addAttribute("totalOverdue", loads.stream().mapToLong(Tasks.OwnerLoad::overdue).sum());
		model.addAttribute("totalOpen", loads.stream().mapToLong(Tasks.OwnerLoad::open).sum());
		return "today/board";
	}

	@PostMapping("/today/tasks/{id}/claim")
	String claim(Viewer viewer, @PathVariable long id, @RequestParam(defaultValue = "/today") String back, RedirectAttributes redirect) {
		return act(redirect, back, () -> "Claimed “" + tasks.claim(viewer, id).title() + "”.");
	}

	@PostMapping("/today/tasks/{id}/complete")
	String complete(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String note,
			@RequestParam(defaultValue = "/today") String back, RedirectAttributes redirect) {
		return act(redirect, back, () -> "Completed “" + tasks.complete(viewer, id, note).title() + "”.");
	}

	@PostMapping("/today/tasks/{id}/skip")
	String skip(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String reason,
			@RequestParam(defaultValue = "/today") String back, RedirectAttributes redirect) {
		return act(redirect, back, () -> "Skipped “" + tasks.skip(viewer, id, reason).title() + "”.");
	}

	@PostMapping("/today/bulk")
	String bulk(Viewer viewer, @RequestParam(required = false) List<Long> ids, @RequestParam(required = false) String action,
			@RequestParam(required = false) String note, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String ownerId, @RequestParam(defaultValue = "/today") String back,
			RedirectAttributes redirect) {
		return act(redirect, back, () -> {
			Long owner = ownerId == null || ownerId.isBlank() ? null : parseId(ownerId);
			List<Task> changed = tasks.bulk(viewer, new Tasks.BulkAction(ids, action, note, reason == null ? note : reason, owner, null));
			return switch (String.valueOf(action)) {
				case "complete" -> "Completed " + changed.size() + " task(s).";
				case "skip" -> "Skipped " + changed.size() + " task(s).";
				case "claim" -> "Claimed " + changed.size() + " task(s).";
				default -> "Reassigned " + changed.size() + " task(s) to " + changed.get(0).ownerName() + ".";
			};
		});
	}

	private String act(RedirectAttributes redirect, String back, java.util.function.Supplier<String> action) {
		try {
			redirect.addFlashAttribute("flash", action.get());
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("flashError", ex.errors().stream().map(e -> e.field() + " " + e.reason()).reduce((a, b) -> a + "; " + b)
				.orElse("Invalid input") + ". Nothing was changed.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("flashError", String.join(" ", FormErrors.of(ex).values()));
		}
		catch (AccessDeniedException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:" + (back.startsWith("/today") ? back : "/today");
	}

	private Map<String, String> handles(List<Task> shown) {
		Set<String> ids = shown.stream().map(Task::creatorId).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
		Map<String, String> handles = new HashMap<>();
		for (String id : ids) {
			creators.find(id).map(Creator::handle).ifPresent(h -> handles.put(id, h));
		}
		return handles;
	}

	private static Long parseId(String value) {
		try {
			return Long.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("ownerId", "choose a person from the list");
		}
	}
}
