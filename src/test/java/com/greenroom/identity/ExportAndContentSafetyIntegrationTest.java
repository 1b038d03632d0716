package com.greenroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What users put in reaches others safely: CSV cells never run as formulas, Markdown links only go to
 * http(s) or mail, and only an integration token pushes platform events.
 */
@IntegrationTest
class ExportAndContentSafetyIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	TestClock clock;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void aManagerNamedLikeAFormulaIsExportedAsText() {
		var manager = data.user("mallory", List.of(Role.CREATOR_MANAGER.name()), "LATAM");
		api.patch("/api/v1/users/" + manager.id(), TestData.ADMIN_TOKEN, """
				{"displayName": "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"}""");
		data.creator("c-1", "luna", "BR", manager.id());

		String csv = api.get("/api/v1/creators.csv", TestData.ADMIN_TOKEN).body();

		assertThat(csv).contains("\"'=HYPERLINK(").doesNotContain(",\"=HYPERLINK(");
	}

	@Test
	void guidanceLinksGoOnlyToHttpHttpsOrMail() {
		var created = api.post("/api/v1/onboarding/templates", TestData.ADMIN_TOKEN,
				"""
						{"name": "Links", "region": "LATAM", "steps": [{"key": "read", "title": "Read", "ownerRole": "CREATOR_MANAGER",
						 "dueOffset": 1, "dueUnit": "DAYS", "required": true,
						 "guidance": "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [b](javascript:alert(1)) [c](vbscript:x) [d](https://example.com/guide) [e](mailto:help@example.com)"}]}""");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);

		JsonNode step = created.json().get("steps").get(0);
		String html = step.get("guidanceHtml").asString();

		assertThat(html).doesNotContain("data:").doesNotContain("javascript:").doesNotContain("vbscript:");
		assertThat(html).contains("href=\"https://example.com/guide\"").contains("href=\"mailto:help@example.com\"");
	}

	@Test
	void aPersonalTokenOfAnIntegrationUserCannotIngest() {
		var platform = data.user("platform-bot", List.of(Role.INTEGRATION.name()));
		String personal = data.tokenOf(platform);
		String event = """
				[{"id": "e-1", "type": "follow.created", "occurredAt": "%s", "creatorId": "c-1", "viewerId": "v-1"}]""".formatted(clock.instant());

		assertThat(api.post("/api/v1/events", personal, event).status()).isEqualTo(403);
		assertThat(api.post("/api/v1/events", data.integrationToken(), event).status()).isEqualTo(200);
	}
}
