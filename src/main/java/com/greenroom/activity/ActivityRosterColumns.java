package com.greenroom.activity;

import java.util.List;

import com.greenroom.creators.RosterColumns;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The roster's activity columns, read from {@code activity_roster_figures} (migration V66). */
@Component
@Order(1)
class ActivityRosterColumns implements RosterColumns {

	private final ActivityRosterSummary summary;

	ActivityRosterColumns(ActivityRosterSummary summary) {
		this.summary = summary;
	}

	/** Sorted pages read the per-creator summary of V262, rolled forward first if a zone's day has turned. */
	@Override
	public String sortTable() {
		return "activity_roster_summary";
	}

	/**
	 * Each row carries its creator's region, written by each batch and set again within a minute of a change
	 * ({@link ActivityRosterSummary#refreshRegions}), and leads the sort indexes with it (V325).
	 */
	@Override
	public boolean sortTableByRegion() {
		return true;
	}

	/** Shown figures too: each row holds the function's values until its valid_until (V262, {@link ActivityRosterSummary}). */
	@Override
	public String figuresTable() {
		return "activity_roster_summary";
	}

	@Override
	public void prepare(java.time.Instant asOf) {
		summary.refreshStale(asOf);
	}

	/** The same test as {@link ActivityRosterSummary#refreshStale}'s first statement, read in the roster's page statement. */
	@Override
	public String pendingCondition() {
		return ActivityRosterSummary.STALE_CONDITION.replace(":now", ":asOf");
	}

	@Override
	public String function() {
		return "activity_roster_figures";
	}

	@Override
	public List<Figure> figures() {
		return List.of(new Figure("lastLive", "Last live", "last_live_at", Kind.INSTANT),
				new Figure("activeDays28d", "Active days (28 d)", "active_days_28d", Kind.COUNT),
				new Figure("liveMinutes28d", "Live minutes (28 d)", "live_minutes_28d", Kind.COUNT),
				new Figure("revenue28d", "Revenue (28 d, USD)", "revenue_28d_usd", Kind.USD),
				new Figure("followers28d", "Followers gained (28 d)", "followers_28d", Kind.COUNT));
	}
}
