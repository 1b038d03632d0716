package com.greenroom.growth;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.notifications.Notice;
import com.greenroom.notifications.NoticeKind;
import com.greenroom.notifications.Notifications;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerHandler;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.stereotype.Component;

/**
 * Sends each region's leads the review of the week just ended, every Monday at {@link #SEND_AT} in the region's
 * zone, through one durable timer per region and Monday ({@code review:weekly:<region>:<monday>}): the firing
 * notifies the leads (inbox, and email or webhook as each lead chose for REPORT notices) and schedules the next
 * Monday in the same transaction, so a week's review goes out once across nodes and restarts. The notice's
 * dedup key names region and week, so a repeated firing sends nothing twice.
 */
@Component
public class WeeklyReviewSender implements TimerHandler {

	static final String KIND = "weekly-review";

	public static final LocalTime SEND_AT = LocalTime.of(8, 0);

	private final WeeklyReviews reviews;

	private final Regions regions;

	private final Users users;

	private final Notifications notifications;

	private final Timers timers;

	private final Clock clock;

	WeeklyReviewSender(WeeklyReviews reviews, Regions regions, Users users, Notifications notifications, Timers timers, Clock clock) {
		this.reviews = reviews;
		this.regions = regions;
		this.users = users;
		this.notifications = notifications;
		this.timers = timers;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void fire(Timer timer) {
		Optional<Region> region = regions.find(timer.payload());
		if (region.isPresent()) {
			LocalDate monday = LocalDate.parse(timer.key().substring(timer.key().lastIndexOf(':') + 1));
			send(region.get(), monday.minusWeeks(1));
			// never this Monday again, even when fired a little early: one key fires once
			LocalDate next = nextMonday(region.get(), clock.instant());
			timers.schedule(request(region.get(), next.isAfter(monday) ? next : monday.plusWeeks(1)));
		}
		seed(clock.instant());
	}

	/** Notifies every enabled lead of the region of the review of the week starting {@code monday}; returns how many were new. */
	int send(Region region, LocalDate monday) {
		String week = WeeklyReviews.isoWeek(monday);
		String link = "/insights/review?region=" + region.code() + "&week=" + week;
		int sent = 0;
		for (UserSummary lead : users.managersIn(region.code())) {
			if (!lead.roles().contains(Role.REGIONAL_LEAD)) {
				continue;
			}
			WeeklyReview review = reviews.review(users.viewerOf(lead), region, monday);
			sent += notifications.notify(new Notice(lead.id(), NoticeKind.REPORT, "Weekly review " + week + " · " + region.name(), summary(review),
					link, "review:" + region.code() + ":" + week)) ? 1 : 0;
		}
		return sent;
	}

	static String summary(WeeklyReview review) {
		WeeklyReview.Routines routines = review.routines();
		int breached = review.sla().stream().mapToInt(s -> s.firstResponseBreached() + s.resolutionBreached()).sum();
		int opened = review.sla().stream().mapToInt(WeeklyReview.SlaLine::opened).sum();
		return "%s, %s to %s: %d creators registered; %d coaching sessions with %d creators; %d tickets opened, %d SLA targets breached; "
			.formatted(review.regionName(), review.monday(), review.sunday(), review.funnel().registered(), review.coaching().sessions(),
					review.coaching().creators(), opened, breached)
				+ "%d campaigns running; routine tasks %d on time, %d late, %d missed%s."
					.formatted(review.campaigns().size(), routines.doneOnTime(), routines.doneLate(), routines.missed(),
							review.moderation() == null ? "" : "; " + review.moderation().open() + " moderation cases open");
	}

	/** Gives every region without one a timer for its next Monday morning; returns how many it added. */
	public int seed(Instant now) {
		int added = 0;
		for (Region region : regions.all()) {
			added += timers.scheduleIfAbsent(request(region, nextMonday(region, now))) ? 1 : 0;
		}
		return added;
	}

	/** The first Monday whose send time, in the region's zone, is after {@code now}. */
	static LocalDate nextMonday(Region region, Instant now) {
		ZonedDateTime local = now.atZone(region.zone());
		LocalDate monday = local.toLocalDate().with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
		return monday.atTime(SEND_AT).atZone(region.zone()).toInstant().isAfter(now) ? monday : monday.plusWeeks(1);
	}

	static String key(String region, LocalDate monday) {
		return "review:weekly:" + region + ":" + monday;
	}

	private static TimerRequest request(Region region, LocalDate monday) {
		return new TimerRequest(KIND, key(region.code(), monday), monday.atTime(SEND_AT).atZone(region.zone()).toInstant(), region.code());
	}
}
