package com.greenroom.timers;

/**
 * Fires the timers of one kind. Called inside the transaction that claimed the timer: whatever the handler
 * writes to the database commits together with the timer's FIRED mark, or not at all (an exception rolls
 * the handler's writes back and schedules a retry). Handlers that reach outside the database go through the
 * notification outbox rather than calling out directly.
 */
public interface TimerHandler {

	/** The kind of timer this handler fires, e.g. {@code ticket-sla}. */
	String kind();

	void fire(Timer timer);
}
