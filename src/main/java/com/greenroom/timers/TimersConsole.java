package com.greenroom.timers;

import java.util.Map;
import java.util.TreeMap;

import com.greenroom.identity.Viewer;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin's timers page: counts per kind and status, failed timers with their reason and a retry, pending ones next due. */
@Controller
class TimersConsole {

	private final Timers timers;

	TimersConsole(Timers timers) {
		this.timers = timers;
	}

	@GetMapping("/admin/timers")
	String page(@RequestParam(required = false) String status, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String cursor, Model model) {
		TimerStatus shown;
		try {
			shown = status == null || status.isBlank() ? TimerStatus.FAILED : TimersApi.parseStatus(status);
		}
		catch (InvalidInputException ex) {
			shown = TimerStatus.FAILED;
		}
		String kindFilter = kind == null || kind.isBlank() ? null : kind.strip();
		PageOf<Timer> page;
		try {
			page = timers.page(shown, kindFilter, cursor, 50);
		}
		catch (InvalidInputException badCursor) {
			page = timers.page(shown, kindFilter, null, 50);
		}
		// one row per kind, one cell per status (zeros included) so the table has no holes
		Map<String, Map<TimerStatus, Long>> byKind = new TreeMap<>();
		Map<TimerStatus, Long> totals = new java.util.EnumMap<>(TimerStatus.class);
		for (TimerStatus s : TimerStatus.values()) {
			totals.put(s, 0L);
		}
		for (Timers.Count count : timers.counts()) {
			byKind.computeIfAbsent(count.kind(), k -> new java.util.EnumMap<>(TimerStatus.class)).put(count.status(), count.count());
			totals.merge(count.status(), count.count(), Long::sum);
		}
		java.util.List<CountRow> rows = byKind.entrySet().stream()
			.map(e -> new CountRow(e.getKey(), java.util.Arrays.stream(TimerStatus.values())
				.map(s -> new CountCell(s.name(), e.getValue().getOrDefault(s, 0L)))
				.toList()))
			.toList();
		model.addAttribute("counts", rows);
		model.addAttribute("totals", java.util.Arrays.stream(TimerStatus.values()).map(s -> new CountCell(s.name(), totals.get(s))).toList());
		model.addAttribute("statuses", TimerStatus.values());
		model.addAttribute("shown", shown);
		model.addAttribute("kind", kindFilter);
		model.addAttribute("page", page);
		return "admin/timers";
	}

	/** A kind's counts, one cell per status. */
	record CountRow(String kind, java.util.List<CountCell> cells) {
	}

	record CountCell(String status, long count) {
	}

	@PostMapping("/admin/timers/{id}/retry")
	String retry(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
		try {
			Timer timer = timers.retry(viewer, id);
			redirect.addFlashAttribute("flash", "Timer " + timer.key() + " is pending again and fires within a few seconds.");
		}
		catch (ConflictException | NotFoundException ex) {
			redirect.addFlashAttribute("flash", "Timer " + id + " was not retried: " + ex.getMessage());
		}
		return "redirect:/admin/timers?status=FAILED";
	}
}
