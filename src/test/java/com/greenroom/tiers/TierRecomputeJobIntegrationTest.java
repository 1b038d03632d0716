package com.greenroom.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class TierRecomputeJobIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	TestClock clock;

	@Autowired
	Regions regions;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void reset() {
		data.reset();
	}

	private JsonNode finished(String token, long id) {
		String path = "/api/v1/tiers/recompute/" + id;
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			String status = api.get(path, token).json().get("status").asString();
			return status.equals("DONE") || status.equals("FAILED");
		});
		return api.get(path, token).json();
	}

	@Test
	void recomputingEveryRegionAnswersAtOnceWithAJobThatReportsEachRegionDoneWithItsCounts() {
		data.creator("c-1", "luna", "BR");
		data.creator("c-2", "sol", "BR");
		data.creator("c-3", "mar", "MX");
		clock.advance(Duration.ofMinutes(1)); // tiers count creators registered before the job's instant

		Api.Response started = api.post("/api/v1/tiers/recompute", TestData.ADMIN_TOKEN, "");

		assertThat(started.status()).isEqualTo(202);
		long id = started.json().get("id").asLong();
		assertThat(started.json().get("regionsTotal").asInt()).isEqualTo(regions.all().size());
		JsonNode job = finished(TestData.ADMIN_TOKEN, id);
		assertThat(job.get("status").asString()).isEqualTo("DONE");
		assertThat(job.get("regionsDone").asInt()).isEqualTo(regions.all().size());
		assertThat(job.get("asOf").asString()).isEqualTo(clock.instant().toString());
		List<String> order = new ArrayList<>();
		for (JsonNode region : job.get("regions")) {
			order.add(region.get("region").asString());
			assertThat(region.get("status").asString()).isEqualTo("DONE");
			assertThat(region.get("finishedAt").isNull()).isFalse();
			if (region.get("region").asString().equals("LATAM")) {
				assertThat(region.get("creators").asInt()).isEqualTo(3);
				assertThat(region.get("counts").get("NEW").asInt()).as("registered a minute ago").isEqualTo(3);
			}
			else {
				assertThat(region.get("creators").asInt()).isZero();
			}
		}
		assertThat(order).containsExactlyElementsOf(regions.all().stream().map(Region::code).toList());
		assertThat(api.get("/api/v1/tiers?region=LATAM", TestData.ADMIN_TOKEN).json().size()).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'tier_recompute_job' and action = 'requested'")
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'tiers' and action = 'recomputed'").query(Long.class).single())
			.isEqualTo(regions.all().size());
	}

	@Test
	void anUnknownJobIsANotFoundProblem() {
		for (String id : List.of("999999", "0", "abc", "-1")) {
			Api.Response response = api.get("/api/v1/tiers/recompute/" + id, TestData.ADMIN_TOKEN);
			assertThat(response.status()).as(id).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	@Test
	void aLeadsJobCoversHerRegionOnlyAndOthersCannotSeeIt() {
		String lead = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), "LATAM"));
		String otherLead = data.tokenOf(data.user("otto", List.of("REGIONAL_LEAD"), "EU"));
		String manager = data.tokenOf(data.manager("mia", "LATAM"));

		Api.Response started = api.post("/api/v1/tiers/recompute", lead, "");
		assertThat(started.status()).isEqualTo(202);
		long id = started.json().get("id").asLong();
		JsonNode job = finished(lead, id);
		assertThat(job.get("regions").size()).isEqualTo(1);
		assertThat(job.get("regions").get(0).get("region").asString()).isEqualTo("LATAM");
		assertThat(job.get("requestedBy").asString()).isEqualTo("lena");

		assertThat(api.get("/api/v1/tiers/recompute/" + id, otherLead).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/tiers/recompute/" + id, TestData.ADMIN_TOKEN).status()).isEqualTo(200);
		long everyRegion = api.post("/api/v1/tiers/recompute", TestData.ADMIN_TOKEN, "").json().get("id").asLong();
		assertThat(api.get("/api/v1/tiers/recompute/" + everyRegion, lead).status()).as("covers regions she cannot see").isEqualTo(404);
		finished(TestData.ADMIN_TOKEN, everyRegion);

		assertThat(api.post("/api/v1/tiers/recompute", manager, "").status()).isEqualTo(403);
		assertThat(api.post("/api/v1/tiers/recompute?region=EU", lead, "").status()).isEqualTo(403);
		Api.Response unknown = api.post("/api/v1/tiers/recompute?region=NOPE", lead, "");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("region");
		assertThat(jdbc.sql("select count(*) from tier_recompute_job").query(Long.class).single()).as("refusals record nothing").isEqualTo(2);
	}

	@Test
	void aJobWhoseNodeStoppedBeatingIsShownInterruptedAfterTwoMinutesNotRunningForever() {
		// a job another node was running when it died: one region done, one running, one still queued
		java.sql.Timestamp lastBeat = java.sql.Timestamp.from(clock.instant());
		long dead = jdbc.sql("""
				insert into tier_recompute_job (requested_by, requested_at, as_of, status, started_at, heartbeat_at)
				values ('admin', :at, :at, 'RUNNING', :at, :at) returning id""").param("at", lastBeat).query(Long.class).single();
		jdbc.sql("""
				insert into tier_recompute_region (job_id, region_code, position, status, creators, counts, started_at, finished_at)
				values (:id, 'EU', 0, 'DONE', 0, '{}', :at, :at)""").param("id", dead).param("at", lastBeat).update();
		jdbc.sql("insert into tier_recompute_region (job_id, region_code, position, status, started_at) values (:id, 'LATAM', 1, 'RUNNING', :at)")
			.param("id", dead)
			.param("at", lastBeat)
			.update();
		jdbc.sql("insert into tier_recompute_region (job_id, region_code, position, status) values (:id, 'NA', 2, 'QUEUED')")
			.param("id", dead)
			.update();
		String path = "/api/v1/tiers/recompute/" + dead;

		clock.advance(Duration.ofSeconds(119));
		assertThat(api.get(path, TestData.ADMIN_TOKEN).json().get("status").asString()).as("a heartbeat 1:59 old is alive").isEqualTo("RUNNING");

		clock.advance(Duration.ofSeconds(2));
		JsonNode job = api.get(path, TestData.ADMIN_TOKEN).json();
		assertThat(job.get("status").asString()).isEqualTo("INTERRUPTED");
		assertThat(job.get("finishedAt").asString()).isEqualTo(clock.instant().toString());
		assertThat(job.get("regions").get(0).get("status").asString()).as("what was done stays done").isEqualTo("DONE");
		assertThat(job.get("regions").get(1).get("status").asString()).isEqualTo("INTERRUPTED");
		assertThat(job.get("regions").get(2).get("status").asString()).isEqualTo("INTERRUPTED");
		assertThat(job.get("regions").get(1).get("error").asString()).contains("stopped");

		clock.advance(Duration.ofMinutes(1)); // a job of this node still runs and finishes normally
		JsonNode next = finished(TestData.ADMIN_TOKEN, api.post("/api/v1/tiers/recompute", TestData.ADMIN_TOKEN, "").json().get("id").asLong());
		assertThat(next.get("status").asString()).isEqualTo("DONE");
	}
}
