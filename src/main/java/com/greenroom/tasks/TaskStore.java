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

	Task insert(TaskDraft draft, String createdBy) {
		Map<String, Object> params = new HashMap<>();
		params.put("title", draft.title().strip());
		params.put("sourceType", draft.source().type());
		params.put("sourceId", draft.source().id());
		params.put("sourceUrl", com.greenroom.system.Checks.blankToNull(draft.source().url()));
		params.put("creatorId", draft.creatorId());
		params.put("region", draft.regionCode());
		params.put("owner", draft.ownerId());
		params.put("role", draft.ownerRole() == null ? null : draft.ownerRole().name());
		params.put("due", TaskRows.ts(draft.dueAt()));
		params.put("by", createdBy);
		params.put("now", TaskRows.ts(clock.instant()));
		// the creator's handle read "for share": a handle change in flight (its row locked until it commits) is waited for and
		// its new handle taken, and a change that starts after this read waits for this insert to commit, then its listener
		// (TaskHandles) rewrites this task too
		long id = jdbc.sql("""
				insert into task (title, source_type, source_id, source_url, creator_id, creator_handle, region_code, owner_user_id,
				                  owner_role, due_at, created_by, created_at, updated_at)
				values (:title, :sourceType, :sourceId, :sourceUrl, :creatorId,
				        (select c.handle from creator c where c.creator_id = :creatorId for share), :region, :owner, :role, :due, :by,
				        :now, :now) returning id""")
			.params(params)
			.query(Long.class)
			.single();
		Task created = find(id).orElseThrow();
		audit.record("task", id, "created", created.regionCode(), null, created);
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
