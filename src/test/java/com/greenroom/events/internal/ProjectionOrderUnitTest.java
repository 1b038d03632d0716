package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Background workers take the due shard taken longest ago first ({@link ProjectionRunner#servesFirst}), so a shard
 * passed over while its projection had no worker to spare is served as soon as one frees, not after a round over
 * every other shard; instants are {@link System#nanoTime()} values, compared as elapsed times.
 */
class ProjectionOrderUnitTest {

	@Test
	void theShardTakenLongerAgoGoesFirst() {
		assertThat(ProjectionRunner.servesFirst(1_000, 2_000, 5_000)).isTrue();
		assertThat(ProjectionRunner.servesFirst(2_000, 1_000, 5_000)).isFalse();
	}

	@Test
	void aShardNeverTakenGoesBeforeAnyTakenOne() {
		assertThat(ProjectionRunner.servesFirst(0, 1, 5_000)).isTrue();
		assertThat(ProjectionRunner.servesFirst(1, 0, 5_000)).isFalse();
	}

	@Test
	void onATieTheShardAlreadyChosenKeepsItsPlace() {
		assertThat(ProjectionRunner.servesFirst(0, 0, 5_000)).isFalse();
		assertThat(ProjectionRunner.servesFirst(3_000, 3_000, 5_000)).isFalse();
	}

	@Test
	void theOrderHoldsAcrossTheWrapOfTheNanosecondCounter() {
		long now = Long.MIN_VALUE + 1_000; // the counter wrapped 2,000 ns ago
		long beforeTheWrap = Long.MAX_VALUE - 500; // 1,501 ns before now
		long afterTheWrap = Long.MIN_VALUE + 100; // 900 ns before now
		assertThat(ProjectionRunner.servesFirst(beforeTheWrap, afterTheWrap, now)).isTrue();
		assertThat(ProjectionRunner.servesFirst(afterTheWrap, beforeTheWrap, now)).isFalse();
	}
}
