package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The milestones' read of many creator days ({@link JdbcPlatformEventLog#CREATOR_WINDOWS}) probes the creator index of the
 * one or two day partitions each window spans, whatever the planner knows of the partitions: a burst's partitions
 * are read before autovacuum first analyzes them, and a join by hash then scans every partition the windows span.
 */
@IntegrationTest
class CreatorWindowsPlanIntegrationTest {

	private static final int DAYS = 28;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventPartitions partitions;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Clock clock;

	Instant firstDay;

	@BeforeEach
	void log() {
		data.reset();
		firstDay = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS));
		LocalDate first = LocalDate.ofInstant(firstDay, ZoneOffset.UTC);
		partitions.ensure(IntStream.range(0, DAYS).mapToObj(first::plusDays).toList());
		// 3,000 events a day of 500 creators, a quarter of them gifts
		jdbc.sql("""
				insert into platform_event (seq, event_id, type, occurred_at, creator_id, shard, received_at)
				select nextval('platform_event_seq'), 'plan-' || d || '-' || i, case when i % 4 = 0 then 'gift.sent' else 'viewer.joined' end,
				       cast(:first as timestamptz) + d * interval '1 day' + i * interval '28 seconds', 'c' || (i * 7 % 500),
				       hashtextextended('c' || (i * 7 % 500), 0) & 63, now()
				from generate_series(0, :days - 1) d, generate_series(0, 2999) i""")
			.param("first", Timestamp.from(firstDay))
			.param("days", DAYS)
			.update();
	}

	@AfterEach
	void clear() {
		data.reset();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void eachWindowProbesTheCreatorIndexOfItsOwnDaysWithOrWithoutStatistics(boolean analyzed) {
		String plan = new TransactionTemplate(transactions).execute(status -> {
			status.setRollbackOnly();
			List<String> days = jdbc.sql("select inhrelid::regclass::text from pg_inherits where inhparent = 'platform_event'::regclass")
				.query(String.class)
				.list();
			if (analyzed) {
				jdbc.sql("analyze platform_event").update();
			}
			else {
				jdbc.sql("delete from pg_statistic where starelid = any(cast(:t as regclass[]))").param("t", days.toArray(String[]::new)).update();
				jdbc.sql("update pg_class set reltuples = -1, relpages = 0 where oid = any(cast(:t as regclass[]))")
					.param("t", days.toArray(String[]::new))
					.update();
			}
			// 200 creator days of UTC-3 (03:00 to 03:00 UTC), spread over the log's 28 days
			int windows = 200;
			return String.join("\n", jdbc.sql("explain " + JdbcPlatformEventLog.CREATOR_WINDOWS)
				.param("c", IntStream.range(0, windows).mapToObj(i -> "c" + i * 3 % 500).toArray(String[]::new))
				.param("f", IntStream.range(0, windows).mapToObj(i -> Timestamp.from(windowStart(i))).toArray(Timestamp[]::new))
				.param("t",
						IntStream.range(0, windows).mapToObj(i -> Timestamp.from(windowStart(i).plus(Duration.ofDays(1)))).toArray(Timestamp[]::new))
				.param("earliest", Timestamp.from(windowStart(0)))
				.param("latest", Timestamp.from(windowStart(DAYS - 2).plus(Duration.ofDays(1))))
				.param("types", new String[] { "gift.sent" })
				.query(String.class)
				.list());
		});
		assertThat(plan).as("analyzed: %s%n%s", analyzed, plan)
			.contains("Nested Loop", "_creator_id_idx")
			.doesNotContain("Hash Join", "Seq Scan on platform_event");
	}

	private Instant windowStart(int i) {
		return firstDay.plus(Duration.ofDays(i % (DAYS - 1))).plus(Duration.ofHours(3));
	}
}
