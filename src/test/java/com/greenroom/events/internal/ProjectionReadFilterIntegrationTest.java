package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.EventType;
import com.greenroom.events.PlatformEvent;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A projection reads only what it declares ({@code Projection.types()}, {@code Projection.attributesOf()},
 * {@code Projection.fieldsOf()}):
 * the log sends nothing else, and the projection's positions still move past every other event.
 */
@IntegrationTest
class ProjectionReadFilterIntegrationTest {

	@Autowired
	EventFeed feed;

	@Autowired
	ProjectionRunner runner;

	@Autowired
	JdbcPlatformEventLog log;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestData data;

	@Autowired
	Clock clock;

	Instant at;

	@BeforeEach
	void reset() {
		data.reset();
		at = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
	}

	@Test
	void theSafetyProjectionReadsOnlyReportsAndStillStandsAtTheEndOfTheLog() {
		feed.send(EventFeed.registered("r1", "ada", "BR", null, at), EventFeed.started("s1", "ada", "ada-s", at.plusSeconds(1)),
				EventFeed.gift("g1", "ada", "ada-s", "v1", "2.50", at.plusSeconds(2)),
				EventFeed.report("rep1", "ada", "ada-s", "v2", at.plusSeconds(3)),
				EventFeed.follow("f1", "ada", "v3", at.plusSeconds(4)));

		assertThat(jdbc.sql("select count(*) from safety_report where event_id = 'rep1'").query(Long.class).single()).isOne();
		assertThat(runner.shardPositions().get("safety.cases")).allMatch(position -> position == lastSeq());
		assertThat(runner.positions()).containsEntry("safety.cases", lastSeq()).containsEntry("creators.roster", lastSeq());
		assertThat(jdbc.sql("select handle from creator where creator_id = 'ada'").query(String.class).single()).isEqualTo("ada");
	}

	@Test
	void theLogSendsOnlyTheTypesAndAttributesAskedFor() {
		feed.send(EventFeed.registered("r1", "ada", "BR", "America/Sao_Paulo", at), EventFeed.started("s1", "ada", "ada-s", at.plusSeconds(1)),
				EventFeed.report("rep1", "ada", "ada-s", "v2", "spam", "loud", at.plusSeconds(2)),
				EventFeed.gift("g1", "ada", "ada-s", "v1", "2.50", at.plusSeconds(3)));
		Map<Integer, Long> everySlot = new HashMap<>();
		for (int slot = 0; slot < EventsProperties.Projections.SLOTS; slot++) {
			everySlot.put(slot, 0L);
		}
		int adasSlot = jdbc.sql("select shard from platform_event where event_id = 'r1'").query(Integer.class).single();
		Map<Integer, Long> adasSlotOnly = Map.of(adasSlot, 0L);

		for (Map<Integer, Long> positions : List.of(everySlot, adasSlotOnly)) {
			List<PlatformEvent> reports = log.afterInSlots(positions, lastSeq(), 100, Set.of(EventType.REPORT_FILED), null);
			assertThat(reports).extracting(PlatformEvent::id).containsExactly("rep1");
			assertThat(reports.get(0).attribute("note")).isEqualTo("loud");

			List<PlatformEvent> all = log.afterInSlots(positions, lastSeq(), 100, null, Set.of(EventType.CREATOR_REGISTERED));
			assertThat(all).extracting(PlatformEvent::id).containsExactly("r1", "s1", "rep1", "g1");
			assertThat(all.get(0).attribute("timezone")).isEqualTo("America/Sao_Paulo");
			assertThat(all.get(1).attributes()).isEmpty();
			assertThat(all.get(2).attributes()).isEmpty();
			assertThat(all.get(3).amount().usd()).isEqualByComparingTo("2.50");

			assertThat(log.afterInSlots(positions, lastSeq(), 100, null, Set.of())).allMatch(e -> e.attributes().isEmpty()).hasSize(4);
			assertThat(log.afterInSlots(positions, lastSeq(), 100, null, null).get(1).attribute("title")).isEqualTo("Live with ada");

			// the roster's read: every field of a registration, of the other events their seq, type and creator alone
			Set<EventType> registrations = Set.of(EventType.CREATOR_REGISTERED);
			List<PlatformEvent> owners = log.afterInSlots(positions, lastSeq(), 100, null, registrations, registrations);
			assertThat(owners).extracting(PlatformEvent::seq).containsExactlyElementsOf(all.stream().map(PlatformEvent::seq).toList());
			assertThat(owners).extracting(PlatformEvent::type)
				.containsExactly(EventType.CREATOR_REGISTERED, EventType.STREAM_STARTED, EventType.REPORT_FILED, EventType.GIFT_SENT);
			assertThat(owners).extracting(PlatformEvent::creatorId).containsOnly("ada");
			assertThat(owners.get(0)).isEqualTo(all.get(0));
			assertThat(owners.subList(1, 4)).allSatisfy(e -> {
				assertThat(e.id()).isNull();
				assertThat(e.occurredAt()).isNull();
				assertThat(e.streamId()).isNull();
				assertThat(e.viewerId()).isNull();
				assertThat(e.amount()).isNull();
				assertThat(e.attributes()).isEmpty();
			});
			// fields without attributes, and a type filter with it
			List<PlatformEvent> reportFields = log.afterInSlots(positions, lastSeq(), 100, null, Set.of(), Set.of(EventType.REPORT_FILED));
			assertThat(reportFields.get(2)).extracting(PlatformEvent::id, PlatformEvent::viewerId).containsExactly("rep1", "v2");
			assertThat(reportFields.get(2).attributes()).isEmpty();
			assertThat(log.afterInSlots(positions, lastSeq(), 100, Set.of(EventType.GIFT_SENT), null, registrations))
				.singleElement()
				.satisfies(e -> assertThat(e.amount()).isNull());
		}
	}

	private long lastSeq() {
		return jdbc.sql("select max(seq) from platform_event").query(Long.class).single();
	}
}
