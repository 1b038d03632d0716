package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * A node is saturated while as many batches arrive at once as it has processors, and for a grace period after, so the
 * moment between a sender's answer and its next batch does not end a burst.
 */
class IngestLoadUnitTest {

	@Test
	void asManyBatchesArrivingAsProcessorsSaturateTheNodeUntilOneIsDone() {
		IngestLoad load = new IngestLoad(2, 0, 100);
		IngestLoad.Arrival first = load.arrive();
		assertThat(load.saturated()).isFalse();

		try (IngestLoad.Arrival second = load.arrive()) {
			assertThat(load.saturated()).isTrue();
		}
		assertThat(load.saturated()).isFalse();
		first.close();
		assertThat(load.saturated()).isFalse();
	}

	@Test
	void aBurstLastsItsGracePeriodPastTheLastMomentEveryCoreHadABatch() throws InterruptedException {
		IngestLoad load = new IngestLoad(2, 300_000_000L, 100);
		try (IngestLoad.Arrival first = load.arrive()) {
			assertThat(load.saturated()).as("one of two").isFalse();
			load.arrive().close();
			assertThat(load.saturated()).as("just after two arrived at once").isTrue();
		}
		assertThat(load.saturated()).as("none arriving, within the grace period").isTrue();
		Thread.sleep(400);
		assertThat(load.saturated()).as("past the grace period").isFalse();
	}

	@Test
	void aNodeAlwaysNeedsAtLeastOneBatchArrivingToBeSaturated() {
		IngestLoad load = new IngestLoad(0, 0, 100);
		assertThat(load.saturation()).isEqualTo(1);
		assertThat(load.saturated()).isFalse();
		try (IngestLoad.Arrival one = load.arrive()) {
			assertThat(load.saturated()).isTrue();
		}
	}

	@Test
	void theGaugesShowTheBatchesArrivingAndWhetherTheNodeIsInABurst() {
		IngestLoad load = new IngestLoad(2, 0, 100);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		load.bindTo(registry);
		try (IngestLoad.Arrival first = load.arrive(); IngestLoad.Arrival second = load.arrive()) {
			assertThat(registry.get("greenroom.ingest.arriving").gauge().value()).isEqualTo(2);
			assertThat(registry.get("greenroom.ingest.burst").gauge().value()).as("no events taken in yet").isZero();
			load.taken(100);
			assertThat(registry.get("greenroom.ingest.burst").gauge().value()).isEqualTo(1);
		}
		assertThat(registry.get("greenroom.ingest.arriving").gauge().value()).isZero();
		assertThat(registry.get("greenroom.ingest.burst").gauge().value()).isZero();
	}

	@Test
	void aBurstIsTheCoresHeldWhileAtLeastTheBurstRateWasTakenInOverTheLastSecond() throws InterruptedException {
		IngestLoad load = new IngestLoad(1, 0, 100);
		try (IngestLoad.Arrival one = load.arrive()) {
			load.taken(60);
			assertThat(load.lastSecond()).isEqualTo(60);
			assertThat(load.burst()).as("60 events in the last second, under 100").isFalse();
			load.taken(40);
			assertThat(load.burst()).isTrue();
			Thread.sleep(1_100);
			assertThat(load.lastSecond()).isZero();
			assertThat(load.burst()).as("nothing taken in over the last second").isFalse();
		}
		load.taken(500);
		assertThat(load.burst()).as("cores free").isFalse();
		IngestLoad never = new IngestLoad(1, 0, 0);
		try (IngestLoad.Arrival one = never.arrive()) {
			never.taken(1_000);
			assertThat(never.burst()).as("burst-rate 0: never").isFalse();
		}
	}
}
