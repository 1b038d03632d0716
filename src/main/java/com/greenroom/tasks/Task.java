package com.greenroom.tasks;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.greenroom.identity.Role;
import com.greenroom.system.ConflictException;

/**
 * A piece of owned work. {@code source} says what created it; {@code ownerId} is null while the task
 * waits for someone with {@code ownerRole} in its region to claim it. {@code overdue} is computed when
 * read. Its methods are its life: each returns the task after a legal transition and refuses an illegal
 * one (a conflict naming the field), so the service only loads, checks rights, calls and saves.
 */
public record Task(long id, String title, @JsonIgnore TaskSource source, String creatorId, String creatorHandle, String regionCode, Long ownerId,
		String ownerName, Role ownerRole, Instant dueAt, TaskStatus status, String skipReason, String completionNote, Long completedById,
		String completedByName, Instant completedAt, String rescheduleReason, boolean overdue, String createdBy, Instant createdAt,
		Instant updatedAt) {

	public boolean open() {
		return status == TaskStatus.OPEN;
	}

	public boolean unclaimed() {
		return ownerId == null;
	}

	@JsonProperty("kind")
	public TaskKind kind() {
		return source.kind();
	}

	// The API keeps the source flat (sourceType, sourceId, sourceUrl), as clients already read it.
	@JsonProperty("sourceType")
	String sourceType() {
		return source.type();
	}

	@JsonProperty("sourceId")
	String sourceId() {
		return source.id();
	}

	@JsonProperty("sourceUrl")
	String sourceUrl() {
		return source.url();
	}

	/** The user takes an unclaimed open task; taking one's own task again changes nothing. */
	public Task claimBy(long userId) {
		requireOpen("claimed");
		if (ownerId != null && ownerId != userId) {
			throw new ConflictException("owner", "Task " + id + " is already claimed by " + (ownerName == null ? "user " + ownerId : ownerName));
		}
		return withOwner(userId, ownerRole);
	}

	/** Done, with an optional note; whoever completes an unclaimed task becomes its owner. */
	public Task completeBy(long userId, String note, Instant at) {
		requireOpen("completed");
		return new Task(id, title, source, creatorId, creatorHandle, regionCode, ownerId == null ? userId : ownerId, ownerName, ownerRole,
				dueAt, TaskStatus.DONE, null, note, userId, null, at, rescheduleReason, false, createdBy, createdAt, updatedAt);
	}

	/** Skipped, always with a reason. */
	public Task skipBy(long userId, String reason, Instant at) {
		requireOpen("skipped");
		if (reason == null || reason.isBlank()) {
			throw new ConflictException("reason", "Task " + id + " cannot be skipped without a reason");
		}
		return new Task(id, title, source, creatorId, creatorHandle, regionCode, ownerId == null ? userId : ownerId, ownerName, ownerRole,
				dueAt, TaskStatus.SKIPPED, reason, null, userId, null, at, rescheduleReason, false, createdBy, createdAt, updatedAt);
	}

	/** Handed to a person. */
	public Task assignTo(long userId) {
		requireOpen("reassigned");
		return withOwner(userId, ownerRole);
	}

	/** Put back up for grabs for a role in the task's region. */
	public Task returnTo(Role role) {
		requireOpen("reassigned");
		return withOwner(null, Objects.requireNonNull(role));
	}

	/** Snoozed or brought forward: a new due time, always with a reason. */
	public Task reschedule(Instant newDue, String reason) {
		requireOpen("rescheduled");
		if (reason == null || reason.isBlank()) {
			throw new ConflictException("reason", "Task " + id + " cannot be rescheduled without a reason");
		}
		return new Task(id, title, source, creatorId, creatorHandle, regionCode, ownerId, ownerName, ownerRole, newDue, status, skipReason,
				completionNote, completedById, completedByName, completedAt, reason, overdue, createdBy, createdAt, updatedAt);
	}

	/** A done or skipped task is open again, with its owner and due time; its resolution is forgotten (the audit keeps it). */
	public Task reopen() {
		if (open()) {
			throw new ConflictException("status", "Task " + id + " is OPEN and cannot be reopened");
		}
		return new Task(id, title, source, creatorId, creatorHandle, regionCode, ownerId, ownerName, ownerRole, dueAt, TaskStatus.OPEN, null,
				null, null, null, null, rescheduleReason, overdue, createdBy, createdAt, updatedAt);
	}

	private Task withOwner(Long owner, Role role) {
		return new Task(id, title, source, creatorId, creatorHandle, regionCode, owner, Objects.equals(owner, ownerId) ? ownerName : null,
				role, dueAt, status, skipReason, completionNote, completedById, completedByName, completedAt, rescheduleReason, overdue,
				createdBy, createdAt, updatedAt);
	}

	private void requireOpen(String verb) {
		if (!open()) {
			throw new ConflictException("status", "Task " + id + " is " + status + " and cannot be " + verb);
		}
	}
}
