package com.greenroom.coaching;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A coaching session with a creator. {@code followUpOn} is a date in the creator's time zone; its task
 * ({@code followUpTaskId}) belongs to the coach and is due at {@link CoachingSessions#FOLLOW_UP_TIME} that day.
 */
public record CoachingSession(long id, String creatorId, String regionCode, Instant occurredAt, long coachId, String coachName,
		List<Topic> topics, String notes, String nextStep, LocalDate followUpOn, FollowUp followUp, String loggedBy, Instant loggedAt) {

	/** A topic as it reads today (renames show on old sessions). */
	public record Topic(String code, String name) {
	}

	/** The follow-up task as it stands now. */
	public record FollowUp(long taskId, Instant dueAt, String status, String ownerName) {
	}
}
