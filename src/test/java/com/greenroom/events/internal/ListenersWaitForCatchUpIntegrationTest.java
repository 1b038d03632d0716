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
 * While a projection is catching up ({@code catch-up-backlog} events or more behind the log) the module listeners wait
 * for it, at most {@code listener-hold}: here activity is held behind (its position rows locked by the test, so its
 * workers skip it) while the roster applies a registration; the registration's follow-ups wait, then run once the
 * hold has lasted its 3 s, though activity is still behind.
 */
@IntegrationTest
@TestPropertySource(properties = { "greenroom.events.projections.catch-up-backlog=5", "greenroom.events.projections.listener-hold=3s" })
class ListenersWaitForCatchUpIntegrationTest {

	@Autowired
	PlatformEvents events;

	@Autowired
	ProjectionRunner runner;

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
	void theFollowUpsOfARegistrationWaitWhileActivityCatchesUpForAtMostTheHold() throws Exception {
		events.catchUp(); // every projection's position rows exist
		try (Connection lock = dataSource.getConnection()) {
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement();
					ResultSet rows = statement.executeQuery("select slot from projection_position where name = 'activity' for update")) {
				int locked = 0;
				while (rows.next()) {
					locked++;
				}
				assertThat(locked).as("activity's slots, locked: its workers skip them").isEqualTo(EventsProperties.Projections.SLOTS);
			}
			runner.startWorkers();
			try {
				List<String> feed = new ArrayList<>();
				feed.add(EventFeed.registered("e-hold", "c-hold", "BR", null, now.minusSeconds(600)));
				feed.add(EventFeed.started("e-hold-s", "c-hold", "s-hold", now.minusSeconds(500)));
				for (int i = 0; i < 8; i++) {
					feed.add(EventFeed.joined("e-hold-j" + i, "c-hold", "s-hold", "v" + i, now.minusSeconds(400 - i)));
				}
				events.ingestNdjson(String.join("\n", feed).getBytes(StandardCharsets.UTF_8));

				waitFor(() -> published(), Duration.ofSeconds(20));
				assertThat(published()).as("the roster applied the registration and published it").isPositive();
				long seen = System.nanoTime(); // elapsed time, not a time of day
				Thread.sleep(1_500);
				assertThat(runner.backlog()).as("activity is behind").isGreaterThanOrEqualTo(10);
				assertThat(pending()).as("the listeners wait while activity catches up").isPositive();
				assertThat(checklists()).isZero();

				waitFor(() -> checklists(), Duration.ofSeconds(20));
				assertThat(checklists()).as("run once the hold has lasted, activity still behind").isEqualTo(1);
				assertThat(System.nanoTime() - seen).as("not before the hold of 3 s").isGreaterThanOrEqualTo(Duration.ofMillis(2_500).toNanos());
				assertThat(runner.backlog()).isGreaterThanOrEqualTo(10);
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

	private static void waitFor(LongSupplier positive, Duration atMost) throws InterruptedException {
		long deadline = System.nanoTime() + atMost.toNanos(); // elapsed time, not a time of day
		while (positive.getAsLong() <= 0 && System.nanoTime() - deadline < 0) {
			Thread.sleep(50);
		}
	}

	private long published() {
		return jdbc.sql("select count(*) from event_publication where serialized_event like '%c-hold%'").query(Long.class).single();
	}

	private long pending() {
		return jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like '%c-hold%'")
			.query(Long.class)
			.single();
	}

	private long checklists() {
		return jdbc.sql("select count(*) from onboarding_checklist where creator_id = 'c-hold'").query(Long.class).single();
	}
}
