package com.greenroom.playbooks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskDraft;
import com.greenroom.tasks.TaskSource;
import com.greenroom.tasks.Tasks;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerHandler;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review cadence: each playbook has one pending timer {@code playbook-review:<id>:<n>} for its n-th review.
 * When it fires, a review task (PLAYBOOK_REVIEW) goes to the owner, due a day later, unless the previous
 * review is still open (no pile of tasks for an ignored playbook: it shows as stale instead), and the next
 * review is scheduled one cadence after this one's due time.
 */
@Component
class Reviews implements TimerHandler {

	static final String KIND = "playbook-review";

	static final String TASK_SOURCE = "PLAYBOOK_REVIEW";

	private final JdbcClient jdbc;

	private final PlaybookStore store;

	private final Timers timers;

	private final Tasks tasks;

	private final ChangeRequests changeRequests;

	private final OwnerRouting routing;

	private final AuditLog audit;

	private final Clock clock;

	Reviews(JdbcClient jdbc, PlaybookStore store, Timers timers, Tasks tasks, ChangeRequests changeRequests, OwnerRouting routing,
			AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.timers = timers;
		this.tasks = tasks;
		this.changeRequests = changeRequests;
		this.routing = routing;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return KIND;
	}

	/** Playbooks without a scheduled review (the seeded ones on the first start) get their first one. */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	public void scheduleMissing() {
		Instant now = clock.instant();
		// for update: a node starting at the same time waits, then finds the rows scheduled (PostgreSQL re-checks the
		// condition on rows changed meanwhile) and schedules nothing a second time
		for (long id : jdbc.sql("select id from playbook where next_review_at is null order by id for update").query(Long.class).list()) {
			store.findById(id).ifPresent(p -> scheduleNext(p, now));
		}
	}

	/** Schedules the playbook's next review one cadence after {@code from}. */
	void scheduleNext(Playbook playbook, Instant from) {
		int seq = jdbc.sql("update playbook set review_seq = review_seq + 1 where id = :id returning review_seq")
			.param("id", playbook.id())
			.query(Integer.class)
			.single();
		schedule(playbook.id(), seq, from.plus(Duration.ofDays(playbook.reviewEveryDays())));
	}

	/** After a cadence change: the pending review moves to one new cadence after the last review (or now). */
	void reschedule(Playbook playbook) {
		int seq = jdbc.sql("select review_seq from playbook where id = :id").param("id", playbook.id()).query(Integer.class).single();
		Instant from = playbook.lastReviewedAt() != null ? playbook.lastReviewedAt() : clock.instant();
		Instant due = from.plus(Duration.ofDays(playbook.reviewEveryDays()));
		if (due.isBefore(clock.instant())) {
			due = clock.instant();
		}
		schedule(playbook.id(), seq, due);
	}

	private void schedule(long playbookId, int seq, Instant due) {
		timers.schedule(new TimerRequest(KIND, timerKey(playbookId, seq), due, String.valueOf(playbookId)));
		jdbc.sql("update playbook set next_review_at = :due where id = :id").param("due", Timestamp.from(due)).param("id", playbookId).update();
	}

	static String timerKey(long playbookId, int seq) {
		return KIND + ":" + playbookId + ":" + seq;
	}

	@Override
	public void fire(Timer timer) {
		long playbookId = Long.parseLong(timer.payload());
		int seq = Integer.parseInt(timer.key().substring(timer.key().lastIndexOf(':') + 1));
		Optional<Playbook> found = store.findById(playbookId);
		if (found.isEmpty()) {
			return;
		}
		Playbook playbook = found.get();
		boolean open = jdbc.sql("select count(*) from playbook_review where playbook_id = :id and outcome is null")
			.param("id", playbookId)
			.query(Long.class)
			.single() > 0;
		if (!open) {
			long reviewId = jdbc.sql("""
					insert into playbook_review (playbook_id, seq, due_at) values (:id, :seq, :due)
					on conflict (playbook_id, seq) do nothing returning id""")
				.param("id", playbookId)
				.param("seq", seq)
				.param("due", Timestamp.from(timer.dueAt()))
				.query(Long.class)
				.optional()
				.orElse(-1L);
			if (reviewId > 0) {
				Task task = tasks.create(taskFor(playbook, reviewId, timer.dueAt()));
				jdbc.sql("update playbook_review set task_id = :task where id = :id").param("task", task.id()).param("id", reviewId).update();
				audit.recordAs("system", "playbook", playbook.key() + Playbooks.scopeSuffix(playbook.region()), "review due", playbook.region(),
						null, of(reviewId));
			}
		}
		scheduleNext(playbook, timer.dueAt());
	}

	/** Records the open review (or a review by hand when none is open) and completes its task. */
	Review record(Viewer viewer, Playbook playbook, String outcome, String note, String summary) {
		String result = outcome == null ? "" : outcome.strip();
		Checks checks = new Checks();
		checks.require(result.equals("NO_CHANGE") || result.equals("CHANGE_REQUESTED"), "outcome", "must be NO_CHANGE or CHANGE_REQUESTED");
		checks.optionalText(note, "note", 2000);
		if (result.equals("CHANGE_REQUESTED")) {
			checks.text(summary, "summary", 2000);
		}
		checks.throwIfAny();
		Instant now = clock.instant();
		long reviewId = jdbc.sql("select id from playbook_review where playbook_id = :id and outcome is null order by due_at limit 1")
			.param("id", playbook.id())
			.query(Long.class)
			.optional()
			.orElseGet(() -> jdbc.sql("insert into playbook_review (playbook_id, due_at) values (:id, :now) returning id")
				.param("id", playbook.id())
				.param("now", Timestamp.from(now))
				.query(Long.class)
				.single());
		Long request = null;
		if (result.equals("CHANGE_REQUESTED")) {
			request = changeRequests.raise(new ChangeRequestDraft(playbook.key(), playbook.region(), summary, "REVIEW", "review-" + reviewId),
					viewer.username());
		}
		jdbc.sql("""
				update playbook_review set outcome = :outcome, note = :note, change_request_id = :request, reviewed_by = :by, reviewed_at = :now
				where id = :id""")
			.param("outcome", result)
			.param("note", Checks.blankToNull(note))
			.param("request", request)
			.param("by", viewer.username())
			.param("now", Timestamp.from(now))
			.param("id", reviewId)
			.update();
		jdbc.sql("update playbook set last_reviewed_at = :now where id = :id").param("now", Timestamp.from(now)).param("id", playbook.id()).update();
		Review recorded = of(reviewId);
		if (recorded.taskId() != null) {
			tasks.find(recorded.taskId())
				.filter(Task::open)
				.filter(t -> tasks.mayChange(viewer, t))
				.ifPresent(t -> tasks.complete(viewer, t.id(),
						result.equals("NO_CHANGE") ? "Reviewed: no change needed" : "Reviewed: change requested"));
		}
		audit.record("playbook", playbook.key() + Playbooks.scopeSuffix(playbook.region()), "reviewed", playbook.region(), null, recorded);
		return recorded;
	}

	List<Review> of(Playbook playbook) {
		return jdbc.sql(REVIEW + " where r.playbook_id = :id order by r.due_at desc, r.id desc limit 50")
			.param("id", playbook.id())
			.query(Reviews::review)
			.list();
	}

	Review of(long reviewId) {
		return jdbc.sql(REVIEW + " where r.id = :id").param("id", reviewId).query(Reviews::review).single();
	}

	private static final String REVIEW = "select r.*, p.playbook_key, p.region_code from playbook_review r join playbook p on p.id = r.playbook_id";

	private static Review review(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Review(rs.getLong("id"), rs.getString("playbook_key"), rs.getString("region_code"), PlaybookStore.instant(rs, "due_at"),
				rs.getObject("task_id") == null ? null : rs.getLong("task_id"), rs.getString("outcome"), rs.getString("note"),
				rs.getObject("change_request_id") == null ? null : rs.getLong("change_request_id"), rs.getString("reviewed_by"),
				PlaybookStore.instant(rs, "reviewed_at"));
	}

	private TaskDraft taskFor(Playbook playbook, long reviewId, Instant due) {
		return routing.task(playbook, null,
				"Review playbook \"" + playbook.title() + "\"" + (playbook.region() == null ? "" : " (" + playbook.region() + ")"),
				new TaskSource(TASK_SOURCE, String.valueOf(reviewId), Playbooks.link(playbook.key(), playbook.region()) + "#review"),
				due.plus(Duration.ofDays(1)));
	}
}
