package com.greenroom.onboarding;

import java.time.Instant;
import java.util.Optional;

import com.greenroom.comms.Sends;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorStatus;
import com.greenroom.creators.Creators;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskStatus;
import com.greenroom.tasks.Tasks;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerHandler;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The message a step sends the creator when it opens (see {@link StepRules#opensAt}): at once when the step
 * opens as the checklist starts, else on a durable timer at the instant it opens. The send's idempotency
 * key is the checklist's and step's, so a repeated start, a timer fired again or a retry messages once; comms
 * honours the creator's opt-out. A step whose due had already passed when the checklist started (a
 * backfill), or that was skipped before it opened, or a creator offboarded by then, sends nothing.
 */
@Component
class StepMessages implements TimerHandler {

	static final String KIND = "onboarding-step-message";

	private final JdbcClient jdbc;

	private final Sends sends;

	private final Creators creators;

	private final Tasks tasks;

	/** Lazily, as every module that both schedules and handles timers does: the timers are built from their handlers. */
	private final ObjectProvider<Timers> timers;

	StepMessages(JdbcClient jdbc, Sends sends, Creators creators, Tasks tasks, ObjectProvider<Timers> timers) {
		this.jdbc = jdbc;
		this.sends = sends;
		this.creators = creators;
		this.tasks = tasks;
		this.timers = timers;
	}

	static String idempotencyKey(long checklistId, String stepKey) {
		return "onboarding:" + checklistId + ":" + stepKey;
	}

	static String timerKey(long checklistId, String stepKey) {
		return KIND + ":" + checklistId + ":" + stepKey;
	}

	/** As a checklist starts (in its transaction): sends now, or arms the timer for when the step opens. */
	void plan(long checklistId, Creator creator, Step step, Instant opensAt, Instant due, Instant now) {
		if (step.templateKey() == null || due.isBefore(now)) {
			return;
		}
		if (opensAt.isAfter(now)) {
			timers.getObject().schedule(new TimerRequest(KIND, timerKey(checklistId, step.key()), opensAt, checklistId + "\n" + step.key()));
		}
		else {
			send(checklistId, creator.creatorId(), step.key(), step.templateKey());
		}
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void fire(Timer timer) {
		String[] parts = timer.payload().split("\n", 2);
		long checklistId = Long.parseLong(parts[0]);
		record Open(String creatorId, String templateKey, long taskId) {
		}
		Optional<Open> open = jdbc.sql("""
				select c.creator_id, s.template_key, cs.task_id from onboarding_checklist c
				join onboarding_checklist_step cs on cs.checklist_id = c.id
				join onboarding_step s on s.id = cs.step_id
				where c.id = :checklist and s.step_key = :step""")
			.param("checklist", checklistId)
			.param("step", parts[1])
			.query((rs, n) -> new Open(rs.getString("creator_id"), rs.getString("template_key"), rs.getLong("task_id")))
			.optional();
		if (open.isEmpty() || open.get().templateKey() == null
				|| creators.find(open.get().creatorId()).map(Creator::status).orElse(CreatorStatus.OFFBOARDED) == CreatorStatus.OFFBOARDED) {
			return;
		}
		Task task = tasks.findAll(java.util.List.of(open.get().taskId())).get(open.get().taskId());
		if (task != null && task.status() == TaskStatus.SKIPPED) {
			return;
		}
		send(checklistId, open.get().creatorId(), parts[1], open.get().templateKey());
	}

	private void send(long checklistId, String creatorId, String stepKey, String templateKey) {
		sends.sendOnBehalf(templateKey, creatorId, idempotencyKey(checklistId, stepKey), Checklists.SOURCE_TYPE, checklistId + ":" + stepKey);
	}
}
