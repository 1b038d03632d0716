package com.greenroom.console;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.greenroom.creators.Creators;
import com.greenroom.creators.RosterQuery;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.tasks.TaskQueries;
import com.greenroom.tasks.Tasks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Sign-in and the home page. */
@Controller
class ConsoleController {

	private final Creators creators;

	private final Regions regions;

	private final Tasks tasks;

	private final Clock clock;

	private final TaskQueries taskQueries;

	ConsoleController(Creators creators, Regions regions, Tasks tasks, TaskQueries taskQueries, Clock clock) {
		this.creators = creators;
		this.regions = regions;
		this.tasks = tasks;
		this.taskQueries = taskQueries;
		this.clock = clock;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String home(Viewer viewer, Model model) {
		model.addAttribute("viewer", viewer);
		Map<String, Long> statusCounts = new HashMap<>();
		creators.countByStatus(viewer).forEach((status, count) -> statusCounts.put(status.name(), count));
		model.addAttribute("statusCounts", statusCounts);
		model.addAttribute("mine", creators.count(viewer, new RosterQuery(null, String.valueOf(viewer.userId()), null, null)));
		model.addAttribute("unassigned", creators.count(viewer, new RosterQuery(null, "none", null, null)));
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("myTasks", taskQueries.counts(viewer, tasks.zoneOf(viewer, null), clock.instant()));
		return "home";
	}

	/** What every console page's layout reads. */
	@ControllerAdvice
	static class LayoutModel {

		@ModelAttribute("currentPath")
		String currentPath(HttpServletRequest request) {
			return request.getRequestURI();
		}
	}
}
