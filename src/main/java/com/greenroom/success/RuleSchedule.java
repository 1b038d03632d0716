package com.greenroom.success;

import java.time.Instant;

import com.greenroom.calendar.BusinessCalendar;

/**
 * The instants of a rule, in the creator's region's calendar: a STALL rule's deadline after registration,
 * and the due time of the task a firing creates. Offsets keep the local time of day across DST changes.
 */
final class RuleSchedule {

	private RuleSchedule() {
	}

	/** When a STALL rule fires for a creator registered at {@code registeredAt}. */
	static Instant stallDeadline(SupportRule rule, Instant registeredAt, BusinessCalendar calendar) {
		return add(calendar, registeredAt, rule.stallAfter(), rule.stallUnit());
	}

	/** The task's due: counted from when the rule should have fired, or from now when Greenroom learns of it later. */
	static Instant dueAt(SupportRule rule, Instant shouldFireAt, Instant now, BusinessCalendar calendar) {
		Instant base = shouldFireAt.isAfter(now) ? shouldFireAt : now;
		return add(calendar, base, rule.dueOffset(), rule.dueUnit());
	}

	private static Instant add(BusinessCalendar calendar, Instant start, int n, OffsetUnit unit) {
		return unit == OffsetUnit.BUSINESS_DAYS ? calendar.addBusinessDays(start, n) : calendar.addDays(start, n);
	}
}
