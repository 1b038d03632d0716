package com.greenroom.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.internal.EventPartitions;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class EventRetentionIntegrationTest {

	@Autowired
	PlatformEvents events;

	@Autowired
	EventPartitions partitions;

	@Autowired
	PlatformEventLog log;

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
	void retentionDropsWholeDaysOfEventsWithTheirIdsAndKeepsNewerDays() {
		Instant old = now.minus(Duration.ofDays(10));
		Instant recent = now.minus(Duration.ofDays(1));
		events.ingestNdjson((follow("old", old) + "\n" + follow("recent", recent)).getBytes());
		LocalDate oldDay = LocalDate.ofInstant(old, ZoneOffset.UTC);
		assertThat(partitions.existing()).contains(oldDay, LocalDate.ofInstant(recent, ZoneOffset.UTC));

		var dropped = partitions.dropBefore(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(5));

		assertThat(dropped).contains(oldDay);
		assertThat(partitions.existing()).doesNotContain(oldDay).contains(LocalDate.ofInstant(recent, ZoneOffset.UTC));
		assertThat(log.eventsOf("c1")).extracting(PlatformEvent::id).containsExactly("recent");
		assertThat(jdbc.sql("select event_id from platform_event_id").query(String.class).list()).containsExactly("recent");
		assertThat(jdbc.sql("select distinct day from platform_event_append_day").query(LocalDate.class).list())
			.containsExactly(LocalDate.ofInstant(recent, ZoneOffset.UTC));
	}

	@Test
	void anEventForADroppedDayGetsItsPartitionBackWhenStillWithinRetention() {
		Instant old = now.minus(Duration.ofDays(20));
		events.ingestNdjson(follow("first", old).getBytes());
		partitions.dropBefore(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(15));

		IngestResult again = events.ingestNdjson(follow("second", old).getBytes());

		assertThat(again.accepted()).isEqualTo(1);
		assertThat(log.eventsOf("c1")).extracting(PlatformEvent::id).containsExactly("second");
	}

	private static String follow(String id, Instant at) {
		return "{\"id\":\"%s\",\"type\":\"follow.created\",\"occurredAt\":\"%s\",\"creatorId\":\"c1\",\"viewerId\":\"v1\"}".formatted(id, at);
	}
}
