package com.greenroom.routines;

/**
 * What an occurrence that falls on a non-working day of the region's business calendar does: stays
 * ({@code KEEP}), moves to the next working day at the same local time ({@code NEXT_WORKING_DAY}: how
 * "the first working day of the month" is said, with {@code BYMONTHDAY=1}), or is left out ({@code SKIP}).
 */
public enum NonWorkingDay {
	KEEP, NEXT_WORKING_DAY, SKIP
}
