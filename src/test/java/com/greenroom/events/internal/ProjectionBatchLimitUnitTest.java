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

	@Test
	void aLimitAboveTheBatchSizeLeftFromCatchingUpComesBackToIt() {
		// the shard's last catch-up batch of 80,000 was neither cheap nor dear: back to batch-size, not kept at 80,000
		assertThat(ProjectionRunner.nextLimit(80_000, 80_000, TARGET * 9 / 10, 20_000)).isEqualTo(20_000);
		assertThat(ProjectionRunner.nextLimit(80_000, 80_000, TARGET / 10, 20_000)).isEqualTo(20_000);
		assertThat(ProjectionRunner.nextLimit(80_000, 80_000, 2 * TARGET, 20_000)).isEqualTo(20_000);
	}

	@Test
	void aShardIsCatchingUpOnlyAfterAFullBatchWithTheCatchUpBacklogOfItsOwnEventsStillToApply() {
		// unsharded: every seq past the batch is the shard's
		assertThat(ProjectionRunner.catchingUp(new ProjectionRunner.Step(20_000, true, 40_000), 1, 40_000)).isTrue();
		assertThat(ProjectionRunner.catchingUp(new ProjectionRunner.Step(20_000, true, 39_999), 1, 40_000)).isFalse();
		// one shard of 8 has about an eighth of the seqs past its batch
		assertThat(ProjectionRunner.catchingUp(new ProjectionRunner.Step(20_000, true, 320_000), 8, 40_000)).isTrue();
		assertThat(ProjectionRunner.catchingUp(new ProjectionRunner.Step(20_000, true, 319_992), 8, 40_000)).isFalse();
		// a shorter batch reached the log's end; a bisected one says nothing about the backlog
		assertThat(ProjectionRunner.catchingUp(new ProjectionRunner.Step(300, false, 0), 1, 40_000)).isFalse();
		assertThat(ProjectionRunner.catchingUp(new ProjectionRunner.Step(9_999, true), 1, 40_000)).isFalse();
		// catch-up-backlog 0: never
		assertThat(ProjectionRunner.catchingUp(new ProjectionRunner.Step(20_000, true, 900_000), 1, 0)).isFalse();
	}

	@Test
	void thePipelinePageCountsTheShardsCatchingUpFromTheirPositions() {
		// horizon 400,000: a shard of 8 at 0 has ~50,000 to apply, one at 100,000 ~37,500; unsharded at 350,000: 50,000
		var counts = ProjectionRunner.shardsCatchingUp(java.util.Map.of("activity", java.util.List.of(0L, 100_000L, 0L, 400_000L, 0L, 0L, 0L, 0L),
				"creators.roster", java.util.List.of(350_000L), "safety.cases", java.util.List.of(400_000L)), 400_000, 40_000);
		assertThat(counts).containsEntry("activity", 6L).containsEntry("creators.roster", 1L).containsEntry("safety.cases", 0L);
		assertThat(ProjectionRunner.shardsCatchingUp(java.util.Map.of("activity", java.util.List.of(0L)), 400_000, 0)).containsEntry("activity", 0L);
	}
}
