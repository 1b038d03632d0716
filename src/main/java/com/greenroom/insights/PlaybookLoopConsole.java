package com.greenroom.insights;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The playbook loop page: the groups side by side with their intervals and a plain-language reading. */
@Controller
class PlaybookLoopConsole {

	private final PlaybookLoop loop;

	private final PlaybookLoopParameters parameters;

	private final Regions regions;

	private final JdbcClient jdbc;

	private final Clock clock;

	PlaybookLoopConsole(PlaybookLoop loop, PlaybookLoopParameters parameters, Regions regions, JdbcClient jdbc, Clock clock) {
		this.loop = loop;
		this.parameters = parameters;
		this.regions = regions;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@GetMapping("/insights/playbook-loop")
	String page(Viewer viewer, @RequestParam Map<String, String> params, Model model) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String key : List.of("by", "from", "to", "region", "milestone", "baseline")) {
			String value = params.get(key);
			form.put(key, value == null ? "" : value.strip());
		}
		Instant now = clock.instant();
		try {
			PlaybookLoopQuery query = parameters.parse(viewer, new PlaybookLoopParameters.Raw(form.get("by"), form.get("from"),
					form.get("to"), form.get("region"), form.get("milestone"), form.get("baseline")), now);
			model.addAttribute("report", loop.report(viewer, query, now));
			model.addAttribute("query", query);
			model.addAttribute("errors", Map.of());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("report", null);
			model.addAttribute("errors", FormErrors.of(ex));
		}
		model.addAttribute("form", form);
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("milestones", jdbc.sql("select code, name from milestone_definition order by position, code")
			.query((rs, row) -> new MilestoneChoice(rs.getString(1), rs.getString(2)))
			.list());
		return "insights/playbook-loop";
	}

	record MilestoneChoice(String code, String name) {
	}
}
