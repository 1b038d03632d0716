package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.PlatformEvent;
import com.greenroom.events.PlatformEvents;
import com.greenroom.events.Projection;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** In the background every projection runs on its own thread: one busy with a backlog holds no other back. */
@IntegrationTest
@Import(ProjectionFairnessIntegrationTest.SlowProjection.class)
class ProjectionFairnessIntegrationTest {

	/** A projection whose batches take as long as the test says: it stands for activity working through a burst. */
	@TestComponent
	static class SlowProjection implements Projection {

		volatile CountDownLatch entered = new CountDownLatch(1);

		volatile CountDownLatch release = new CountDownLatch(0);

		@Override
		public String name() {
			return "test.slow";
		}

		@Override
		public void apply(List<PlatformEvent> batch) {
			entered.countDown();
			try {
				release.await(120, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void reset() {
		}
	}

	@Autowired
	ProjectionRunner runner;

	@Autowired
	PlatformEvents events;

	@Autowired
	SlowProjection slow;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@BeforeEach
	void reset() {
		data.reset();
		slow.entered = new CountDownLatch(1);
		slow.release = new CountDownLatch(1);
	}

	@AfterEach
	void stop() {
		slow.release.countDown();
		runner.stopWorkers();
	}

	@Test
	void theRosterKeepsRegisteringCreatorsWhileAnotherProjectionIsStuckInALongBatch() throws InterruptedException {
		Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
		runner.startWorkers();
		ingest(EventFeed.registered("r1", "early", "BR", null, at), EventFeed.follow("f1", "early", "v1", at.plusSeconds(1)));
		assertThat(slow.entered.await(60, TimeUnit.SECONDS)).as("the slow projection started a batch").isTrue();

		ingest(EventFeed.registered("r2", "later", "JP", null, at.plusSeconds(2)));

		long waited = 0;
		while (!onRoster("later") && waited < 60_000) {
			Thread.sleep(50);
			waited += 50;
		}
		assertThat(onRoster("later")).as("registered while the slow projection is mid-batch").isTrue();
		assertThat(slow.release.getCount()).as("the slow projection is still in its first batch").isEqualTo(1);
		assertThat(events.positions().get("test.slow")).isZero();
	}

	private boolean onRoster(String creatorId) {
		return jdbc.sql("select count(*) from creator where creator_id = :c").param("c", creatorId).query(Long.class).single() > 0;
	}

	private void ingest(String... lines) {
		assertThat(events.ingestNdjson(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)).rejected()).isEmpty();
	}
}
