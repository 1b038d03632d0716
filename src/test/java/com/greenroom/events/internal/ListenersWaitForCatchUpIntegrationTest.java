package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.PlatformEvents;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * After an ingest burst, while a projection is catching up ({@code catch-up-backlog} events or more behind the log),
 * the module listeners wait for it, at most {@code listener-hold} after the burst ended: here activity is held behind
 * (its position rows locked by the test, so its workers skip them) while the roster applies a registration; the
 * registration's follow-ups wait, then run once the 5 s hold has passed, though activity is still behind. Without a
 * burst they never wait.
 */
@IntegrationTest
@TestPropertySource(properties = { "greenroom.events.projections.catch-up-backlog=5", "greenroom.events.projections.listener-hold=5s" })
class ListenersWaitForCatchUpIntegrationTest {

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
	DataSource dataSource;

	@Autowired
	Clock clock;

	Instant now;

	@BeforeEach
	void reset() {
		data.reset();
		now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	@Test
	void afterABurstTheFollowUpsOfARegistrationWaitWhileActivityCatchesUpForAtMostTheHold() throws Exception {
		withActivityHeldBehind(() -> {
			burst();
			long ended = System.nanoTime(); // elapsed time, not a time of day
			ingest("c-hold");

			waitFor(() -> published("c-hold"), Duration.ofSeconds(20));
			assertThat(published("c-hold")).as("the roster applied the registration and published it").isPositive();
			Thread.sleep(1_000);
			assertThat(runner.backlog()).as("activity is behind").isGreaterThanOrEqualTo(10);
			assertThat(pending("c-hold")).as("the listeners wait while activity catches up after the burst").isPositive();
			assertThat(checklists("c-hold")).isZero();

			waitFor(() -> checklists("c-hold"), Duration.ofSeconds(20));
			assertThat(checklists("c-hold")).as("run once the hold has passed, activity still behind").isEqualTo(1);
			assertThat(System.nanoTime() - ended).as("not before the hold of 5 s after the burst").isGreaterThanOrEqualTo(
					Duration.ofMillis(4_500).toNanos());
			assertThat(runner.backlog()).isGreaterThanOrEqualTo(10);
		});
	}

	@Test
	void withoutABurstTheListenersDoNotWaitHoweverFarBehindAProjectionIs() throws Exception {
		withActivityHeldBehind(() -> {
			long began = System.nanoTime(); // elapsed time, not a time of day
			ingest("c-steady");
			waitFor(() -> checklists("c-steady"), Duration.ofSeconds(20));
			assertThat(checklists("c-steady")).isEqualTo(1);
			assertThat(runner.backlog()).as("activity is behind").isGreaterThanOrEqualTo(10);
			assertThat(System.nanoTime() - began).as("well within the hold").isLessThan(Duration.ofMillis(4_500).toNanos());
		});
	}

	interface Body {

		void run() throws Exception;
	}

	/** Runs the body with the projection workers running and activity's slots locked (its workers skip them). */
	private void withActivityHeldBehind(Body body) throws Exception {
		events.catchUp(); // every projection's position rows exist
		try (Connection lock = dataSource.getConnection()) {
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement();
					ResultSet rows = statement.executeQuery("select slot from projection_position where name = 'activity' for update")) {
				int locked = 0;
				while (rows.next()) {
					locked++;
				}
				assertThat(locked).as("activity's slots, locked").isEqualTo(EventsProperties.Projections.SLOTS);
			}
			runner.startWorkers();
			try {
				body.run();
			}
			finally {
				lock.rollback();
			}
			waitFor(() -> runner.backlog() == 0 ? 1 : 0, Duration.ofSeconds(20));
			assertThat(runner.backlog()).as("activity caught up once its rows were free").isZero();
		}
		finally {
			runner.stopWorkers();
		}
	}

	/** A burst of 1.5 s (every core taking in a batch, the burst rate taken in), longer than the workers' poll: they see it. */
	private void burst() throws InterruptedException {
		List<IngestLoad.Arrival> arrivals = new ArrayList<>();
		try {
			for (int i = 0; i < load.saturation(); i++) {
				arrivals.add(load.arrive());
			}
			load.taken(1); // a run of intake's first batch is no burst alone
			for (int i = 0; i < 15; i++) {
				load.taken(properties.projections().burstRate().intValue());
				assertThat(load.burst()).isTrue();
				Thread.sleep(100);
			}
		}
		finally {
			arrivals.forEach(IngestLoad.Arrival::close);
		}
		waitFor(() -> load.burst() ? 0 : 1, Duration.ofSeconds(5));
		assertThat(load.burst()).isFalse();
	}

	/** A creator's registration, stream start and 8 joins: 10 events, twice the catch-up backlog of this test. */
	private void ingest(String creator) {
		List<String> feed = new ArrayList<>();
		feed.add(EventFeed.registered("e-" + creator, creator, "BR", null, now.minusSeconds(600)));
		feed.add(EventFeed.started("e-" + creator + "-s", creator, "s-" + creator, now.minusSeconds(500)));
		for (int i = 0; i < 8; i++) {
			feed.add(EventFeed.joined("e-" + creator + "-j" + i, creator, "s-" + creator, "v" + i, now.minusSeconds(400 - i)));
		}
		events.ingestNdjson(String.join("\n", feed).getBytes(StandardCharsets.UTF_8));
	}

	private static void waitFor(LongSupplier positive, Duration atMost) throws InterruptedException {
		long deadline = System.nanoTime() + atMost.toNanos(); // elapsed time, not a time of day
		while (positive.getAsLong() <= 0 && System.nanoTime() - deadline < 0) {
			Thread.sleep(50);
		}
	}

	private long published(String creator) {
		return jdbc.sql("select count(*) from event_publication where serialized_event like :c").param("c", "%" + creator + "%").query(Long.class)
			.single();
	}

	private long pending(String creator) {
		return jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like :c")
			.param("c", "%" + creator + "%")
			.query(Long.class)
			.single();
	}

	private long checklists(String creator) {
		return jdbc.sql("select count(*) from onboarding_checklist where creator_id = :c").param("c", creator).query(Long.class).single();
	}
}
