package com.greenroom.routines;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.calendar.BusinessCalendar;
import com.greenroom.calendar.BusinessCalendars;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.tasks.TaskDraft;
import com.greenroom.tasks.TaskSource;
import com.greenroom.tasks.Tasks;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a routine's occurrences into tasks, {@code horizonDays} ahead, exactly once. Generation locks the
 * routine's row (two nodes generating the same routine take turns) and claims each occurrence with an insert
 * into {@code routine_occurrence} keyed by routine, region and the rule's local date-time, in the same
 * transaction as its task: a second node, a retry or a restart finds the claim and creates nothing. When a
 * stretch is generated, a durable timer is set for the instant the next occurrence enters the horizon; no job
 * scans all routines (only start-up looks for running routines without a timer, such as the seeded ones).
 */
@Component
class RoutineGenerator {

	static final String KIND = "routine-generation";

	static final String SOURCE_TYPE = "ROUTINE";

	private static final Logger log = LoggerFactory.getLogger(RoutineGenerator.class);

	/** "Up to the end" for a rule with COUNT or UNTIL and no horizon. */
	private static final Duration UNBOUNDED = Duration.ofDays(365L * 200);

	private final RoutineStore store;

	private final JdbcClient jdbc;

	private final Tasks tasks;

	private final Timers timers;

	private final Regions regions;

	private final BusinessCalendars calendars;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final boolean bootstrap;

	RoutineGenerator(RoutineStore store, JdbcClient jdbc, Tasks tasks, Timers timers, Regions regions, BusinessCalendars calendars,
			Clock clock, PlatformTransactionManager transactionManager,
			@Value("${greenroom.routines.bootstrap:true}") boolean bootstrap) {
		this.store = store;
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.timers = timers;
		this.regions = regions;
		this.calendars = calendars;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.bootstrap = bootstrap;
	}

	/** A generation timer: generates the next stretch unless the routine was edited, paused or resumed since. */
	void fire(Timer timer) {
		long id = Long.parseLong(timer.payload());
		Instant now = clock.instant().isAfter(timer.dueAt()) ? clock.instant() : timer.dueAt();
		if (store.lock(id).isEmpty()) {
			return;
		}
		String current = jdbc.sql("select timer_key from routine where id = :id").param("id", id).query(String.class).optional().orElse(null);
		if (timer.key().equals(current)) {
			generate(id, now);
		}
	}

	/** On start-up: every running routine without a generation timer (the seeded ones) is generated and scheduled. */
	@EventListener(ApplicationReadyEvent.class)
	void scheduleUnscheduled() {
		if (!bootstrap) {
			return;
		}
		for (long id : store.unscheduled()) {
			try {
				transactions.executeWithoutResult(status -> generate(id, clock.instant()));
			}
			catch (RuntimeException ex) {
				log.warn("Could not generate routine {}; its next edit or the next start tries again", id, ex);
			}
		}
	}

	/**
	 * Generates every occurrence due after the routine's watermark (or after {@code now} the first time) up to
	 * {@code now} plus its horizon, then sets the timer for the next stretch; answers the number of tasks
	 * created. Joins the caller's transaction.
	 */
	@Transactional
	public int generate(long routineId, Instant now) {
		Routine routine = store.lock(routineId).orElse(null);
		if (routine == null || routine.paused()) {
			return 0;
		}
		Recurrence recurrence = Routines.recurrence(routine);
		Instant after = routine.generatedUntil() == null ? now : routine.generatedUntil();
		Instant upTo = now.plus(routine.horizonDays() == null ? UNBOUNDED : Duration.ofDays(routine.horizonDays()));
		if (upTo.isBefore(after)) {
			upTo = after;
		}
		int created = 0;
		Instant next = null;
		for (Region region : regionsOf(routine)) {
			ZoneId zone = region.zone();
			BusinessCalendar calendar = calendars.of(region.code());
			for (Recurrence.Occurrence occurrence : recurrence.between(zone, calendar::isBusinessDay, after, upTo)) {
				if (claim(routine, region.code(), occurrence, now)) {
					created++;
				}
			}
			if (routine.horizonDays() != null) {
				Optional<Recurrence.Occurrence> following = recurrence.next(zone, calendar::isBusinessDay, upTo);
				if (following.isPresent() && (next == null || following.get().dueAt().isBefore(next))) {
					next = following.get().dueAt();
				}
			}
		}
		String key = null;
		if (next != null) {
			Instant fireAt = next.minus(Duration.ofDays(routine.horizonDays()));
			key = "routine:" + routine.id() + ":" + routine.revision() + ":" + fireAt.getEpochSecond();
			timers.schedule(new TimerRequest(KIND, key, fireAt, String.valueOf(routine.id())));
		}
		else if (routine.horizonDays() != null && !recurrence.bounded()) {
			// nothing within a year (a yearly rule with exceptions): look again in a year
			Instant fireAt = upTo.plus(Duration.ofDays(365));
			key = "routine:" + routine.id() + ":" + routine.revision() + ":" + fireAt.getEpochSecond();
			timers.schedule(new TimerRequest(KIND, key, fireAt, String.valueOf(routine.id())));
		}
		String previous = jdbc.sql("select timer_key from routine where id = :id").param("id", routineId).query(String.class).optional().orElse(null);
		if (previous != null && !previous.equals(key)) {
			timers.cancel(previous);
		}
		store.generated(routine.id(), upTo, key);
		return created;
	}

	/** Claims one occurrence and creates its task; false when another node, a retry or an earlier run already had it. */
	private boolean claim(Routine routine, String regionCode, Recurrence.Occurrence occurrence, Instant now) {
		int claimed = jdbc.sql("""
				insert into routine_occurrence (routine_id, region_code, local_at, due_at, revision, created_at)
				values (:routine, :region, :localAt, :dueAt, :revision, :now)
				on conflict do nothing""")
			.param("routine", routine.id())
			.param("region", regionCode)
			.param("localAt", occurrence.ruleAt())
			.param("dueAt", Timestamp.from(occurrence.dueAt()))
			.param("revision", routine.revision())
			.param("now", Timestamp.from(now))
			.update();
		if (claimed == 0) {
			return false;
		}
		Long owner = routine.ownerUserId() != null && tasks.canOwn(routine.ownerUserId(), regionCode) ? routine.ownerUserId() : null;
		long taskId = tasks.create(new TaskDraft(routine.title(), new TaskSource(SOURCE_TYPE, sourceId(routine.id(), regionCode, occurrence),
				routine.view().url(regionCode)), null, regionCode, owner, routine.ownerRole(), occurrence.dueAt()))
			.id();
		jdbc.sql("update routine_occurrence set task_id = :task where routine_id = :routine and region_code = :region and local_at = :localAt")
			.param("task", taskId)
			.param("routine", routine.id())
			.param("region", regionCode)
			.param("localAt", occurrence.ruleAt())
			.update();
		return true;
	}

	/** A routine task's source id: {@code <routineId>:<region>:<the rule's local date-time>}, e.g. {@code 12:EU:2026-12-01T09:00}. */
	static String sourceId(long routineId, String regionCode, Recurrence.Occurrence occurrence) {
		return routineId + ":" + regionCode + ":" + occurrence.ruleAt();
	}

	List<Region> regionsOf(Routine routine) {
		return routine.everyRegion() ? regions.all() : regions.find(routine.region()).map(List::of).orElse(List.of());
	}
}
