package com.greenroom.routines;

import java.time.LocalDate;
import java.util.List;

/**
 * A routine to create, or the changes to one (PATCH: null leaves a field as it is). {@code region} "*" or
 * null on create means every region; {@code dueTime} is "HH:mm" local; {@code view} one of
 * {@link RoutineView}; {@code horizonDays} (1 to 366) is required when the rrule has no COUNT or UNTIL.
 */
public record RoutineDraft(String title, String guidance, String region, String ownerRole, Long ownerUserId, String rrule,
		List<LocalDate> exdates, String dueTime, LocalDate startsOn, Integer horizonDays, String view, List<String> checklist,
		String onNonWorkingDay) {
}
