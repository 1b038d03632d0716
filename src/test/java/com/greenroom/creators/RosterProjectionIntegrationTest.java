package com.greenroom.creators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.PlatformEvents;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class RosterProjectionIntegrationTest {

	@Autowired
	PlatformEvents events;

	@Autowired
	Creators creators;

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
	void aRegistrationAddsAnActiveCreatorPlacedByCountryAndAuditedAsThePlatform() {
		Instant registered = now.minus(Duration.ofDays(3));
		ingest(registration("r1", "c1", "ana", "BR", null, null, registered));

		Creator creator = creators.find("c1").orElseThrow();
		assertThat(creator.status()).isEqualTo(CreatorStatus.ACTIVE);
		assertThat(creator.handle()).isEqualTo("ana");
		assertThat(creator.regionCode()).isEqualTo("LATAM");
		assertThat(creator.timeZone()).isEqualTo("America/Sao_Paulo");
		assertThat(creator.registeredAt()).isEqualTo(registered);
		assertThat(auditActions("c1")).containsExactly("platform registered");
	}

	@Test
	void eventsBeforeTheRegistrationLeaveAPendingPlaceholderThatTheRegistrationCompletes() {
		ingest(follow("f1", "c2", now.minus(Duration.ofHours(2))));

		Creator placeholder = creators.find("c2").orElseThrow();
		assertThat(placeholder.status()).isEqualTo(CreatorStatus.PENDING);
		assertThat(placeholder.handle()).isEqualTo("c2");
		assertThat(placeholder.regionCode()).isNull();

		Instant registered = now.minus(Duration.ofDays(1));
		ingest(registration("r2", "c2", "budi", "ID", "id-ID", "Asia/Jakarta", registered));

		Creator completed = creators.find("c2").orElseThrow();
		assertThat(completed.status()).isEqualTo(CreatorStatus.ACTIVE);
		assertThat(completed.handle()).isEqualTo("budi");
		assertThat(completed.regionCode()).isEqualTo("SEA");
		assertThat(completed.timeZone()).isEqualTo("Asia/Jakarta");
		assertThat(completed.language()).isEqualTo("id-ID");
		assertThat(completed.registeredAt()).isEqualTo(registered);
		assertThat(auditActions("c2")).containsExactly("platform seen before registration", "platform registration completed");
	}

	@Test
	void theOrderOfARegistrationAndOtherEventsInABatchDoesNotMatter() {
		Instant at = now.minus(Duration.ofHours(5));
		ingest(follow("f1", "early", at) + "\n" + registration("r1", "early", "e", "MX", null, null, at));
		ingest(registration("r2", "late", "l", "MX", null, null, at) + "\n" + follow("f2", "late", at));

		assertThat(List.of(creators.find("early").orElseThrow(), creators.find("late").orElseThrow()))
			.allSatisfy(c -> {
				assertThat(c.status()).isEqualTo(CreatorStatus.ACTIVE);
				assertThat(c.regionCode()).isEqualTo("LATAM");
				assertThat(c.registeredAt()).isEqualTo(at);
			});
	}

	@Test
	void aRepeatedRegistrationKeepsWhatTheTeamSetAndTheEarliestRegistrationTime() {
		data.creator("c3", "Hand Picked", "PH");
		Instant later = now.minus(Duration.ofDays(1));
		Instant earlier = now.minus(Duration.ofDays(30));
		ingest(registration("r1", "c3", "platform-name", "PH", "fil", null, later));
		ingest(registration("r2", "c3", "platform-name", "PH", null, null, earlier));

		Creator creator = creators.find("c3").orElseThrow();
		assertThat(creator.handle()).isEqualTo("Hand Picked");
		assertThat(creator.language()).isEqualTo("fil");
		assertThat(creator.registeredAt()).isEqualTo(earlier);
	}

	@Test
	void oneBatchAddsNewCreatorsCompletesPlaceholdersAndMergesARepeatAsOneRegistrationAfterAnotherWould() {
		ingest(follow("f1", "p1", now.minus(Duration.ofHours(1))));
		Instant later = now.minus(Duration.ofDays(1));
		Instant earlier = now.minus(Duration.ofDays(9));
		ingest(String.join("\n", registration("r1", "n1", "nina", "BR", null, null, later),
				registration("r2", "p1", "pia", "ID", null, null, later), registration("r3", "n1", "other-name", "BR", "pt-BR", null, earlier),
				registration("r4", "n2", "noor", "DE", null, "Europe/Berlin", later)));

		Creator repeated = creators.find("n1").orElseThrow();
		assertThat(repeated.status()).isEqualTo(CreatorStatus.ACTIVE);
		assertThat(repeated.handle()).isEqualTo("nina");
		assertThat(repeated.language()).isEqualTo("pt-BR");
		assertThat(repeated.regionCode()).isEqualTo("LATAM");
		assertThat(repeated.registeredAt()).isEqualTo(earlier);
		assertThat(auditActions("n1")).containsExactly("platform registered", "platform registration merged");
		Creator completed = creators.find("p1").orElseThrow();
		assertThat(completed.status()).isEqualTo(CreatorStatus.ACTIVE);
		assertThat(completed.handle()).isEqualTo("pia");
		assertThat(completed.regionCode()).isEqualTo("SEA");
		assertThat(auditActions("p1")).containsExactly("platform seen before registration", "platform registration completed");
		Creator added = creators.find("n2").orElseThrow();
		assertThat(added.timeZone()).isEqualTo("Europe/Berlin");
		assertThat(added.registeredAt()).isEqualTo(later);
		assertThat(auditActions("n2")).containsExactly("platform registered");
	}

	@Test
	void aRebuildLeavesTheRosterAsItWas() {
		ingest(follow("f1", "c4", now.minus(Duration.ofHours(3))) + "\n" + registration("r1", "c5", "eve", "DE", null, null, now)
				+ "\n" + follow("f2", "c6", now));
		ingest(registration("r2", "c6", "six", "JP", null, null, now.minus(Duration.ofDays(2))));
		List<String> before = roster();

		events.rebuild();

		assertThat(roster()).isEqualTo(before);
	}

	private void ingest(String ndjson) {
		assertThat(events.ingestNdjson(ndjson.getBytes()).rejected()).isEmpty();
		events.catchUp();
	}

	private List<String> roster() {
		return jdbc.sql("""
				select creator_id || ' ' || handle || ' ' || status || ' ' || coalesce(region_code, '-') || ' ' || coalesce(time_zone, '-')
				       || ' ' || coalesce(registered_at::text, '-')
				from creator order by creator_id""").query(String.class).list();
	}

	private List<String> auditActions(String creatorId) {
		return jdbc.sql("select actor || ' ' || action from audit_log where entity_type = 'creator' and entity_id = :id order by id")
			.param("id", creatorId)
			.query(String.class)
			.list();
	}

	private static String registration(String id, String creatorId, String handle, String country, String language, String zone,
			Instant at) {
		return "{\"id\":\"%s\",\"type\":\"creator.registered\",\"occurredAt\":\"%s\",\"creatorId\":\"%s\",\"handle\":\"%s\",\"country\":\"%s\"%s%s}"
			.formatted(id, at, creatorId, handle, country, language == null ? "" : ",\"language\":\"" + language + "\"",
					zone == null ? "" : ",\"timezone\":\"" + zone + "\"");
	}

	private static String follow(String id, String creatorId, Instant at) {
		return "{\"id\":\"%s\",\"type\":\"follow.created\",\"occurredAt\":\"%s\",\"creatorId\":\"%s\",\"viewerId\":\"v1\"}".formatted(id, at,
				creatorId);
	}
}
