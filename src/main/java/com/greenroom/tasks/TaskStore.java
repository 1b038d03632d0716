package com.greenroom.tasks;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Loads and saves tasks; every save is audited with the task before and after, in the caller's transaction. */
@Repository
class TaskStore {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	TaskStore(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	Optional<Task> find(long id) {
		return jdbc.sql(TaskRows.SELECT + " where t.id = :id").param("id", id).query(TaskRows.mapper(clock.instant())).optional();
	}

	List<Task> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(TaskRows.SELECT + " where t.id = any(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query(TaskRows.mapper(clock.instant()))
			.list();
	}

	/** The task, locked for the rest of the transaction. */
	Optional<Task> lock(long id) {
		if (jdbc.sql("select id from task where id = :id for update").param("id", id).query(Long.class).optional().isEmpty()) {
			return Optional.empty();
		}
		return find(id);
	}

	/**
	 * Inserts the drafts in one statement and audits each task's creation in one more; answers the tasks as stored, in
	 * the drafts' order (the ids are taken from the sequence in that order, and the rows answered in id order).
	 */
	List<Task> insertAll(List<TaskDraft> drafts, String createdBy) {
		if (drafts.isEmpty()) {
			return List.of();
		}
		// the creator's handle read "for share": a handle change in flight (its row locked until it commits) is waited for and
		// its new handle taken, and a change that starts after this read waits for this insert to commit, then its listener
		// (TaskHandles) rewrites this task too. The new rows are answered from the insert itself, joined to their owners'
		// names: a read of the task table by id = any(…), planned while the table was new (a burst's first registrations),
		// scanned it whole (0.69 ms a call, docs/benchmarks.md stop 43)
		List<Task> created = jdbc.sql("""
				with inserted as (
				insert into task (title, source_type, source_id, source_url, creator_id, creator_handle, region_code, owner_user_id,
				                  owner_role, due_at, created_by, created_at, updated_at)
				select d.title, d.source_type, d.source_id, d.source_url, d.creator_id,
				       (select c.handle from creator c where c.creator_id = d.creator_id for share), d.region_code, d.owner_user_id,
				       d.owner_role, d.due_at, :by, :now, :now
				from unnest(cast(:titles as text[]), cast(:sourceTypes as text[]), cast(:sourceIds as text[]), cast(:sourceUrls as text[]),
				            cast(:creatorIds as text[]), cast(:regions as text[]), cast(:owners as bigint[]), cast(:roles as text[]),
				            cast(:dues as timestamptz[])) with ordinality
				     as d (title, source_type, source_id, source_url, creator_id, region_code, owner_user_id, owner_role, due_at, n)
				order by d.n
				returning *)
				""" + TaskRows.page("inserted t", "", "t.id", ""))
			.param("titles", drafts.stream().map(d -> d.title().strip()).toArray(String[]::new))
			.param("sourceTypes", drafts.stream().map(d -> d.source().type()).toArray(String[]::new))
			.param("sourceIds", drafts.stream().map(d -> d.source().id()).toArray(String[]::new))
			.param("sourceUrls", drafts.stream().map(d -> com.greenroom.system.Checks.blankToNull(d.source().url())).toArray(String[]::new))
			.param("creatorIds", drafts.stream().map(TaskDraft::creatorId).toArray(String[]::new))
			.param("regions", drafts.stream().map(TaskDraft::regionCode).toArray(String[]::new))
			.param("owners", drafts.stream().map(TaskDraft::ownerId).toArray(Long[]::new))
			.param("roles", drafts.stream().map(d -> d.ownerRole() == null ? null : d.ownerRole().name()).toArray(String[]::new))
			.param("dues", drafts.stream().map(d -> d.dueAt().toString()).toArray(String[]::new))
			.param("by", createdBy)
			.param("now", TaskRows.ts(clock.instant()))
			.query(TaskRows.mapper(clock.instant()))
			.list();
		audit.recordAll(created.stream().map(task -> new AuditLog.Change("task", task.id(), "created", task.regionCode(), null, task)).toList());
		return created;
	}

	/** Writes what a transition may change and audits it as {@code action}; answers the task as now stored. */
	Task save(Task before, Task after, String action) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", after.id());
		params.put("owner", after.ownerId());
		params.put("role", after.ownerRole() == null ? null : after.ownerRole().name());
		params.put("due", TaskRows.ts(after.dueAt()));
		params.put("status", after.status().name());
		params.put("skipReason", after.skipReason());
		params.put("note", after.completionNote());
		params.put("completedBy", after.completedById());
		params.put("completedAt", TaskRows.ts(after.completedAt()));
		params.put("rescheduleReason", after.rescheduleReason());
		params.put("now", TaskRows.ts(clock.instant()));
		jdbc.sql("""
				update task set owner_user_id = :owner, owner_role = :role, due_at = :due, status = :status, skip_reason = :skipReason,
				       completion_note = :note, completed_by = :completedBy, completed_at = :completedAt,
				       reschedule_reason = :rescheduleReason, updated_at = :now
				where id = :id""").params(params).update();
		Task saved = find(after.id()).orElseThrow();
		audit.record("task", after.id(), action, before.regionCode(), before, saved);
		return saved;
	}
}
