package com.greenroom.tasks;

/** Where a task stands: open until done, or skipped with a reason. */
public enum TaskStatus {
	OPEN, DONE, SKIPPED
}
