package com.greenroom.tasks;

import java.util.List;

import com.greenroom.creators.CreatorManagerChanged;
import com.greenroom.identity.Role;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Work reaches its owner: a creator's manager owns the creator's open manager-role work. When the
 * manager is set, changed or removed (one creator or in bulk), the creator's open CREATOR_MANAGER tasks
 * that are unclaimed or held by the previous manager move to the new one, or go back up for grabs in the
 * region when the manager is removed. Synchronous, in the assignment's transaction: both commit or
 * neither. Tasks someone else took on stay with them.
 */
@Component
class TaskRouting {

	private final JdbcClient jdbc;

	private final TaskStore store;

	TaskRouting(JdbcClient jdbc, TaskStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	@EventListener
	void on(CreatorManagerChanged changed) {
		if (java.util.Objects.equals(changed.previousManagerId(), changed.managerId())) {
			return;
		}
		List<Long> ids = jdbc.sql("""
				select id from task
				where creator_id = :creator and status = 'OPEN' and owner_role = :role
				  and (owner_user_id is null or owner_user_id = :previous)
				order by id for update""")
			.param("creator", changed.creatorId())
			.param("role", Role.CREATOR_MANAGER.name())
			.param("previous", changed.previousManagerId())
			.query(Long.class)
			.list();
		for (long id : ids) {
			Task before = store.find(id).orElseThrow();
			if (changed.managerId() != null) {
				if (!before.open() || java.util.Objects.equals(before.ownerId(), changed.managerId())) {
					continue;
				}
				store.save(before, before.assignTo(changed.managerId()), "routed");
			}
			else if (before.ownerId() != null) {
				store.save(before, before.returnTo(Role.CREATOR_MANAGER), "routed");
			}
		}
	}
}
