package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shard count must split the log's 64 creator slots evenly; a node runs at least one worker. */
class ProjectionSettingsUnitTest {

	@Test
	void projectionsDefaultToEightShardsAndOneWorkerMoreThanTheProcessors() {
		EventsProperties.Projections defaults = new EventsProperties.Projections(null, null, null, null, null, null, null, null, null, null);

		assertThat(defaults.shards()).isEqualTo(8);
		assertThat(defaults.workers()).isEqualTo(Runtime.getRuntime().availableProcessors() + 1);
	}

	@Test
	void aShardCountThatDoesNotDivideTheSixtyFourSlotsIsRefusedAtStartUp() {
		assertThatThrownBy(() -> new EventsProperties.Projections(null, null, null, 3, null, null, null, null, null, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("greenroom.events.projections.shards must divide 64");
		assertThatThrownBy(() -> new EventsProperties.Projections(null, null, null, 0, null, null, null, null, null, null))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(new EventsProperties.Projections(null, null, null, 64, 1, null, null, null, null, null).shards()).isEqualTo(64);
	}

	@Test
	void aNodeWithoutWorkersIsRefusedAtStartUp() {
		assertThatThrownBy(() -> new EventsProperties.Projections(null, null, null, 8, 0, null, null, null, null, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("workers");
	}

	@Test
	void aNegativeBurstBacklogOrBurstRateIsRefusedAtStartUpAndZeroTurnsTheWaitingOff() {
		assertThatThrownBy(() -> new EventsProperties.Projections(null, null, null, null, null, -1L, null, null, null, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("burst-backlog");
		assertThatThrownBy(() -> new EventsProperties.Projections(null, null, null, null, null, null, -1L, null, null, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("burst-rate");
		EventsProperties.Projections off = new EventsProperties.Projections(null, null, null, null, null, 0L, 0L, null, null, null);
		assertThat(off.burstBacklog()).isZero();
		assertThat(off.burstRate()).isZero();
		EventsProperties.Projections defaults = new EventsProperties.Projections(null, null, null, null, null, null, null, null, null, null);
		assertThat(defaults.burstBacklog()).isEqualTo(1_000_000L);
		assertThat(defaults.burstRate()).isEqualTo(10_000L * Runtime.getRuntime().availableProcessors());
	}

	@Test
	void catchUpBatchesDefaultToEightyThousandEventsOnceAShardHasFortyThousandToApplyAndBadValuesAreRefused() {
		EventsProperties.Projections defaults = new EventsProperties.Projections(null, null, null, null, null, null, null, null, null, null);
		assertThat(defaults.catchUpBacklog()).isEqualTo(40_000L);
		assertThat(defaults.catchUpBatchSize()).isEqualTo(80_000);
		assertThat(new EventsProperties.Projections(null, null, null, null, null, null, null, 0L, null, null).catchUpBacklog()).isZero();
		assertThatThrownBy(() -> new EventsProperties.Projections(null, null, null, null, null, null, null, -1L, null, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("catch-up-backlog");
		assertThatThrownBy(() -> new EventsProperties.Projections(null, null, null, null, null, null, null, null, 0, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("catch-up-batch-size");
		assertThatThrownBy(() -> new EventsProperties.Projections(null, null, 0, null, null, null, null, null, null, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("batch-size");
	}

	@Test
	void listenersWaitForACatchUpThirtySecondsAtMostByDefaultZeroNeverAndANegativeHoldIsRefused() {
		assertThat(new EventsProperties.Projections(null, null, null, null, null, null, null, null, null, null).listenerHold())
			.isEqualTo(java.time.Duration.ofSeconds(30));
		assertThat(new EventsProperties.Projections(null, null, null, null, null, null, null, null, null, java.time.Duration.ZERO).listenerHold())
			.isZero();
		assertThatThrownBy(
				() -> new EventsProperties.Projections(null, null, null, null, null, null, null, null, null, java.time.Duration.ofSeconds(-1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("listener-hold");
		assertThatThrownBy(
				() -> new EventsProperties.Projections(null, null, null, null, null, null, null, null, null, java.time.Duration.ofDays(200_000)))
			.as("longer than an hour (a nanosecond count would overflow far beyond)")
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("between 0 and 1h");
	}
}
