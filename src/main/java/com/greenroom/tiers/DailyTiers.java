package com.greenroom.tiers;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerHandler;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.stereotype.Component;

/**
 * Recomputes each region's tiers once per local date through a durable timer per region and date, due at
 * the region's local midnight ({@code tiers:daily:<region>:<date>}): the firing recomputes the region and
 * schedules the next date in the same transaction, so a region is computed once per day of its own calendar
 * across nodes and restarts, and a node that was down catches up with one run rather than one per missed day.
 */
@Component
class DailyTiers implements TimerHandler {

	static final String KIND = "tiers-daily";

	private final Tiers tiers;

	private final Regions regions;

	private final Timers timers;

	private final Clock clock;

	DailyTiers(Tiers tiers, Regions regions, Timers timers, Clock clock) {
		this.tiers = tiers;
		this.regions = regions;
		this.timers = timers;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void fire(Timer timer) {
		Instant now = clock.instant();
		Optional<Region> region = regions.find(timer.payload());
		if (region.isPresent()) {
			tiers.recompute(region.get().code(), now);
			LocalDate fired = LocalDate.parse(timer.key().substring(timer.key().lastIndexOf(':') + 1));
			LocalDate today = LocalDate.ofInstant(now, region.get().zone());
			timers.schedule(request(region.get(), (fired.isAfter(today) ? fired : today).plusDays(1)));
		}
		// a region added since start-up gets its first run here, without waiting for a restart
		seed(now);
	}

	/**
	 * Gives every region without one a timer for its local date at {@code now} (due at that date's local
	 * midnight, so it fires at once unless it already did); leaves existing timers as they are. Returns how
	 * many it added.
	 */
	int seed(Instant now) {
		int added = 0;
		for (Region region : regions.all()) {
			added += timers.scheduleIfAbsent(request(region, LocalDate.ofInstant(now, region.zone()))) ? 1 : 0;
		}
		return added;
	}

	static String key(String regionCode, LocalDate date) {
		return "tiers:daily:" + regionCode + ":" + date;
	}

	private static TimerRequest request(Region region, LocalDate date) {
		return new TimerRequest(KIND, key(region.code(), date), date.atStartOfDay(region.zone()).toInstant(), region.code());
	}
}
