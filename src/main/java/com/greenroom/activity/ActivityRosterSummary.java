package com.greenroom.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.creators.CreatorHandleChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code activity_roster_summary} (V262) exact: each row is what {@code activity_roster_figures} returns
 * until the row's {@code valid_until}. Written set-based from that function, for the creators of each applied
 * batch (synchronously, in the projection's transaction, as {@link ActivityRecomputed} is published) and for
 * every row whose day has rolled forward ({@link #refreshStale}: a job each minute, and before a sorted roster
 * read, so a sort never uses yesterday's window). Each row also carries its creator's region ({@code region_code}, V325,
 * '' for none) as its writer read the creator row; {@link #refreshRegions} (with the minute's job) sets it again on the rows
 * whose creator's region has changed since.
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
			                                     valid_until, region_code)
			select i.creator_id, f.last_live_at, f.active_days_28d, f.live_minutes_28d, f.revenue_28d_usd, f.followers_28d, """ + VALID_UNTIL
			+ """
					,
					       coalesce((select c.region_code from creator c where c.creator_id = i.creator_id), '')
					from %s
					left join activity_creator ac on ac.creator_id = i.creator_id
					cross join lateral activity_roster_figures(i.creator_id, :now) f
					order by i.creator_id
					on conflict (creator_id) do update set last_live_at = excluded.last_live_at, active_days_28d = excluded.active_days_28d,
					    live_minutes_28d = excluded.live_minutes_28d, revenue_28d_usd = excluded.revenue_28d_usd,
					    followers_28d = excluded.followers_28d, valid_until = excluded.valid_until, region_code = excluded.region_code
					""";

	/** As a SQL condition: whether any row's window has passed as of {@code :now} (the roster reads it in its page statement). */
	static final String STALE_CONDITION = "coalesce((select min(valid_until) from activity_roster_summary) <= :now, false)";

	/** Whether any row's window has passed as of {@code :now}. */
	static final String STALE_CHECK = "select " + STALE_CONDITION;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate separately;

	ActivityRosterSummary(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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

	/**
	 * Sets the region of every row whose creator's region differs from the one it carries (a creator registered, placed or
	 * moved since her last applied batch), rows locked in creator order as a batch's are. One join of the summary with the
	 * creators; returns the rows set. A batch that rewrote a row meanwhile read the creator row itself.
	 */
	int refreshRegions() {
		return jdbc.sql(MOVED.formatted("")).update();
	}

	private static final String MOVED = """
			with moved as (
			    select s.creator_id, coalesce(c.region_code, '') as region_code
			    from activity_roster_summary s
			    join creator c on c.creator_id = s.creator_id
			    where s.region_code <> coalesce(c.region_code, '')%s
			    order by s.creator_id
			    for update of s)
			update activity_roster_summary t set region_code = moved.region_code
			from moved
			where t.creator_id = moved.creator_id""";

	/**
	 * Creators added to the roster or registered (their handles set): their rows' regions, once the roster's transaction has
	 * committed, in a transaction and one statement of their own. Inside the roster's transaction these rows' locks deadlocked
	 * the activity projection (the roster writes creators in several statements, so not in one order). A batch that read these
	 * creators before that commit and committed after this statement is corrected by the minute's job.
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(CreatorHandleChanged changed) {
		String[] ids = changed.handles().keySet().toArray(String[]::new);
		separately.executeWithoutResult(status -> jdbc.sql(MOVED.formatted(" and s.creator_id = any(cast(:ids as text[]))"))
			.param("ids", ids)
			.update());
	}

	@Scheduled(fixedDelayString = "${greenroom.activity.roster-summary-interval:PT1M}", initialDelayString = "PT20S")
	void rollForward() {
		refreshStale(clock.instant());
		int moved = refreshRegions();
		if (moved > 0) {
			log.debug("Roster summary: {} rows given their creator's new region", moved);
		}
	}
}
