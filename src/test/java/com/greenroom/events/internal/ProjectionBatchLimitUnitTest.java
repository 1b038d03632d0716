package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A background batch is kept near {@link ProjectionRunner#BATCH_TARGET_NANOS} of its worker's CPU: a shard far
 * behind takes smaller batches when its full batches cost more, so the other shards' fresh events get a worker
 * soon, but never below {@link ProjectionRunner#MIN_BATCH}, where per-batch costs would outweigh the events'.
 */
class ProjectionBatchLimitUnitTest {

	private static final long TARGET = ProjectionRunner.BATCH_TARGET_NANOS;

	@Test
	void aShardWhoseFullBatchRanFourTimesTooLongTakesAQuarterNextTime() {
		assertThat(ProjectionRunner.nextLimit(20_000, 20_000, 4 * TARGET, 20_000)).isEqualTo(5_000);
	}

	@Test
	void aSlowBatchNeverShrinksTheLimitBelowTheSmallestBatch() {
		assertThat(ProjectionRunner.nextLimit(1_000, 1_000, 1_000 * TARGET, 20_000)).isEqualTo(ProjectionRunner.MIN_BATCH);
	}

	@Test
	void aShardFarBehindKeepsBatchesOfTheSmallestSizeHoweverCostlyTheyAre() {
		int limit = 20_000;
		for (int batch = 0; batch < 10; batch++) {
			limit = ProjectionRunner.nextLimit(limit, limit, 50 * TARGET, 20_000);
		}
		assertThat(limit).isEqualTo(ProjectionRunner.MIN_BATCH).isGreaterThanOrEqualTo(2_000);
	}

	@Test
	void aShortBatchSaysNothingAboutTheShardsRateAndKeepsTheLimitWhenItWasSlow() {
		// fewer events than the limit: the shard caught up; a slow short batch is not the events' fault
		assertThat(ProjectionRunner.nextLimit(5_000, 300, 3 * TARGET, 20_000)).isEqualTo(5_000);
	}

	@Test
	void quickBatchesLetTheLimitGrowBackUpToTheConfiguredBatchSize() {
		assertThat(ProjectionRunner.nextLimit(5_000, 5_000, TARGET / 10, 20_000)).isEqualTo(10_000);
		assertThat(ProjectionRunner.nextLimit(15_000, 15_000, TARGET / 10, 20_000)).isEqualTo(20_000);
	}

	@Test
	void aBatchNearTheTargetKeepsItsLimit() {
		assertThat(ProjectionRunner.nextLimit(8_000, 8_000, TARGET * 9 / 10, 20_000)).isEqualTo(8_000);
	}

	@Test
	void aConfiguredBatchSizeBelowTheSmallestBatchIsKept() {
		assertThat(ProjectionRunner.nextLimit(7, 7, 10 * TARGET, 7)).isEqualTo(7);
	}
}
