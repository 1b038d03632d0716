package com.greenroom.console;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.greenroom.creators.Creators;
import com.greenroom.creators.RosterQuery;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.tasks.TaskQueries;
import com.greenroom.tasks.Tasks;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.UrlBasedViewResolver;

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

	/**
	 * What every console page's layout reads: {@code currentPath}, added to the model of each view rendered. An
	 * interceptor's {@code postHandle}, not a {@code @ModelAttribute} advice: an advice applies to every controller,
	 * and on each API request (a {@code @RestController}, no view) it cost a model attribute method built and invoked
	 * reflectively, its annotations synthesized anew (~6% of a warm API roster request's thread CPU, docs/benchmarks.md,
	 * "The JVM's share of a read request, stop 18"). A redirect's model is left alone (its attributes would become
	 * query parameters of the redirect).
	 */
	@Configuration(proxyBeanMethods = false)
	static class LayoutModel implements WebMvcConfigurer, HandlerInterceptor {

		static final String CURRENT_PATH = "currentPath";

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			registry.addInterceptor(this);
		}

		@Override
		public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
			if (view == null || view.getViewName() != null && (view.getViewName().startsWith(UrlBasedViewResolver.REDIRECT_URL_PREFIX)
					|| view.getViewName().startsWith(UrlBasedViewResolver.FORWARD_URL_PREFIX))
					|| view.getView() instanceof SmartView smart && smart.isRedirectView()) {
				return;
			}
			view.getModel().putIfAbsent(CURRENT_PATH, request.getRequestURI());
		}
	}
}
