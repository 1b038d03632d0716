package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/** ETags on single resources and If-Match on every PATCH and PUT: nobody overwrites a change they have not seen. */
@IntegrationTest
class ConditionalRequestsIntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	Api api;

	@Autowired
	TestData data;

	String ana;

	String bruno;

	@BeforeEach
	void twoLeadsOfOneRegion() {
		data.reset();
		ana = data.tokenOf(data.user("ana", List.of("REGIONAL_LEAD"), "LATAM"));
		bruno = data.tokenOf(data.user("bruno", List.of("REGIONAL_LEAD"), "LATAM"));
		data.creator("c-1", "luna", "BR");
	}

	@Test
	void twoLeadsEditingOneCreatorCannotOverwriteEachOtherSilently() {
		String anasTag = etagOf("/api/v1/creators/c-1", ana);
		String brunosTag = etagOf("/api/v1/creators/c-1", bruno);
		assertThat(anasTag).isEqualTo(brunosTag).startsWith("\"");

		HttpResponse<String> anasEdit = patch("/api/v1/creators/c-1", ana, anasTag, "{\"notes\":\"call on Mondays\"}");
		HttpResponse<String> brunosEdit = patch("/api/v1/creators/c-1", bruno, brunosTag, "{\"notes\":\"never call\"}");

		assertThat(anasEdit.statusCode()).isEqualTo(200);
		assertThat(brunosEdit.statusCode()).as(brunosEdit.body()).isEqualTo(412);
		assertThat(brunosEdit.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(brunosEdit.body()).contains("https://greenroom.app/problems/precondition-failed");
		assertThat(api.get("/api/v1/creators/c-1", TestData.ADMIN_TOKEN).json().get("notes").asString()).isEqualTo("call on Mondays");
		assertThat(api.get("/api/v1/audit?entityType=creator&entityId=c-1", TestData.ADMIN_TOKEN).json().get("items").size())
			.as("created, then Ana's change only").isEqualTo(2);
	}

	@Test
	void theTagOfWhatYouReadLetsYouChangeItAndThenIsStale() {
		String tag = etagOf("/api/v1/creators/c-1", ana);

		assertThat(patch("/api/v1/creators/c-1", ana, tag, "{\"handle\":\"luna.live\"}").statusCode()).isEqualTo(200);
		assertThat(etagOf("/api/v1/creators/c-1", ana)).isNotEqualTo(tag);
		assertThat(patch("/api/v1/creators/c-1", ana, tag, "{\"handle\":\"luna.tv\"}").statusCode()).isEqualTo(412);
		assertThat(patch("/api/v1/creators/c-1", ana, "*", "{\"handle\":\"luna.tv\"}").statusCode()).isEqualTo(200);
	}

	@Test
	void withoutIfMatchAChangeIsAppliedAsBefore() {
		assertThat(api.patch("/api/v1/creators/c-1", ana, "{\"notes\":\"x\"}").status()).isEqualTo(200);
	}

	@Test
	void ifMatchOnACreatorOutsideYourRegionsIsNotFoundNotAHint() {
		data.creator("c-9", "sora", "JP");

		assertThat(patch("/api/v1/creators/c-9", ana, "\"anything\"", "{\"notes\":\"x\"}").statusCode()).isEqualTo(404);
	}

	@Test
	void putIsGuardedTheSameWay() {
		String tag = etagOf("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN);
		String body = "{\"workingDays\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\"],\"holidays\":[]}";

		assertThat(send(api.request("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN).header("If-Match", tag)
			.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))).statusCode()).isEqualTo(200);
		assertThat(send(api.request("/api/v1/regions/EU/calendar", TestData.ADMIN_TOKEN).header("If-Match", tag)
			.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))).statusCode()).isEqualTo(412);
	}

	@Test
	void readingAgainWithTheSameTagIsNotModified() {
		String tag = etagOf("/api/v1/creators/c-1", ana);

		HttpResponse<String> again = send(api.request("/api/v1/creators/c-1", ana).header("If-None-Match", tag).GET());

		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
	}

	@Test
	void listsAreCompressedForClientsThatAcceptGzip() throws IOException {
		for (int i = 0; i < 40; i++) {
			data.creator("c-" + (100 + i), "creator-with-a-long-handle-" + i, "BR");
		}

		HttpResponse<byte[]> list = sendBytes(api.request("/api/v1/creators?limit=100", ana).header("Accept-Encoding", "gzip").GET());

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.headers().firstValue("Content-Encoding")).hasValue("gzip");
		byte[] json = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(list.body())).readAllBytes();
		assertThat(JsonMapper.builder().build().readTree(json).get("items").size()).isEqualTo(41);
	}

	@Test
	void listsInAShapeOfTheirOwnCarryNoTag() {
		HttpResponse<String> tasks = send(api.request("/api/v1/tasks?owner=none", ana).GET());
		HttpResponse<String> timers = send(api.request("/api/v1/timers", TestData.ADMIN_TOKEN).GET());

		assertThat(tasks.statusCode()).isEqualTo(200);
		assertThat(tasks.body()).contains("\"total\"");
		assertThat(tasks.headers().firstValue("ETag")).isEmpty();
		assertThat(timers.statusCode()).isEqualTo(200);
		assertThat(timers.body()).contains("\"counts\"");
		assertThat(timers.headers().firstValue("ETag")).isEmpty();
	}

	private String etagOf(String path, String token) {
		HttpResponse<String> response = send(api.request(path, token).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.headers().firstValue("ETag").orElseThrow();
	}

	private HttpResponse<String> patch(String path, String token, String ifMatch, String body) {
		return send(api.request(path, token).header("If-Match", ifMatch).header("Content-Type", "application/merge-patch+json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
