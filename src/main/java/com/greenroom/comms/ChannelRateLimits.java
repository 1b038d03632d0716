package com.greenroom.comms;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many messages per minute each channel may hand to the outbox (Bucket4j, greedy refill, on the injected
 * clock). Sends take what is available and leave the rest pending for a later batch, so a large segment is
 * spread out instead of refused. The buckets are per node: N nodes together allow up to N times the rate.
 */
@Component
class ChannelRateLimits {

	private final Map<Channel, Bucket> buckets = new EnumMap<>(Channel.class);

	private final Map<Channel, Integer> perMinute = new EnumMap<>(Channel.class);

	ChannelRateLimits(Clock clock, @Value("${greenroom.comms.rate.email-per-minute:600}") int email,
			@Value("${greenroom.comms.rate.in-app-per-minute:1200}") int inApp) {
		TimeMeter time = new ClockTime(clock);
		perMinute.put(Channel.EMAIL, email);
		perMinute.put(Channel.IN_APP, inApp);
		perMinute.forEach((channel, rate) -> buckets.put(channel,
				Bucket.builder().addLimit(l -> l.capacity(rate).refillGreedy(rate, Duration.ofMinutes(1))).withCustomTimePrecision(time).build()));
	}

	/** Takes up to {@code wanted} messages' worth of the channel's allowance; returns how many it got. */
	int take(Channel channel, int wanted) {
		return wanted <= 0 ? 0 : (int) buckets.get(channel).tryConsumeAsMuchAsPossible(wanted);
	}

	/** How long until the channel has room for one more message. */
	Duration untilNext(Channel channel) {
		return Duration.ofMillis(Math.max(1, 60_000L / perMinute.get(channel)));
	}

	int perMinute(Channel channel) {
		return perMinute.get(channel);
	}

	/** Bucket4j's time from the injected clock; a clock set back pauses it instead of reversing it. */
	private static final class ClockTime implements TimeMeter {

		private final Clock clock;

		private long last = Long.MIN_VALUE;

		ClockTime(Clock clock) {
			this.clock = clock;
		}

		@Override
		public synchronized long currentTimeNanos() {
			last = Math.max(last, clock.millis() * 1_000_000L);
			return last;
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}
	}
}
