package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

	/**
	 * Three workers, every shard always due (a feed that never lets a shard catch up), activity's 8 shards interleaved
	 * with safety's 8 and the roster as the runner lists them; activity's batches take 5–20 ticks, the others 1–3 (a
	 * seeded random draw per batch), and activity may hold 2 workers. While activity holds its two, the third worker serves safety and the roster and
	 * passes activity's shards over; each activity shard must still get its turn as a worker frees (before, a cursor
	 * shared by the workers and moved past every shard looked at served some activity shards half as often again as
	 * others, and left one due for 371 ticks, in this same simulation).
	 */
	@Test
	void everyActivityShardGetsItsTurnWhileTheThirdWorkerServesTheOthers() {
		AtomicInteger activityBusy = new AtomicInteger();
		AtomicInteger safetyBusy = new AtomicInteger();
		AtomicInteger rosterBusy = new AtomicInteger();
		List<ProjectionRunner.Unit> units = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			units.add(unit(i, 8, activityBusy));
			units.add(unit(100 + i, 8, safetyBusy));
			if (i == 0) {
				units.add(unit(200, 1, rosterBusy));
			}
		}
		int[] activityBatches = new int[8];
		long[] dueSince = new long[units.size()];
		long longestWait = 0;
		// each running batch: {tick it ends, index of its unit}
		PriorityQueue<long[]> running = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
		Random durations = new Random(22);
		long tick = 1;
		int idle = 3;
		while (tick < 8_000) {
			for (; idle > 0; idle--) {
				ProjectionRunner.Unit unit = ProjectionRunner.nextDue(units, tick, 2);
				unit.taken().set(tick);
				int index = units.indexOf(unit);
				boolean activity = unit.busy() == activityBusy;
				if (activity) {
					activityBatches[unit.shard().index()]++;
					longestWait = Math.max(longestWait, tick - dueSince[index]);
				}
				running.add(new long[] { tick + (activity ? 5 + durations.nextInt(16) : 1 + durations.nextInt(3)), index });
			}
			long[] done = running.poll();
			tick = done[0];
			ProjectionRunner.Unit unit = units.get((int) done[1]);
			unit.due().set(true);
			dueSince[(int) done[1]] = tick;
			unit.busy().decrementAndGet();
			idle++;
		}
		int fewest = Arrays.stream(activityBatches).min().orElseThrow();
		int most = Arrays.stream(activityBatches).max().orElseThrow();
		assertThat(fewest).as("activity batches per shard %s", Arrays.toString(activityBatches)).isGreaterThan(50);
		// a shard comes back from a long batch as the one taken longest ago, so shards differ by the few turns their long
		// batches skipped (the shared cursor: 130 to 200 batches per shard)
		assertThat(most - fewest).as("activity batches per shard %s", Arrays.toString(activityBatches)).isLessThanOrEqualTo(5);
		// due again, a shard waits for at most the others taken before it: 7 shards on 2 workers, batches of at most 20
		// ticks (the shared cursor: 371 ticks)
		assertThat(longestWait).as("ticks an activity shard waited, due, before a worker took it").isLessThanOrEqualTo(80);
	}

	private static ProjectionRunner.Unit unit(int id, int count, AtomicInteger busy) {
		return new ProjectionRunner.Unit(new ProjectionRunner.Shard(null, id % 100, count), new AtomicBoolean(true), busy, new AtomicInteger(),
				new AtomicLong());
	}
}
