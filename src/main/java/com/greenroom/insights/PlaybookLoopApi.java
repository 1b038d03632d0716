package com.greenroom.insights;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.greenroom.identity.Viewer;
import com.greenroom.insights.PlaybookLoopReport.Group;
import com.greenroom.insights.PlaybookLoopReport.Measure;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The playbook loop over HTTP: JSON and CSV. */
@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "Insights", description = "Creator day-N retention cohorts")
@SecurityRequirement(name = "bearer")
class PlaybookLoopApi {

	private static final String BY = "version (onboarding template version, default), variant (global template or regional variant) or coaching (coached in creator days 0-6 or not)";

	private static final String RANGE = "Registration creator days from/to (ISO dates, inclusive); default the 12 weeks to today";

	private final PlaybookLoop loop;

	private final PlaybookLoopParameters parameters;

	private final Clock clock;

	PlaybookLoopApi(PlaybookLoop loop, PlaybookLoopParameters parameters, Clock clock) {
		this.loop = loop;
		this.parameters = parameters;
		this.clock = clock;
	}

	@GetMapping("/playbook-loop")
	@Operation(summary = "Creator day-7 retention and milestone conversion by day 14 per onboarding version, regional variant "
			+ "or week-1 coaching, with 95% Wilson intervals and Newcombe intervals for each difference from the baseline group")
	PlaybookLoopReport playbookLoop(Viewer viewer, @Parameter(description = BY) @RequestParam(required = false) String by,
			@Parameter(description = RANGE) @RequestParam(required = false) String from,
			@Parameter(description = RANGE) @RequestParam(required = false) String to,
			@RequestParam(required = false) String region,
			@Parameter(description = "A milestone code (default FIRST_STREAM)") @RequestParam(required = false) String milestone,
			@Parameter(description = "The group key the others are compared with (default the first group)") @RequestParam(
					required = false) String baseline) {
		PlaybookLoopParameters.Raw raw = new PlaybookLoopParameters.Raw(by, from, to, region, milestone, baseline);
		return loop.report(viewer, parameters.parse(viewer, raw, clock.instant()), clock.instant());
	}

	@GetMapping(value = "/playbook-loop.csv", produces = "text/csv")
	@Operation(summary = "The same playbook loop as CSV: one row per group and measure")
	void playbookLoopCsv(Viewer viewer, @RequestParam(required = false) String by, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String region,
			@RequestParam(required = false) String milestone, @RequestParam(required = false) String baseline,
			HttpServletResponse response) throws IOException {
		PlaybookLoopReport report = playbookLoop(viewer, by, from, to, region, milestone, baseline);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"playbook-loop.csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		CSVPrinter csv = CSVFormat.DEFAULT.builder()
			.setHeader("by", "group", "label", "baseline", "creators", "measure", "count", "eligible", "share", "lower", "upper",
					"difference", "difference_lower", "difference_upper", "significant")
			.get()
			.print(writer);
		for (Group group : report.groups()) {
			row(csv, report, group, "day7_retention", group.day7());
			row(csv, report, group, "milestone_by_day14:" + report.milestone(), group.milestone());
		}
		csv.flush();
		writer.flush();
	}

	private static void row(CSVPrinter csv, PlaybookLoopReport report, Group group, String measure, Measure m) throws IOException {
		csv.printRecord(report.by(), group.key(), group.label(), group.baseline(), group.creators(), measure, m.count(), m.eligible(),
				number(m.share()), number(m.lower()), number(m.upper()),
				m.difference() == null ? "" : number(m.difference().estimate()),
				m.difference() == null ? "" : number(m.difference().lower()),
				m.difference() == null ? "" : number(m.difference().upper()),
				m.difference() == null ? "" : m.difference().significant());
	}

	private static String number(Double value) {
		return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
	}
}
