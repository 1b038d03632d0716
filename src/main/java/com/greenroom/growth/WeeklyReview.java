package com.greenroom.growth;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.greenroom.insights.RetentionReport;

/**
 * One region's review of one ISO week (Monday to Sunday in the region's zone), as of {@code generatedAt}.
 * Sections the viewer may not see (the moderation backlog is for admins, trust & safety and regional leads) are null.
 */
public record WeeklyReview(String region, String regionName, String week, LocalDate monday, LocalDate sunday, Instant from, Instant to,
		Instant generatedAt, RetentionReport retention, Funnel funnel, List<CampaignLine> campaigns, Coaching coaching, List<SlaLine> sla,
		Moderation moderation, Routines routines) {

	/**
	 * The week's registration cohort (creators whose creator day of registration is in the week) and how many of
	 * them have reached each milestone by {@code generatedAt}.
	 */
	public record Funnel(int registered, List<Step> steps) {
	}

	public record Step(String code, String name, int reached, Double share) {
	}

	/** A campaign running in the region during the week, with the region's figures as of generation. */
	public record CampaignLine(long id, String name, LocalDate start, LocalDate end, CampaignRoi.Figures figures) {
	}

	/** Coaching sessions held with the region's creators in the week, per coach. */
	public record Coaching(int sessions, int creators, List<Coach> coaches) {
	}

	public record Coach(String name, int sessions, int creators) {
	}

	/**
	 * Tickets opened in the week, per priority: first response and resolution met (in time), breached (late, or
	 * still missing past the target) and pending (target not reached yet).
	 */
	public record SlaLine(String priority, int opened, int firstResponseMet, int firstResponseBreached, int firstResponsePending,
			int resolutionMet, int resolutionBreached, int resolutionPending) {
	}

	/** Open moderation cases now (by age bucket) and the week's first actions. */
	public record Moderation(long open, List<Bucket> buckets, long actionedInWeek, Double medianMinutesToFirstAction) {
	}

	public record Bucket(String label, long open) {
	}

	/** Routine tasks due in the week: done on time, late, missed, skipped, still open; per owner. */
	public record Routines(int doneOnTime, int doneLate, int missed, int skipped, int open, List<Owner> owners) {
	}

	public record Owner(String owner, int doneOnTime, int doneLate, int missed, int skipped, int open) {
	}
}
