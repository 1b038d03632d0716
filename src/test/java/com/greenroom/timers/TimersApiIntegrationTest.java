package com.greenroom.timers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class TimersApiIntegrationTest {

	private static final Instant T = TestClock.START.plus(Duration.ofMinutes(10));

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Timers timers;

	@Autowired
	TestClock clock;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void anAdminSeesTimersPerKindAndStatusPagedNextDueFirst() {
		for (int i = 0; i < 3; i++) {
			timers.schedule(TimerRequest.of(NoopTimerHandler.KIND, "noop:" + i, T.plusSeconds(i)));
		}
		timers.schedule(TimerRequest.of(ProbeTimerHandler.KIND, "probe:done", TestClock.START));
		timers.fireDue(TestClock.START);

		JsonNode first = api.get("/api/v1/timers?status=pending&kind=noop&limit=2", TestData.ADMIN_TOKEN).json();
		assertThat(first.get("items")).extracting(t -> t.get("key").asString()).containsExactly("noop:0", "noop:1");
		JsonNode second = api
			.get("/api/v1/timers?status=PENDING&kind=noop&limit=2&cursor=" + first.get("nextCursor").asString(), TestData.ADMIN_TOKEN)
			.json();
		assertThat(second.get("items")).extracting(t -> t.get("key").asString()).containsExactly("noop:2");
		assertThat(second.has("nextCursor")).isFalse();

		JsonNode fired = api.get("/api/v1/timers?status=FIRED&kind=" + ProbeTimerHandler.KIND, TestData.ADMIN_TOKEN).json();
		assertThat(fired.get("items")).extracting(t -> t.get("key").asString()).containsExactly("probe:done");
		assertThat(fired.get("counts")).anySatisfy(c -> {
			assertThat(c.get("kind").asString()).isEqualTo(NoopTimerHandler.KIND);
			assertThat(c.get("status").asString()).isEqualTo("PENDING");
			assertThat(c.get("count").asLong()).isEqualTo(3);
		});
	}

	@Test
	void onlyAdminsSeeTimersAndBadFiltersAreRefusedNamingTheField() {
		String manager = data.tokenOf(data.manager("mia", "LATAM"));

		assertThat(api.get("/api/v1/timers", manager).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/timers?status=SOON", TestData.ADMIN_TOKEN).json().get("field").asString()).isEqualTo("status");
		assertThat(api.get("/api/v1/timers?cursor=nonsense", TestData.ADMIN_TOKEN).json().get("field").asString()).isEqualTo("cursor");
		assertThat(api.get("/api/v1/timers?limit=0", TestData.ADMIN_TOKEN).json().get("field").asString()).isEqualTo("limit");
	}

	@Test
	void anAdminRetriesAFailedTimerAuditedAndItFiresOnTheNextPoll() {
		timers.schedule(TimerRequest.of("no-such-kind", "orphan:1", TestClock.START));
		timers.schedule(TimerRequest.of(NoopTimerHandler.KIND, "noop:later", T));
		timers.fireDue(TestClock.START);
		Timer failed = timers.find("orphan:1").orElseThrow();
		assertThat(failed.status()).isEqualTo(TimerStatus.FAILED);
		long pending = timers.find("noop:later").orElseThrow().id();
		String manager = data.tokenOf(data.manager("mia", "LATAM"));

		assertThat(api.post("/api/v1/timers/" + failed.id() + "/retry", manager, "").status()).isEqualTo(403);
		assertThat(api.post("/api/v1/timers/" + pending + "/retry", TestData.ADMIN_TOKEN, "").status()).isEqualTo(409);
		assertThat(api.post("/api/v1/timers/999999/retry", TestData.ADMIN_TOKEN, "").status()).isEqualTo(404);
		clock.set(TestClock.START.plusSeconds(30));
		Api.Response retried = api.post("/api/v1/timers/" + failed.id() + "/retry", TestData.ADMIN_TOKEN, "");

		assertThat(retried.status()).isEqualTo(200);
		assertThat(retried.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(retried.json().get("dueAt").asString()).isEqualTo(TestClock.START.plusSeconds(30).toString());
		JsonNode audit = api.get("/api/v1/audit?entityType=timer&entityId=orphan:1", TestData.ADMIN_TOKEN).json();
		assertThat(audit.get("items")).hasSize(1);
		assertThat(audit.get("items").get(0).get("action").asString()).isEqualTo("retried");
		assertThat(audit.get("items").get(0).get("actor").asString()).isEqualTo("admin");
	}

	@Test
	void firingsFailuresAndTheFiringDelayAreExposedAsMetrics() {
		timers.schedule(TimerRequest.of(NoopTimerHandler.KIND, "noop:metric", T));
		timers.schedule(new TimerRequest(ProbeTimerHandler.KIND, "probe:metric-fail", T, "fail"));
		clock.set(T.plusMillis(1500));
		timers.fireDue(T.plusMillis(1500));

		String metrics = api.get("/actuator/prometheus", TestData.ADMIN_TOKEN).body();
		assertThat(metrics).contains("# HELP greenroom_timers_fired_timers_total ")
			.containsPattern("greenroom_timers_fired_timers_total\\{kind=\"noop\"\\} [1-9]")
			.containsPattern("greenroom_timers_failures_attempts_total\\{kind=\"test-probe\"\\} [1-9]")
			.containsPattern("greenroom_timers_delay_seconds_bucket\\{kind=\"noop\",le=\"[0-9.]+\"\\}")
			.contains("# HELP greenroom_timers_overdue_timers ");
	}
}
