package com.greenroom.incidents;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the API and console show it; {@code timeline} and {@code lessons} are filled on the single
 * incident and left out (null) in lists.
 */
public record Incident(long id, String title, Severity severity, IncidentStatus status, List<String> regions, Long ownerId,
		String ownerName, String outcome, List<Long> ticketIds, String declaredBy, Instant declaredAt, Instant mitigatedAt,
		Instant resolvedAt, Instant updatedAt, List<Entry> timeline, List<Lesson> lessons) {

	/** One line of the timeline: a note someone wrote, or a change Greenroom recorded (status, owner, severity...). */
	public record Entry(long id, String author, Instant at, String kind, String text) {
	}

	/** A lesson: what to change, in which playbook, and the tasks it became (one per region). */
	public record Lesson(long id, String text, String playbookKey, List<String> regions, String author, Instant at,
			List<LessonTask> tasks) {
	}

	/**
	 * What a lesson became in one region: the lead's task, its owner at creation (null: up for grabs among the
	 * region's leads), and the change request on the playbook.
	 */
	public record LessonTask(String region, long taskId, Long ownerId, Long changeRequestId) {
	}

	Incident withDetails(List<Entry> timeline, List<Lesson> lessons) {
		return new Incident(id, title, severity, status, regions, ownerId, ownerName, outcome, ticketIds, declaredBy, declaredAt, mitigatedAt,
				resolvedAt, updatedAt, timeline, lessons);
	}
}
