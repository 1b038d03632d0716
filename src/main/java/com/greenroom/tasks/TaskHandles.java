package com.greenroom.tasks;

import java.util.ArrayList;
import java.util.List;

import com.greenroom.creators.CreatorHandleChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the creator's handle on each task row (V304: the task search matches it with one trigram scan of task, nothing per
 * matching creator). Synchronous, in the transaction that sets or changes the handles, after their write: both commit or
 * neither. With the insert's read of the handle {@code for share} ({@link TaskStore#insert}), a task inserted while a handle
 * changes ends with the new handle: either the insert waits for the change to commit and reads the new handle, or the
 * change waits for the insert to commit and this update, a later statement, sees the new task. Not audited as a change of
 * the task: the handle is the creator's, and its change is audited there.
 */
@Component
class TaskHandles {

	private final JdbcClient jdbc;

	TaskHandles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(CreatorHandleChanged changed) {
		List<String> ids = new ArrayList<>(changed.handles().keySet());
		String[] handles = ids.stream().map(changed.handles()::get).toArray(String[]::new);
		jdbc.sql("""
				update task t set creator_handle = x.handle
				from unnest(cast(:ids as text[]), cast(:handles as text[])) as x(creator_id, handle)
				where t.creator_id = x.creator_id and t.creator_handle is distinct from x.handle""")
			.param("ids", ids.toArray(String[]::new))
			.param("handles", handles)
			.update();
	}
}
