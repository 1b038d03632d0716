package com.greenroom.routines;

import java.time.LocalDate;
import java.util.List;

/**
 * How each owner of a region kept the rhythm in one ISO week (weeks run Monday to Sunday in the region's
 * local time): routine tasks done on time (by their occurrence's due time, whatever a snooze did), done
 * late, missed (past due and not done), skipped with a reason, and still open but not yet due.
 * {@code streak} counts the weeks in a row, up to and including this one, in which the owner had routine
 * tasks due and did every one of them on time (a week with nothing of theirs due neither counts nor breaks it).
 */
public record Accountability(String week, LocalDate weekStart, List<Row> rows) {

	/** One owner in one region: a person ({@code ownerUserId}) or a role's unclaimed pool ({@code ownerRole}). */
	public record Row(String region, Long ownerUserId, String ownerRole, String owner, int doneOnTime, int doneLate, int missed,
			int skipped, int open, int streak) {

		public int due() {
			return doneOnTime + doneLate + missed + skipped;
		}
	}
}
