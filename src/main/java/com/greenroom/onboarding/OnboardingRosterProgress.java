package com.greenroom.onboarding;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.creators.OnboardingRoster;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskStatus;
import com.greenroom.tasks.Tasks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A roster page's onboarding column: two queries for the whole page, whatever its length. */
@Component
class OnboardingRosterProgress implements OnboardingRoster {

	private final JdbcClient jdbc;

	private final Tasks tasks;

	OnboardingRosterProgress(JdbcClient jdbc, Tasks tasks) {
		this.jdbc = jdbc;
		this.tasks = tasks;
	}

	@Override
	public Map<String, Progress> progressOf(Collection<String> creatorIds) {
		if (creatorIds.isEmpty()) {
			return Map.of();
		}
		record Included(String creatorId, boolean required, long taskId) {
		}
		List<Included> steps = jdbc.sql("""
				select c.creator_id, s.required, cs.task_id
				from onboarding_checklist c
				join onboarding_checklist_step cs on cs.checklist_id = c.id
				join onboarding_step s on s.id = cs.step_id
				where c.creator_id = any(:ids)""")
			.param("ids", creatorIds.toArray(String[]::new))
			.query((rs, n) -> new Included(rs.getString("creator_id"), rs.getBoolean("required"), rs.getLong("task_id")))
			.list();
		Map<Long, Task> byId = tasks.findAll(steps.stream().map(Included::taskId).toList());
		Map<String, int[]> counts = new HashMap<>();
		for (Included step : steps) {
			Task task = byId.get(step.taskId());
			int[] c = counts.computeIfAbsent(step.creatorId(), k -> new int[3]);
			if (task == null) {
				continue;
			}
			if (step.required()) {
				c[1]++;
				c[0] += task.status() != TaskStatus.OPEN ? 1 : 0;
			}
			c[2] += task.overdue() ? 1 : 0;
		}
		Map<String, Progress> progress = new HashMap<>();
		counts.forEach((creator, c) -> progress.put(creator, new Progress(c[0], c[1], c[2])));
		return progress;
	}
}
