package com.greenroom.timers;

/** Where a timer stands: waiting (or waiting to retry), fired once, failed for good, or cancelled. */
public enum TimerStatus {
	PENDING, FIRED, FAILED, CANCELLED
}
