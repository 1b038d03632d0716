package com.greenroom.onboarding;

import java.time.Instant;
import java.util.List;

/** A creator's onboarding: the template version it started with, its step tasks and progress. */
public record Checklist(long id, String creatorId, String region, long templateId, String templateName, String templateRegion,
		int templateVersion, Instant startedAt, String startedBy, Progress progress, List<ChecklistStep> steps) {

	/**
	 * Required steps resolved (done, or skipped with a reason) out of required steps; {@code overdue}
	 * counts open steps past due.
	 */
	public record Progress(int required, int requiredResolved, int done, int skipped, int total, int overdue, boolean complete) {

		public int percent() {
			return required == 0 ? 100 : requiredResolved * 100 / required;
		}
	}

	/** One included step and the state of its task. */
	public record ChecklistStep(String key, String title, String guidanceHtml, String ownerRole, boolean required, Instant dueAt,
			long taskId, String taskStatus, Long ownerId, String ownerName, boolean overdue, Instant completedAt, String completionNote,
			String skipReason) {
	}
}
