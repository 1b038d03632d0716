package com.greenroom.events;

import static com.greenroom.support.EventFeed.gift;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A poison event (here: a gift accepted before today's limits, too large for the revenue columns) is
 * quarantined by the activity projection, which moves past it; an admin retries it after a fix. The
 * poison belongs to another creator: activity recomputes a creator's day from the log, so while it is
 * poisoned, every event of that creator and day would be set aside with it.
 */
@IntegrationTest
@com.greenroom.support.ExpectsQuarantine
class ProjectionQuarantineIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	PlatformEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	Instant at;

	@BeforeEach
	void reset() {
		data.reset();
		data.creator("ana", "ana", "BR");
		at = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
		feed.send(gift("g1", "ana", "s1", "v1", "1.00", at), gift("g2", "ana", "s1", "v2", "2.00", at.plusSeconds(1)),
				gift("g3", "bob", "s2", "v3", "3.00", at.plusSeconds(2)), gift("g4", "ana", "s1", "v4", "4.00", at.plusSeconds(3)),
				gift("g5", "ana", "s1", "v5", "5.00", at.plusSeconds(4)));
		// as if accepted by a release without today's limits
		jdbc.sql("update platform_event set amount_usd = 1e18 where event_id = 'g3'").update();
		jdbc.sql("delete from projection_position").update();
	}

	@Test
	void aPoisonEventIsQuarantinedAndTheActivityMovesPastIt() {
		events.catchUp();

		assertThat(events.positions()).containsEntry("activity", lastSeq());
		assertThat(revenueOf("ana")).isEqualTo("12.000000");
		JsonNode page = api.get("/api/v1/events/quarantine", TestData.ADMIN_TOKEN).json();
		assertThat(page.get("items")).hasSize(1);
		JsonNode entry = page.get("items").get(0);
		assertThat(entry.get("projection").asString()).isEqualTo("activity");
		assertThat(entry.get("eventId").asString()).isEqualTo("g3");
		assertThat(entry.get("eventType").asString()).isEqualTo("gift.sent");
		assertThat(entry.get("creatorId").asString()).isEqualTo("bob");
		assertThat(entry.get("attempts").asInt()).isEqualTo(1);
		assertThat(entry.get("error").asString()).containsIgnoringCase("numeric field overflow");
		assertThat(audited("quarantined")).isEqualTo(1);
	}

	@Test
	void adminsRetryAQuarantinedEventAfterTheFixAndTheRetryIsAudited() {
		events.catchUp();
		long id = onlyEntryId();

		Api.Response failedAgain = api.post("/api/v1/events/quarantine/" + id + "/retry", TestData.ADMIN_TOKEN, "");
		assertThat(failedAgain.status()).as(failedAgain.body()).isEqualTo(200);
		assertThat(failedAgain.json().get("outcome").asString()).isEqualTo("FAILED");
		assertThat(api.get("/api/v1/events/quarantine", TestData.ADMIN_TOKEN).json().get("items").get(0).get("attempts").asInt()).isEqualTo(2);

		jdbc.sql("update platform_event set amount_usd = 3.00 where event_id = 'g3'").update();
		Api.Response applied = api.post("/api/v1/events/quarantine/" + id + "/retry", TestData.ADMIN_TOKEN, "");

		assertThat(applied.json().get("outcome").asString()).isEqualTo("APPLIED");
		assertThat(revenueOf("bob")).isEqualTo("3.000000");
		assertThat(api.get("/api/v1/events/quarantine", TestData.ADMIN_TOKEN).json().get("items")).isEmpty();
		assertThat(audited("retried: failed again")).isEqualTo(1);
		assertThat(audited("retried: applied")).isEqualTo(1);
		assertThat(api.post("/api/v1/events/quarantine/" + id + "/retry", TestData.ADMIN_TOKEN, "").status()).isEqualTo(404);
	}

	@Test
	void retryAllAppliesEveryFixedEvent() {
		events.catchUp();
		jdbc.sql("update platform_event set amount_usd = 3.00 where event_id = 'g3'").update();

		Api.Response response = api.post("/api/v1/events/quarantine/retry", TestData.ADMIN_TOKEN, "");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get(0).get("outcome").asString()).isEqualTo("APPLIED");
		assertThat(revenueOf("bob")).isEqualTo("3.000000");
	}

	@Test
	void aRebuildReplaysQuarantinedEventsToo() {
		events.catchUp();
		jdbc.sql("update platform_event set amount_usd = 3.00 where event_id = 'g3'").update();

		events.rebuild();

		assertThat(revenueOf("bob")).isEqualTo("3.000000");
		assertThat(jdbc.sql("select count(*) from projection_quarantine").query(Long.class).single()).isZero();
	}

	@Test
	void theQuarantineShowsInTheMetricsAndTheHealthOfAdminsWhileTheNodeStaysUp() {
		events.catchUp();

		String metrics = api.get("/actuator/prometheus", TestData.ADMIN_TOKEN).body();
		assertThat(metrics).contains("# HELP greenroom_projection_quarantine_events ")
			.contains("greenroom_projection_quarantine_events{projection=\"activity\"} 1.0")
			.contains("# HELP greenroom_projection_quarantined_events_total ")
			.containsPattern("greenroom_projection_quarantined_events_total\\{projection=\"activity\"\\} [1-9]");
		JsonNode health = api.get("/actuator/health", TestData.ADMIN_TOKEN).json();
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("quarantine").get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("quarantine").get("details").get("quarantinedEvents").asLong()).isEqualTo(1);
		assertThat(api.get("/actuator/health", null).json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void onlyAdminsSeeOrRetryTheQuarantine() {
		events.catchUp();
		String manager = data.tokenOf(data.manager("mia", "LATAM"));

		assertThat(api.get("/api/v1/events/quarantine", manager).status()).isEqualTo(403);
		assertThat(api.post("/api/v1/events/quarantine/retry", manager, "").status()).isEqualTo(403);
		assertThat(api.get("/api/v1/events/quarantine", data.integrationToken()).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/events/quarantine", null).status()).isEqualTo(401);
	}

	private long onlyEntryId() {
		List<Long> ids = jdbc.sql("select id from projection_quarantine").query(Long.class).list();
		assertThat(ids).hasSize(1);
		return ids.get(0);
	}

	private long audited(String action) {
		return jdbc.sql("select count(*) from audit_log where entity_type = 'projection_quarantine' and action = :a")
			.param("a", action)
			.query(Long.class)
			.single();
	}

	private long lastSeq() {
		return jdbc.sql("select max(seq) from platform_event").query(Long.class).single();
	}

	private String revenueOf(String creatorId) {
		return jdbc.sql("select coalesce(sum(gift_revenue_usd), 0)::text from activity_creator_day where creator_id = :c")
			.param("c", creatorId)
			.query(String.class)
			.single();
	}
}
