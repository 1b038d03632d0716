package com.greenroom.growth;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.greenroom.identity.Viewer;
import com.greenroom.insights.RetentionReport;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The weekly review over HTTP: JSON and CSV. */
@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "Weekly review", description = "One region's review of one ISO week")
@SecurityRequirement(name = "bearer")
class WeeklyReviewApi {

	private static final String WEEK = "An ISO week such as 2026-W48 (Monday to Sunday in the region's zone); default the last complete week";

	private final WeeklyReviews reviews;

	WeeklyReviewApi(WeeklyReviews reviews) {
		this.reviews = reviews;
	}

	@GetMapping("/review")
	@Operation(summary = "A region's weekly review: retention cohorts, the week's milestone funnel, campaign ROI, coaching done, SLA "
			+ "performance by priority, moderation backlog and routine accountability")
	WeeklyReview review(Viewer viewer, @Parameter(description = "A region code you work in") @RequestParam(required = false) String region,
			@Parameter(description = WEEK) @RequestParam(required = false) String week) {
		return reviews.review(viewer, region, week);
	}

	@GetMapping(value = "/review.csv", produces = "text/csv")
	@Operation(summary = "The same weekly review as CSV: one row per section, item and figure")
	void reviewCsv(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String week,
			HttpServletResponse response) throws IOException {
		WeeklyReview review = reviews.review(viewer, region, week);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"review-" + review.region() + "-" + review.week() + ".csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		write(review, writer);
		writer.flush();
	}

	static void write(WeeklyReview r, Writer writer) throws IOException {
		CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader("region", "week", "section", "item", "figure", "value").get().print(writer);
		Row row = (section, item, figure, value) -> csv.printRecord(r.region(), r.week(), section, item, figure, value == null ? "" : value);
		for (RetentionReport.Cohort cohort : r.retention().cohorts()) {
			row.print("retention", cohort.cohort().toString(), "size", cohort.size());
			for (RetentionReport.Cell cell : cohort.cells()) {
				String day = "day " + cell.day();
				row.print("retention", cohort.cohort().toString(), day + " retained", cell.retained());
				row.print("retention", cohort.cohort().toString(), day + " eligible", cell.eligible());
				row.print("retention", cohort.cohort().toString(), day + " share", share(cell.share()));
				row.print("retention", cohort.cohort().toString(), day + " complete", cell.complete());
			}
		}
		row.print("funnel", "registered", "creators", r.funnel().registered());
		for (WeeklyReview.Step step : r.funnel().steps()) {
			row.print("funnel", step.code(), "reached", step.reached());
			row.print("funnel", step.code(), "share", share(step.share()));
		}
		for (WeeklyReview.CampaignLine c : r.campaigns()) {
			String item = c.id() + " " + c.name();
			row.print("campaigns", item, "participants", c.figures().participants());
			row.print("campaigns", item, "days counted", c.figures().daysCounted());
			row.print("campaigns", item, "revenue usd", c.figures().revenueUsd().toPlainString());
			row.print("campaigns", item, "baseline usd", c.figures().baselineUsd().toPlainString());
			row.print("campaigns", item, "incremental usd", c.figures().incrementalUsd().toPlainString());
			row.print("campaigns", item, "cost usd", c.figures().costUsd().toPlainString());
			row.print("campaigns", item, "roi", c.figures().roi() == null ? null : c.figures().roi().toPlainString());
		}
		row.print("coaching", "all", "sessions", r.coaching().sessions());
		row.print("coaching", "all", "creators", r.coaching().creators());
		for (WeeklyReview.Coach coach : r.coaching().coaches()) {
			row.print("coaching", coach.name(), "sessions", coach.sessions());
			row.print("coaching", coach.name(), "creators", coach.creators());
		}
		for (WeeklyReview.SlaLine s : r.sla()) {
			row.print("sla", s.priority(), "opened", s.opened());
			row.print("sla", s.priority(), "first response met", s.firstResponseMet());
			row.print("sla", s.priority(), "first response breached", s.firstResponseBreached());
			row.print("sla", s.priority(), "first response pending", s.firstResponsePending());
			row.print("sla", s.priority(), "resolution met", s.resolutionMet());
			row.print("sla", s.priority(), "resolution breached", s.resolutionBreached());
			row.print("sla", s.priority(), "resolution pending", s.resolutionPending());
		}
		if (r.moderation() != null) {
			row.print("moderation", "all", "open", r.moderation().open());
			for (WeeklyReview.Bucket b : r.moderation().buckets()) {
				row.print("moderation", b.label(), "open", b.open());
			}
			row.print("moderation", "week", "first actions", r.moderation().actionedInWeek());
			row.print("moderation", "week", "median minutes to first action", r.moderation().medianMinutesToFirstAction());
		}
		WeeklyReview.Routines t = r.routines();
		row.print("routines", "all", "done on time", t.doneOnTime());
		row.print("routines", "all", "done late", t.doneLate());
		row.print("routines", "all", "missed", t.missed());
		row.print("routines", "all", "skipped", t.skipped());
		row.print("routines", "all", "open", t.open());
		for (WeeklyReview.Owner o : t.owners()) {
			row.print("routines", o.owner(), "done on time", o.doneOnTime());
			row.print("routines", o.owner(), "done late", o.doneLate());
			row.print("routines", o.owner(), "missed", o.missed());
		}
		csv.flush();
	}

	private static String share(Double share) {
		return share == null ? null : String.format(Locale.ROOT, "%.4f", share);
	}

	@FunctionalInterface
	private interface Row {

		void print(String section, String item, String figure, Object value) throws IOException;
	}
}
