package com.greenroom.growth;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.greenroom.coaching.CoachingSession;
import com.greenroom.coaching.CoachingSessions;
import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.growth.WeeklyReview.Bucket;
import com.greenroom.growth.WeeklyReview.CampaignLine;
import com.greenroom.growth.WeeklyReview.Coach;
import com.greenroom.growth.WeeklyReview.Coaching;
import com.greenroom.growth.WeeklyReview.Funnel;
import com.greenroom.growth.WeeklyReview.Moderation;
import com.greenroom.growth.WeeklyReview.Owner;
import com.greenroom.growth.WeeklyReview.SlaLine;
import com.greenroom.growth.WeeklyReview.Step;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.insights.Retention;
import com.greenroom.insights.RetentionQuery;
import com.greenroom.milestones.Milestone;
import com.greenroom.milestones.Milestones;
import com.greenroom.routines.Accountability;
import com.greenroom.routines.Routines;
import com.greenroom.safety.SafetyBacklog;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.tickets.Priority;
import com.greenroom.tickets.Sla;
import com.greenroom.tickets.Ticket;
import com.greenroom.tickets.Tickets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Builds a region's weekly review from the public APIs of insights, milestones, campaigns, coaching, tickets,
 * safety and routines, each scoped to the viewer.
 */
@Service
public class WeeklyReviews {

	/** Retention cohorts shown: the review's week and the seven before it. */
	static final int COHORT_WEEKS = 8;

	static final List<Integer> DAYS = List.of(0, 1, 7, 14, 30);

	private static final Pattern WEEK = Pattern.compile("^(\\d{4})-W(\\d{2})$");

	private final Regions regions;

	private final Retention retention;

	private final Creators creators;

	private final Milestones milestones;

	private final Campaigns campaigns;

	private final CoachingSessions coaching;

	private final Tickets tickets;

	private final SafetyBacklog backlog;

	private final Routines routines;

	private final Clock clock;

	WeeklyReviews(Regions regions, Retention retention, Creators creators, Milestones milestones, Campaigns campaigns,
			CoachingSessions coaching, Tickets tickets, SafetyBacklog backlog, Routines routines, Clock clock) {
		this.regions = regions;
		this.retention = retention;
		this.creators = creators;
		this.milestones = milestones;
		this.campaigns = campaigns;
		this.coaching = coaching;
		this.tickets = tickets;
		this.backlog = backlog;
		this.routines = routines;
		this.clock = clock;
	}

	/** The region the viewer asked for: 400 naming {@code region} when unknown, 404 when it is not one of theirs. */
	public Region region(Viewer viewer, String raw) {
		String code = Checks.blankToNull(raw);
		if (code == null) {
			throw new InvalidInputException("region", "is required (a region code such as EU)");
		}
		Region region = regions.find(code.toUpperCase(Locale.ROOT))
			.orElseThrow(() -> new InvalidInputException("region", "is not a known region: " + raw));
		if (!viewer.canSee(region.code())) {
			throw new NotFoundException("Region", region.code());
		}
		return region;
	}

	/** "2026-W48" to its Monday (400 naming {@code week} otherwise); blank means the last complete week in the zone. */
	public LocalDate monday(String raw, ZoneId zone) {
		String week = Checks.blankToNull(raw);
		if (week == null) {
			return LocalDate.ofInstant(clock.instant(), zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
		}
		Matcher matcher = WEEK.matcher(week);
		if (!matcher.matches()) {
			throw new InvalidInputException("week", "must be an ISO week such as 2026-W48");
		}
		int year = Integer.parseInt(matcher.group(1));
		int number = Integer.parseInt(matcher.group(2));
		LocalDate mid = LocalDate.of(year, 6, 1);
		long weeks = mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
		if (year < 2000 || number < 1 || number > weeks) {
			throw new InvalidInputException("week", year < 2000 ? "must be in the year 2000 or later" : year + " has ISO weeks 01 to " + weeks);
		}
		return mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(DayOfWeek.MONDAY);
	}

	public static String isoWeek(LocalDate date) {
		return Routines.isoWeek(date);
	}

	/** The review of {@code region} for the ISO week {@code week} (blank: the last complete one), as the viewer may see it. */
	public WeeklyReview review(Viewer viewer, String region, String week) {
		Region where = region(viewer, region);
		LocalDate monday = monday(week, where.zone());
		return review(viewer, where, monday);
	}

	WeeklyReview review(Viewer viewer, Region region, LocalDate monday) {
		Instant now = clock.instant();
		LocalDate sunday = monday.plusDays(6);
		ZoneId zone = region.zone();
		Instant from = monday.atStartOfDay(zone).toInstant();
		Instant to = monday.plusWeeks(1).atStartOfDay(zone).toInstant();
		var cohorts = retention.report(viewer, new RetentionQuery(RetentionQuery.Period.WEEK, monday.minusWeeks(COHORT_WEEKS - 1), sunday, DAYS,
				RetentionQuery.Mode.N_DAY, region.code(), null, null, null, null, null), now);
		return new WeeklyReview(region.code(), region.name(), isoWeek(monday), monday, sunday, from, to, now, cohorts,
				funnel(region, monday, sunday, from, to), campaigns(viewer, region, monday, sunday, now), coaching(region, from, to),
				sla(region, from, to, now), moderation(viewer, region, monday), routines(viewer, region, monday));
	}

	private Funnel funnel(Region region, LocalDate monday, LocalDate sunday, Instant from, Instant to) {
		// creator days reach up to 14 hours either side of UTC: fetch a day around the week, keep those whose own day is in it
		Set<String> cohort = new HashSet<>();
		for (Creator creator : creators.registeredBetween(from.minus(Duration.ofDays(1)), to.plus(Duration.ofDays(1)))) {
			if (!region.code().equals(creator.regionCode()) || creator.registeredAt() == null) {
				continue;
			}
			ZoneId own = Checks.isTimeZone(creator.timeZone()) ? ZoneId.of(creator.timeZone()) : region.zone();
			LocalDate day = LocalDate.ofInstant(creator.registeredAt(), own);
			if (!day.isBefore(monday) && !day.isAfter(sunday)) {
				cohort.add(creator.creatorId());
			}
		}
		List<Step> steps = new ArrayList<>();
		for (Milestone milestone : milestones.definitions()) {
			int reached = cohort.isEmpty() ? 0 : (int) milestones.creatorsWhoReached(milestone.code()).stream().filter(cohort::contains).count();
			steps.add(new Step(milestone.code(), milestone.name(), reached, cohort.isEmpty() ? null : (double) reached / cohort.size()));
		}
		return new Funnel(cohort.size(), steps);
	}

	private List<CampaignLine> campaigns(Viewer viewer, Region region, LocalDate monday, LocalDate sunday, Instant now) {
		List<CampaignLine> lines = new ArrayList<>();
		for (Campaign campaign : campaigns.list(viewer, region.code())) {
			if (campaign.start().isAfter(sunday) || campaign.end().isBefore(monday)) {
				continue;
			}
			CampaignRoi roi = campaigns.roi(viewer, campaign.id(), now);
			roi.regions()
				.stream()
				.filter(r -> r.region().equals(region.code()))
				.findFirst()
				.ifPresent(r -> lines.add(new CampaignLine(campaign.id(), campaign.name(), campaign.start(), campaign.end(), r.figures())));
		}
		lines.sort(java.util.Comparator.comparing(CampaignLine::start).thenComparing(CampaignLine::id));
		return lines;
	}

	private Coaching coaching(Region region, Instant from, Instant to) {
		List<CoachingSession> sessions = coaching.inRegion(region.code(), from, to);
		Map<String, Set<String>> creatorsByCoach = new TreeMap<>();
		Map<String, Integer> sessionsByCoach = new TreeMap<>();
		for (CoachingSession session : sessions) {
			creatorsByCoach.computeIfAbsent(session.coachName(), c -> new HashSet<>()).add(session.creatorId());
			sessionsByCoach.merge(session.coachName(), 1, Integer::sum);
		}
		List<Coach> coaches = new ArrayList<>();
		sessionsByCoach.forEach((coach, count) -> coaches.add(new Coach(coach, count, creatorsByCoach.get(coach).size())));
		int creatorsCoached = (int) sessions.stream().map(CoachingSession::creatorId).distinct().count();
		return new Coaching(sessions.size(), creatorsCoached, coaches);
	}

	private List<SlaLine> sla(Region region, Instant from, Instant to, Instant now) {
		Map<Priority, int[]> counts = new LinkedHashMap<>();
		for (Priority priority : Priority.values()) {
			counts.put(priority, new int[7]);
		}
		for (Ticket ticket : tickets.openedIn(region.code(), from, to)) {
			int[] c = counts.get(ticket.priority());
			Sla sla = ticket.sla();
			c[0]++;
			c[1 + outcome(sla == null ? null : sla.firstResponseDueAt(), ticket.firstResponseAt(), now)]++;
			c[4 + outcome(sla == null ? null : sla.resolutionDueAt(), ticket.resolvedAt(), now)]++;
		}
		List<SlaLine> lines = new ArrayList<>();
		counts.forEach((p, c) -> lines.add(new SlaLine(p.name(), c[0], c[1], c[2], c[3], c[4], c[5], c[6])));
		return lines;
	}

	/** 0 met, 1 breached, 2 pending. */
	static int outcome(Instant due, Instant done, Instant now) {
		if (due == null) {
			return done == null ? 2 : 0;
		}
		if (done != null) {
			return done.isAfter(due) ? 1 : 0;
		}
		return now.isAfter(due) ? 1 : 2;
	}

	private Moderation moderation(Viewer viewer, Region region, LocalDate monday) {
		SafetyBacklog.Backlog now;
		try {
			now = backlog.of(viewer, region.code(), null);
		}
		catch (AccessDeniedException ex) {
			return null;
		}
		List<Bucket> buckets = new ArrayList<>();
		now.buckets().forEach(b -> buckets.add(new Bucket(b.label(), now.totals().getOrDefault(b, 0L))));
		var week = now.timeToFirstAction().stream().filter(w -> w.weekStarting().equals(monday)).findFirst();
		return new Moderation(now.open(), buckets, week.map(SafetyBacklog.FirstActionWeek::actioned).orElse(0L),
				week.map(SafetyBacklog.FirstActionWeek::medianMinutes).orElse(null));
	}

	private WeeklyReview.Routines routines(Viewer viewer, Region region, LocalDate monday) {
		Accountability accountability = this.routines.accountability(viewer, region.code(), isoWeek(monday));
		int onTime = 0;
		int late = 0;
		int missed = 0;
		int skipped = 0;
		int open = 0;
		List<Owner> owners = new ArrayList<>();
		for (Accountability.Row row : accountability.rows()) {
			onTime += row.doneOnTime();
			late += row.doneLate();
			missed += row.missed();
			skipped += row.skipped();
			open += row.open();
			owners.add(new Owner(row.owner(), row.doneOnTime(), row.doneLate(), row.missed(), row.skipped(), row.open()));
		}
		return new WeeklyReview.Routines(onTime, late, missed, skipped, open, owners);
	}
}
