package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/** Spreadsheet users ask for a UTF-8 byte order mark on any CSV download; everyone else gets plain UTF-8. */
@IntegrationTest
class CsvByteOrderMarkIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@BeforeEach
	void aCreatorWithANameInAnotherScript() {
		data.reset();
		data.creator("c-1", "Lúna 星", "BR");
	}

	@Test
	void bomTrueStartsTheCsvWithTheUtf8ByteOrderMark() throws Exception {
		byte[] body = download("/api/v1/creators.csv?region=LATAM&bom=true");

		assertThat(Arrays.copyOf(body, 3)).containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
		assertThat(new String(body, 3, body.length - 3, StandardCharsets.UTF_8)).startsWith("creator_id,").contains("Lúna 星");
	}

	@Test
	void withoutBomTheCsvStartsWithItsHeader() throws Exception {
		assertThat(new String(download("/api/v1/creators.csv?region=LATAM"), StandardCharsets.UTF_8)).startsWith("creator_id,");
		assertThat(new String(download("/api/v1/creators.csv?bom=false"), StandardCharsets.UTF_8)).startsWith("creator_id,");
	}

	@Test
	void aBomThatIsNeitherTrueNorFalseIsNamed() {
		Api.Response refused = api.get("/api/v1/creators.csv?bom=yes", TestData.ADMIN_TOKEN);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("bom");
	}

	@Test
	void jsonAnswersIgnoreTheBomParameter() {
		Api.Response json = api.get("/api/v1/creators/c-1?bom=true", TestData.ADMIN_TOKEN);

		assertThat(json.status()).isEqualTo(200);
		assertThat(json.body()).startsWith("{");
	}

	private byte[] download(String path) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(api.request(path, TestData.ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		return response.body();
	}
}
