package com.greenroom.timers;

import org.springframework.stereotype.Component;

/**
 * A timer kind that does nothing when it fires ({@code noop}): lets an operator or the timer benchmark check
 * the runner end to end without side effects.
 */
@Component
class NoopTimerHandler implements TimerHandler {

	static final String KIND = "noop";

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void fire(Timer timer) {
		// nothing: the FIRED mark is the whole effect
	}
}
