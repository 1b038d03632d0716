package com.greenroom.tasks;

import java.util.Objects;

import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what to a task: its owner; while it is unclaimed, anyone holding its owner role in its
 * region; a regional lead of its region; an admin. Seeing the task at all (its region) is checked first,
 * in SQL, by whoever loads it.
 */
final class TaskRights {

	private TaskRights() {
	}

	static boolean leadsOrAdmin(Viewer viewer, String regionCode) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) && viewer.regions().contains(regionCode);
	}

	/** Whether the viewer may take the unclaimed task. */
	static boolean mayClaim(Viewer viewer, Task task) {
		return task.unclaimed() && (holdsRole(viewer, task) || leadsOrAdmin(viewer, task.regionCode()));
	}

	/** Whether the viewer may complete, skip, reassign, reschedule or reopen the task. */
	static boolean mayChange(Viewer viewer, Task task) {
		return leadsOrAdmin(viewer, task.regionCode()) || Objects.equals(task.ownerId(), viewer.userId())
				|| task.unclaimed() && holdsRole(viewer, task);
	}

	static void requireClaim(Viewer viewer, Task task) {
		// a claimed task refuses a second claim itself, with a conflict naming its owner
		if (task.unclaimed() && !mayClaim(viewer, task)) {
			throw new AccessDeniedException("Only someone with the role " + task.ownerRole() + " in " + task.regionCode() + " may claim it");
		}
	}

	static void requireChange(Viewer viewer, Task task) {
		if (!mayChange(viewer, task)) {
			throw new AccessDeniedException("Only the task's owner, a regional lead of " + task.regionCode() + " or an admin may change it");
		}
	}

	private static boolean holdsRole(Viewer viewer, Task task) {
		return task.ownerRole() != null && viewer.has(task.ownerRole()) && viewer.canSee(task.regionCode());
	}
}
