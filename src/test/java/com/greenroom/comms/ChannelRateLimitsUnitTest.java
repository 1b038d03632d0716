package com.greenroom.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.greenroom.support.TestClock;

class ChannelRateLimitsUnitTest {

	@Test
	void aChannelHandsOverNoMoreThanItsRatePerMinuteAndTheRestWaitsForTheRefill() {
		TestClock clock = new TestClock();
		ChannelRateLimits limits = new ChannelRateLimits(clock, 2, 60);

		assertThat(limits.take(Channel.EMAIL, 5)).isEqualTo(2);
		assertThat(limits.take(Channel.EMAIL, 3)).isZero();
		assertThat(limits.take(Channel.IN_APP, 5)).as("each channel has its own allowance").isEqualTo(5);
		clock.advance(Duration.ofSeconds(30));
		assertThat(limits.take(Channel.EMAIL, 3)).isEqualTo(1);
		assertThat(limits.untilNext(Channel.EMAIL)).isEqualTo(Duration.ofSeconds(30));
	}
}
