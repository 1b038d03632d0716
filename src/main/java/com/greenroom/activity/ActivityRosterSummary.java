package com.greenroom.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code activity_roster_summary} (V262) exact: each row is what {@code activity_roster_figures} returns
 * until the row's {@code valid_until}. Written set-based from that function, for the creators of each applied
 * batch (synchronously, in the projection's transaction, as {@link ActivityRecomputed} is published) and for
 * every row whose day has rolled forward ({@link #refreshStale}: a job each minute, and before a sorted roster
 * read, so a sort never uses yesterday's window).
 */
@Component
class ActivityRosterSummary {

	private static final Logger log = LoggerFactory.getLogger(ActivityRosterSummary.class);

	/** The creator's next local midnight, or a stream start that lies ahead, whichever is first. */
	private static final String VALID_UNTIL = """
			least(case when ac.time_zone is null then timestamptz 'infinity'
			           else (((cast(:now as timestamptz) at time zone ac.time_zone)::date + 1)::timestamp at time zone ac.time_zone) end,
			      (select min(s.started_at) from activity_stream s where s.creator_id = i.creator_id and s.started_at > :now))""";

	private static final String UPSERT = """
			insert into activity_roster_summary (creator_id, last_live_at, active_days_28d, live_minutes_28d, revenue_28d_usd, followers_28d,
			                                     valid_until)
			select i.creator_id, f.last_live_at, f.active_days_28d, f.live_minutes_28d, f.revenue_28d_usd, f.followers_28d, """ + VALID_UNTIL
			+ """

					from %s
					left join activity_creator ac on ac.creator_id = i.creator_id
					cross join lateral activity_roster_figures(i.creator_id, :now) f
					order by i.creator_id
					on conflict (creator_id) do update set last_live_at = excluded.last_live_at, active_days_28d = excluded.active_days_28d,
					    live_minutes_28d = excluded.live_minutes_28d, revenue_28d_usd = excluded.revenue_28d_usd,
					    followers_28d = excluded.followers_28d, valid_until = excluded.valid_until
					""";

	/** As a SQL condition: whether any row's window has passed as of {@code :now} (the roster reads it in its page statement). */
	static final String STALE_CONDITION = "coalesce((select min(valid_until) from activity_roster_summary) <= :now, false)";

	/** Whether any row's window has passed as of {@code :now}. */
	static final String STALE_CHECK = "select " + STALE_CONDITION;

	private final JdbcClient jdbc;

	private final Clock clock;

	ActivityRosterSummary(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void on(ActivityRecomputed recomputed) {
		refresh(recomputed.days().keySet());
	}

	@EventListener
	void on(ActivityReset reset) {
		jdbc.sql("delete from activity_roster_summary").update();
	}

	/** Rewrites the rows of these creators as of now. */
	void refresh(Collection<String> creatorIds) {
		if (creatorIds.isEmpty()) {
			return;
		}
		jdbc.sql(UPSERT.formatted("unnest(cast(:ids as text[])) as i(creator_id)"))
			.param("ids", creatorIds.toArray(String[]::new))
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/**
	 * Rewrites, as of {@code now}, every row whose window has rolled forward; one read of the index's first entry when none has.
	 * A row a batch rewrote meanwhile (valid again) is left as the batch wrote it.
	 */
	int refreshStale(Instant now) {
		Timestamp at = Timestamp.from(now);
		// the earliest valid_until compared with now, not "exists (... valid_until <= :now)": prepared by the driver, that
		// statement ran with a generic plan (the bound unknown at planning), a sequential scan of every summary row
		// (100,000 creators: 1,031 buffers on each sorted roster page); min() reads one end of the index whatever the plan
		Boolean any = jdbc.sql(STALE_CHECK).param("now", at).query(Boolean.class).single();
		if (!any) {
			return 0;
		}
		long started = System.nanoTime(); // elapsed time for the debug line, not a time of day
		// rows locked in creator order, as a batch's are, so the job and the projection never deadlock
		int rows = jdbc.sql(UPSERT.formatted("(select creator_id from activity_roster_summary where valid_until <= :now) as i")
				+ " where activity_roster_summary.valid_until <= :now")
			.param("now", at)
			.update();
		log.debug("Roster summary: {} rows rolled forward in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
		return rows;
	}

	@Scheduled(fixedDelayString = "${greenroom.activity.roster-summary-interval:PT1M}", initialDelayString = "PT20S")
	void rollForward() {
		refreshStale(clock.instant());
	}
}
