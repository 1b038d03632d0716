package com.greenroom.tickets;

import java.time.Duration;
import java.time.Instant;

import com.greenroom.calendar.BusinessCalendar;

/** The time an SLA counts in: a business calendar's working hours, or all of it. */
interface WorkingTime {

	Instant add(Instant start, Duration amount);

	Duration between(Instant from, Instant to);

	static WorkingTime always() {
		return new WorkingTime() {

			@Override
			public Instant add(Instant start, Duration amount) {
				return start.plus(amount);
			}

			@Override
			public Duration between(Instant from, Instant to) {
				return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
			}
		};
	}

	static WorkingTime of(BusinessCalendar calendar) {
		return new WorkingTime() {

			@Override
			public Instant add(Instant start, Duration amount) {
				return calendar.addWorkingTime(start, amount);
			}

			@Override
			public Duration between(Instant from, Instant to) {
				return calendar.workingTimeBetween(from, to);
			}
		};
	}
}
