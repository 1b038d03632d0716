package com.greenroom.system;

import java.time.Clock;

/**
 * The wall clock, the only place Greenroom reads it. The application gets it as the {@link Clock} bean; code
 * that runs without Spring (the {@code simulate} command) takes it from here.
 */
public final class WallClock {

	private WallClock() {
	}

	public static Clock utc() {
		return Clock.systemUTC();
	}
}
