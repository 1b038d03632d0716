/**
 * The operating rhythm: recurring routines (an RFC 5545 RRULE in each region's local time) that become owned
 * tasks, exactly one per occurrence across nodes and restarts, each linking to the live view it needs; and
 * the accountability of each region's owners per ISO week. Public API: {@link com.greenroom.routines.Routines},
 * {@link com.greenroom.routines.Routine}, {@link com.greenroom.routines.RoutineView},
 * {@link com.greenroom.routines.Accountability}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Routines",
		allowedDependencies = { "audit", "calendar", "identity", "system", "tasks", "timers" })
package com.greenroom.routines;
