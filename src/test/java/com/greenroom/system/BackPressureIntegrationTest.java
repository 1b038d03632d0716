package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/** Back-pressure instead of failure: a saturated pool answers 503 with Retry-After, and ingest keeps its own share. */
@IntegrationTest
class BackPressureIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Bulkheads bulkheads;

	@Autowired
	HikariDataSource pool;

	@Autowired
	PoolProperties pools;

	@Autowired
	Clock clock;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void thePoolHoldsEveryShare() {
		assertThat(pool.getMaximumPoolSize()).isEqualTo(pools.web() + pools.export() + pools.ingest() + pools.background());
	}

	@Test
	void downloadsHoldTheExportShareSoSlowDownloadersNeverHoldThePermitsPagesNeed() throws Exception {
		List<Bulkhead.Permit> held = new ArrayList<>();
		try {
			for (int i = 0; i < bulkheads.web().size(); i++) {
				held.add(bulkheads.web().acquire());
			}
			// every web permit taken: a page waits, a download does not
			HttpResponse<String> csv = get("/api/v1/creators.csv", TestData.ADMIN_TOKEN);
			assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
			assertThat(csv.body()).contains("creator_id");
			assertThat(head("/api/v1/creators.csv", TestData.ADMIN_TOKEN).statusCode()).as("a HEAD writes the same file").isEqualTo(200);
			assertThat(get("/api/v1/creators", TestData.ADMIN_TOKEN).statusCode()).isEqualTo(503);
		}
		finally {
			held.forEach(Bulkhead.Permit::close);
		}
		held.clear();
		try {
			for (int i = 0; i < bulkheads.export().size(); i++) {
				held.add(bulkheads.export().acquire());
			}
			// every export permit taken (slow downloaders): pages answer, the next download is refused with Retry-After
			assertThat(get("/api/v1/creators", TestData.ADMIN_TOKEN).statusCode()).isEqualTo(200);
			HttpResponse<String> busy = get("/api/v1/creators.csv", TestData.ADMIN_TOKEN);
			assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
			assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(busy.body()).contains("export connections are in use");
			assertThat(head("/api/v1/creators.csv", TestData.ADMIN_TOKEN).statusCode()).isEqualTo(503);
		}
		finally {
			held.forEach(Bulkhead.Permit::close);
		}
		assertThat(get("/api/v1/creators.csv", TestData.ADMIN_TOKEN).statusCode()).isEqualTo(200);
		assertThat(bulkheads.web().inUse()).isZero();
		assertThat(bulkheads.export().inUse()).isZero();
	}

	@Test
	void whileEveryWebConnectionIsBusyTheApiAnswers503WithRetryAfterAndEventsAreStillAppended() throws Exception {
		String ingestToken = data.integrationToken();
		List<Bulkhead.Permit> held = new ArrayList<>();
		try {
			for (int i = 0; i < bulkheads.web().size(); i++) {
				held.add(bulkheads.web().acquire());
			}

			HttpResponse<String> busy = get("/api/v1/creators", TestData.ADMIN_TOKEN);
			assertThat(busy.statusCode()).isEqualTo(503);
			assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(busy.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			assertThat(busy.body()).contains("\"type\":\"https://greenroom.app/problems/service-unavailable\"", "\"status\":503",
					"\"instance\":\"/api/v1/creators\"");

			HttpResponse<String> ingest = http.send(request("/api/v1/events", ingestToken).header("Content-Type", "application/x-ndjson")
				.POST(HttpRequest.BodyPublishers.ofString(EventFeed.follow("f1", "c-1", "v1", clock.instant().minusSeconds(60))))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
			assertThat(ingest.body()).contains("\"accepted\":1");
			assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
		}
		finally {
			held.forEach(Bulkhead.Permit::close);
		}
		assertThat(get("/api/v1/creators", TestData.ADMIN_TOKEN).statusCode()).isEqualTo(200);
	}

	@Test
	void whileEveryIngestConnectionIsBusyAnAppendIsRefusedWith503AndRetryAfterAndNothingIsStored() throws Exception {
		String ingestToken = data.integrationToken();
		List<Bulkhead.Permit> held = new ArrayList<>();
		try {
			for (int i = 0; i < bulkheads.ingest().size(); i++) {
				held.add(bulkheads.ingest().acquire());
			}

			HttpResponse<String> busy = http.send(request("/api/v1/events", ingestToken).header("Content-Type", "application/x-ndjson")
				.POST(HttpRequest.BodyPublishers.ofString(EventFeed.follow("f1", "c-1", "v1", clock.instant().minusSeconds(60))))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
			assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(get("/api/v1/creators", TestData.ADMIN_TOKEN).statusCode()).isEqualTo(200);
		}
		finally {
			held.forEach(Bulkhead.Permit::close);
		}
		assertThat(jdbc.sql("select count(*) from platform_event").query(Long.class).single()).isZero();
	}

	@Test
	void whenThePoolHasNoConnectionLeftRequestsAreAnswered503WithRetryAfterNotA500() throws Exception {
		List<Connection> held = new ArrayList<>();
		try {
			while (held.size() < pool.getMaximumPoolSize()) {
				held.add(pool.getConnection());
			}

			HttpResponse<String> busy = get("/api/v1/creators", TestData.ADMIN_TOKEN);

			assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
			assertThat(busy.headers().firstValue("Retry-After")).isPresent();
			assertThat(busy.body()).contains("service-unavailable").doesNotContain("Exception");
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		assertThat(get("/api/v1/creators", TestData.ADMIN_TOKEN).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<Void> head(String path, String token) throws Exception {
		return http.send(request(path, token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api.baseUrl() + path));
		return token == null ? builder : builder.header("Authorization", "Bearer " + token);
	}
}
