package com.greenroom.insights;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.insights.RetentionQuery.Mode;
import com.greenroom.insights.RetentionQuery.Period;
import com.greenroom.insights.RetentionReport.Cell;
import com.greenroom.insights.RetentionReport.Cohort;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import com.greenroom.tiers.Tier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The retention heatmap, and the home page's day-7 tile per region. */
@Controller
class RetentionConsole {

	private final Retention retention;

	private final RetentionParameters parameters;

	private final Regions regions;

	private final Users users;

	private final JdbcClient jdbc;

	private final Clock clock;

	RetentionConsole(Retention retention, RetentionParameters parameters, Regions regions, Users users, JdbcClient jdbc,
			Clock clock) {
		this.retention = retention;
		this.parameters = parameters;
		this.regions = regions;
		this.users = users;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@GetMapping("/insights/retention")
	String heatmap(Viewer viewer, @RequestParam Map<String, String> params, Model model) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String key : List.of("period", "from", "to", "days", "mode", "region", "manager", "country", "tier", "template",
				"version")) {
			String value = params.get(key);
			form.put(key, value == null ? "" : value.strip());
		}
		Instant now = clock.instant();
		RetentionParameters.Raw raw = new RetentionParameters.Raw(form.get("period"), form.get("from"), form.get("to"),
				form.get("days"), form.get("mode"), form.get("region"), form.get("manager"), form.get("country"), form.get("tier"),
				form.get("template"), form.get("version"));
		try {
			RetentionQuery query = parameters.parse(viewer, raw, now);
			RetentionReport report = retention.report(viewer, query, now);
			model.addAttribute("report", report);
			model.addAttribute("query", query);
			model.addAttribute("errors", Map.of());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("report", null);
			model.addAttribute("errors", FormErrors.of(ex));
		}
		model.addAttribute("form", form);
		model.addAttribute("periods", Period.values());
		model.addAttribute("modes", Mode.values());
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("managers", users.managersVisibleTo(viewer));
		model.addAttribute("tiers", Tier.values());
		model.addAttribute("templates", jdbc.sql("""
				select t.id, t.name, coalesce(max(v.version), 0) as versions from onboarding_template t
				left join onboarding_template_version v on v.template_id = t.id group by t.id, t.name order by t.name""")
			.query((rs, row) -> new TemplateChoice(rs.getLong(1), rs.getString(2), rs.getInt(3)))
			.list());
		return "insights/retention";
	}

	@GetMapping("/insights/home-tile")
	String homeTile(Viewer viewer, Model model) {
		Instant now = clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		List<DaySevenTile> tiles = new ArrayList<>();
		for (Region region : regions.visibleTo(viewer)) {
			RetentionQuery query = new RetentionQuery(Period.WEEK, today.minusWeeks(8), today, List.of(7), Mode.N_DAY,
					region.code(), null, null, null, null, null);
			List<Cohort> complete = retention.report(viewer, query, now)
				.cohorts()
				.stream()
				.filter(c -> c.cells().get(0).complete() && c.size() > 0)
				.toList();
			if (complete.isEmpty()) {
				tiles.add(new DaySevenTile(region.code(), region.name(), null, null, null, 0, 0));
				continue;
			}
			Cohort last = complete.get(complete.size() - 1);
			List<Cohort> before = complete.subList(Math.max(0, complete.size() - 5), complete.size() - 1);
			long retained = before.stream().mapToLong(c -> c.cells().get(0).retained()).sum();
			long eligible = before.stream().mapToLong(c -> c.cells().get(0).eligible()).sum();
			Cell cell = last.cells().get(0);
			tiles.add(new DaySevenTile(region.code(), region.name(), last.cohort(), cell.share(),
					eligible == 0 ? null : (double) retained / eligible, cell.eligible(), before.size()));
		}
		model.addAttribute("tiles", tiles);
		return "insights/home-tile :: tile";
	}

	record TemplateChoice(long id, String name, int versions) {
	}

	/**
	 * Day-7 retention of a region's last complete cohort week ({@code share} of {@code creators}) beside the
	 * pooled share of the {@code weeksBefore} complete weeks before it.
	 */
	record DaySevenTile(String region, String name, LocalDate week, Double share, Double before, int creators, int weeksBefore) {

		/** The change in percentage points, or null when either side is missing. */
		public Double changePoints() {
			return share == null || before == null ? null : (share - before) * 100;
		}
	}
}
