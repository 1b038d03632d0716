package com.greenroom.insights;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.greenroom.identity.Viewer;
import com.greenroom.insights.RetentionReport.Cell;
import com.greenroom.insights.RetentionReport.Cohort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Retention cohorts over HTTP: JSON and CSV. */
@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "Insights", description = "Creator day-N retention cohorts")
@SecurityRequirement(name = "bearer")
class RetentionApi {

	private static final String DAYS = "Comma-separated day numbers 0 to 366 (default 0,1,7,14,30)";

	private static final String RANGE = "Cohort days from/to (ISO dates, inclusive; widened to whole weeks or months); default the 12 weeks to today";

	private final Retention retention;

	private final RetentionParameters parameters;

	private final Clock clock;

	RetentionApi(Retention retention, RetentionParameters parameters, Clock clock) {
		this.retention = retention;
		this.parameters = parameters;
		this.clock = clock;
	}

	@GetMapping("/retention")
	@Operation(summary = "Creator day-N retention by registration cohort (day, ISO week or month), N-day or unbounded, "
			+ "with segment filters; cells whose day N has not ended for every creator are marked incomplete")
	RetentionReport retention(Viewer viewer, @Parameter(description = "day, week (default) or month") @RequestParam(required = false) String period,
			@Parameter(description = RANGE) @RequestParam(required = false) String from,
			@Parameter(description = RANGE) @RequestParam(required = false) String to,
			@Parameter(description = DAYS) @RequestParam(required = false) String days,
			@Parameter(description = "n-day (default) or unbounded") @RequestParam(required = false) String mode,
			@RequestParam(required = false) String region,
			@Parameter(description = "A user id or 'me'") @RequestParam(required = false) String manager,
			@RequestParam(required = false) String country,
			@Parameter(description = "The creator's first tier") @RequestParam(required = false) String tier,
			@Parameter(description = "An onboarding template id") @RequestParam(required = false) String template,
			@Parameter(description = "A version of that template") @RequestParam(required = false) String version) {
		RetentionParameters.Raw raw = new RetentionParameters.Raw(period, from, to, days, mode, region, manager, country, tier,
				template, version);
		return retention.report(viewer, parameters.parse(viewer, raw, clock.instant()), clock.instant());
	}

	@GetMapping(value = "/retention.csv", produces = "text/csv")
	@Operation(summary = "The same retention cohorts as CSV: one row per cohort and day number")
	void retentionCsv(Viewer viewer, @RequestParam(required = false) String period, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String days,
			@RequestParam(required = false) String mode, @RequestParam(required = false) String region,
			@RequestParam(required = false) String manager, @RequestParam(required = false) String country,
			@RequestParam(required = false) String tier, @RequestParam(required = false) String template,
			@RequestParam(required = false) String version, HttpServletResponse response) throws IOException {
		RetentionReport report = retention(viewer, period, from, to, days, mode, region, manager, country, tier, template, version);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"retention.csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		write(report, writer);
		writer.flush();
	}

	static void write(RetentionReport report, Writer writer) throws IOException {
		CSVPrinter csv = CSVFormat.DEFAULT.builder()
			.setHeader("period", "mode", "cohort", "size", "day", "retained", "eligible", "share", "complete")
			.get()
			.print(writer);
		for (Cohort cohort : report.cohorts()) {
			for (Cell cell : cohort.cells()) {
				csv.printRecord(report.period(), report.mode(), cohort.cohort(), cohort.size(), cell.day(), cell.retained(),
						cell.eligible(), cell.share() == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", cell.share()),
						cell.complete());
			}
		}
		csv.flush();
	}
}
