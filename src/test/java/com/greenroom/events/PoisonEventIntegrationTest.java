package com.greenroom.events;

import static com.greenroom.support.EventFeed.gift;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One event must never stop the pipeline: what the activity projection cannot store is refused at ingest. */
@IntegrationTest
class PoisonEventIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

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
	}

	@Test
	void aGiftTooLargeForTheRevenueTablesIsRefusedAtIngestAndTheGiftsAfterItReachTheActivity() {
		Api.Response posted = post(gift("huge", "ana", "s1", "v1", "999999999999999999.99", at) + "\n"
				+ gift("small", "ana", "s1", "v2", "4.99", at.plusSeconds(10)) + "\n");

		assertThat(posted.status()).as(posted.body()).isEqualTo(200);
		assertThat(posted.json().get("accepted").asInt()).isEqualTo(1);
		JsonNode rejected = posted.json().get("rejected").get(0);
		assertThat(rejected.get("id").asString()).isEqualTo("huge");
		assertThat(rejected.get("field").asString()).isEqualTo("amount.value");

		events.catchUp();

		assertThat(events.positions()).containsEntry("activity", lastSeq());
		assertThat(revenueOf("ana")).isEqualTo("4.990000");
	}

	private Api.Response post(String ndjson) {
		return api.send(api.request("/api/v1/events", data.integrationToken())
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(ndjson))
			.build());
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
