package com.greenroom.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The sections of "Today" at one instant in one time zone: overdue (due before now), due today (from now
 * to the end of the viewer's calendar day), coming up (the 7 days after today) and later.
 */
public record DueWindow(Instant now, ZoneId zone) {

	public static final int UPCOMING_DAYS = 7;

	public enum Section {
		OVERDUE, TODAY, UPCOMING, LATER
	}

	public Instant startOfTomorrow() {
		return today().plusDays(1).atStartOfDay(zone).toInstant();
	}

	/** The end of the "coming up" section: the start of the 8th day after today. */
	public Instant endOfUpcoming() {
		return today().plusDays(1 + UPCOMING_DAYS).atStartOfDay(zone).toInstant();
	}

	public LocalDate today() {
		return now.atZone(zone).toLocalDate();
	}

	public Section sectionOf(Instant due) {
		if (due.isBefore(now)) {
			return Section.OVERDUE;
		}
		if (due.isBefore(startOfTomorrow())) {
			return Section.TODAY;
		}
		return due.isBefore(endOfUpcoming()) ? Section.UPCOMING : Section.LATER;
	}

	/** {@code [from, to)} of a section for queries; null bounds are open. */
	public Instant[] bounds(Section section) {
		return switch (section) {
			case OVERDUE -> new Instant[] { null, now };
			case TODAY -> new Instant[] { now, startOfTomorrow() };
			case UPCOMING -> new Instant[] { startOfTomorrow(), endOfUpcoming() };
			case LATER -> new Instant[] { endOfUpcoming(), null };
		};
	}
}
