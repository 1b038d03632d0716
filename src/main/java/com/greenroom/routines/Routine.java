package com.greenroom.routines;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.greenroom.identity.Role;

/**
 * A recurring routine: {@code rrule} (RFC 5545, with {@code exdates} as exceptions) from {@code startsOn},
 * due at {@code dueTime} ("HH:mm") local in its region, or in every region ({@code region} null) each in its
 * own time zone. Each occurrence becomes a task for {@code ownerUserId} (else the {@code ownerRole}'s pool of
 * the region) that links to {@code view} filtered to the region; tasks exist {@code horizonDays} ahead.
 */
public record Routine(long id, String title, String guidance, String region, Role ownerRole, Long ownerUserId, String ownerName,
		String rrule, List<LocalDate> exdates, String dueTime, LocalDate startsOn, Integer horizonDays, RoutineView view,
		List<String> checklist, NonWorkingDay onNonWorkingDay, boolean paused, int revision, Instant generatedUntil, String createdBy,
		Instant createdAt, Instant updatedAt) {

	/** Every region: {@code region} is null. */
	public boolean everyRegion() {
		return region == null;
	}
}
