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
			assertThat(registry.get("greenroom.ingest.burst").gauge().value()).as("a lone batch").isZero();
			load.taken(100);
			assertThat(registry.get("greenroom.ingest.burst").gauge().value()).isEqualTo(1);
		}
		assertThat(registry.get("greenroom.ingest.arriving").gauge().value()).isZero();
		assertThat(registry.get("greenroom.ingest.burst").gauge().value()).isZero();
	}

	@Test
	void aBurstIsTheCoresHeldWhileAtLeastTheBurstRateWasTakenInOverTheLastSecond() {
		long[] now = { 5_000_000_000L };
		IngestLoad load = new IngestLoad(1, 0, 100, () -> now[0]);
		try (IngestLoad.Arrival one = load.arrive()) {
			for (int i = 0; i < 15; i++) { // 6 events every 100 ms for a second and a half
				now[0] += i == 0 ? 0 : 100_000_000L;
				load.taken(6);
			}
			assertThat(load.lastSecond()).isEqualTo(60);
			assertThat(load.rate()).isEqualTo(60);
			assertThat(load.burst()).as("60 events in the last second, under 100").isFalse();
			load.taken(40);
			assertThat(load.burst()).isTrue();
			now[0] += 1_100_000_000L;
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

	@Test
	void aBurstIsKnownFromTheFirstBatchesOfARunOfIntakeTheirCountScaledToASecond() {
		long[] now = { 7_000_000_000L };
		IngestLoad load = new IngestLoad(2, 0, 20_000, () -> now[0]);
		try (IngestLoad.Arrival one = load.arrive(); IngestLoad.Arrival two = load.arrive(); IngestLoad.Arrival three = load.arrive()) {
			load.taken(5_000);
			load.taken(5_000);
			now[0] += 30_000_000L;
			load.taken(5_000);
			assertThat(load.lastSecond()).isEqualTo(15_000);
			assertThat(load.rate()).as("10,000 events after the first batch in the run's first 30 ms, over 130 ms")
				.isEqualTo(76_923);
			assertThat(load.burst()).as("three batches of a burst, 30 ms in").isTrue();
			now[0] += 370_000_000L;
			assertThat(load.rate()).as("10,000 events after the first 400 ms in, over 500 ms").isEqualTo(20_000);
			now[0] += 1;
			assertThat(load.burst()).as("a nanosecond later, under the rate").isFalse();
			now[0] += 499_999_999L; // 900 ms in
			load.taken(5_000);
			now[0] += 150_000_000L;
			assertThat(load.rate()).as("the run over a second old: the last second's count").isEqualTo(5_000);
			assertThat(load.burst()).isFalse();
		}
	}

	@Test
	void aLoneBatchIsNoBurstHoweverLargeItsNextBatchSoonAfterMakesOne() {
		long[] now = { 3_000_000_000L };
		IngestLoad load = new IngestLoad(2, 0, 20_000, () -> now[0]);
		try (IngestLoad.Arrival one = load.arrive(); IngestLoad.Arrival two = load.arrive()) {
			load.taken(50_000);
			assertThat(load.lastSecond()).isEqualTo(50_000);
			assertThat(load.rate()).as("the run's first batch is left out").isZero();
			assertThat(load.burst()).isFalse();
			now[0] += 10_000_000L;
			load.taken(5_000);
			assertThat(load.rate()).as("5,000 events after the first in 10 ms, over 110 ms").isEqualTo(45_454);
			assertThat(load.burst()).isTrue();
		}
	}

	@Test
	void aRunWhoseFirstBatchLeftTheLastSecondIsRatedByItsCountThoughYoungerThanASecond() {
		long[] now = { 4_050_000_000L }; // 50 ms into a bucket
		IngestLoad load = new IngestLoad(2, 0, 20_000, () -> now[0]);
		load.taken(1_000);
		now[0] += 500_000_000L;
		load.taken(3_000);
		now[0] += 490_000_000L; // 990 ms after the first batch, whose bucket has just left the last second
		assertThat(load.lastSecond()).isEqualTo(3_000);
		assertThat(load.rate()).as("not the first batch taken off a count that no longer holds it").isEqualTo(3_000);
	}

	@Test
	void aSteadyFeedUnderTheRateIsNoBurstFromItsFirstBatchOnEvenWithEveryCoreHeld() {
		long[] now = { 9_000_000_000L };
		IngestLoad load = new IngestLoad(2, 0, 20_000, () -> now[0]);
		try (IngestLoad.Arrival one = load.arrive(); IngestLoad.Arrival two = load.arrive()) {
			for (int i = 0; i < 30; i++) {
				now[0] += i == 0 ? 0 : 100_000_000L;
				load.taken(1_000); // 10,000 events a second in batches of 1,000
				assertThat(load.burst()).as("batch %d", i).isFalse();
			}
			assertThat(load.rate()).isEqualTo(10_000);
		}
	}
}
