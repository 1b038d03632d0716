package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.PlatformEvents;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * While a node is in an ingest burst its projection workers wait, and the module listeners wait with them: a
 * registration applied during the burst gets its follow-ups (here the onboarding listener's) once the burst ends.
 */
@IntegrationTest
class ListenersDeferToBurstsIntegrationTest {

	@Autowired
	PlatformEvents events;

	@Autowired
	ProjectionRunner runner;

	@Autowired
	IngestLoad load;

	@Autowired
	EventsProperties properties;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	Instant now;

	@BeforeEach
	void reset() {
		data.reset();
		now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	@Test
	void aRegistrationAppliedDuringABurstIsFollowedUpOnceTheBurstEnds() throws Exception {
		AtomicBoolean bursting = new AtomicBoolean(true);
		List<IngestLoad.Arrival> arrivals = new ArrayList<>();
		Thread feed = new Thread(() -> {
			load.taken(1); // a run of intake's first batch is no burst alone
			while (bursting.get()) {
				load.taken(properties.projections().burstRate().intValue()); // a burst's rate over the last second
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "burst-feed");
		runner.startWorkers();
		try {
			for (int i = 0; i < load.saturation(); i++) {
				arrivals.add(load.arrive()); // every core taking in a batch
			}
			feed.start();
			Thread.sleep(300);
			assertThat(load.burst()).isTrue();

			events.ingestNdjson(EventFeed.registered("e-burst", "c-burst", "BR", null, now.minusSeconds(60)).getBytes(StandardCharsets.UTF_8));
			events.catchUp(); // the roster applies it here, and publishes the registration for the listeners

			assertThat(pending()).as("published").isPositive();
			Thread.sleep(1_500);
			assertThat(pending()).as("the listeners wait while the burst lasts").isPositive();
			assertThat(checklists()).isZero();
		}
		finally {
			bursting.set(false);
			feed.join();
			arrivals.forEach(IngestLoad.Arrival::close);
		}
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos(); // elapsed time, not a time of day
			while (pending() > 0 && System.nanoTime() - deadline < 0) {
				Thread.sleep(50);
			}
			assertThat(pending()).as("followed up once the burst ended").isZero();
			assertThat(checklists()).isEqualTo(1);
		}
		finally {
			runner.stopWorkers();
		}
	}

	private long pending() {
		return jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like '%c-burst%'")
			.query(Long.class).single();
	}

	private long checklists() {
		return jdbc.sql("select count(*) from onboarding_checklist where creator_id = 'c-burst'").query(Long.class).single();
	}
}
