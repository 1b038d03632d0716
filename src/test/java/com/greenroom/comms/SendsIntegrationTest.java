package com.greenroom.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class SendsIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Creators creators;

	@Autowired
	AuditLog audit;

	UserSummary ana;

	String anaToken;

	@BeforeEach
	void reset() {
		data.reset();
		ana = data.manager("ana", "LATAM");
		anaToken = data.tokenOf(ana);
		creators.create(data.admin(), new CreatorDraft("c-br", "luna", "BR", null, "pt-BR", null, ana.id(), null, null, null,
				"luna@example.com", false));
		creators.create(data.admin(), new CreatorDraft("c-mx", "sol", "MX", null, "es-MX", null, ana.id(), null, null, null,
				"sol@example.com", true));
		creators.create(data.admin(), new CreatorDraft("c-ar", "rio", "AR", null, "es", null, null, null, null, null));
		creators.create(data.admin(), new CreatorDraft("c-de", "berlin", "DE", null, "de", null, null, null, null, null,
				"berlin@example.com", false));
		String admin = TestData.ADMIN_TOKEN;
		api.post("/api/v1/templates", admin, """
				{"key": "welcome", "channel": "EMAIL", "locale": "en", "subject": "Welcome {{creator.handle}}", "body": "Hi {{creator.handle}}"}""");
		api.post("/api/v1/templates", admin, """
				{"key": "welcome", "channel": "EMAIL", "locale": "pt", "subject": "Oi {{creator.handle}}", "body": "Oi {{creator.handle}}"}""");
	}

	private Api.Response send(String token, String body) {
		return api.post("/api/v1/sends", token, body);
	}

	private static List<String> fields(Api.Response response) {
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		return fields;
	}

	private static JsonNode recipient(JsonNode send, String creatorId) {
		for (JsonNode r : send.get("recipients")) {
			if (r.get("creatorId").asString().equals(creatorId)) {
				return r;
			}
		}
		throw new AssertionError("no recipient " + creatorId + " in " + send);
	}

	@Test
	void aRepeatedRequestWithTheSameIdempotencyKeyReturnsTheSameSendAndMessagesNobodyTwice() {
		String body = """
				{"template": "welcome", "creatorIds": ["c-br", "c-mx", "c-ar"], "idempotencyKey": "week-48-welcome"}""";

		Api.Response first = send(anaToken, body);
		Api.Response again = send(anaToken, body);

		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
		assertThat(again.json().get("repeated").asBoolean()).isTrue();
		assertThat(api.get("/api/v1/sends", anaToken).json()).hasSize(1);
		JsonNode send = first.json();
		assertThat(recipient(send, "c-br").get("status").asString()).isEqualTo("PENDING");
		assertThat(recipient(send, "c-br").get("locale").asString()).isEqualTo("pt");
		assertThat(recipient(send, "c-mx").get("status").asString()).isEqualTo("SKIPPED");
		assertThat(recipient(send, "c-mx").get("reason").asString()).isEqualTo("opted out of communications");
		assertThat(recipient(send, "c-ar").get("reason").asString()).isEqualTo("has no email address");
		assertThat(send.get("counts").get("SKIPPED").asInt()).isEqualTo(2);
		assertThat(audit.search(new AuditLog.AuditQuery("comms_send", send.get("id").asString(), "ana"), null, 10).items()).hasSize(1);

		Api.Response otherTemplate = send(anaToken, """
				{"template": "other", "creatorIds": ["c-br"], "idempotencyKey": "week-48-welcome"}""");
		assertThat(otherTemplate.status()).isEqualTo(409);
		assertThat(otherTemplate.json().get("field").asString()).isEqualTo("idempotencyKey");
	}

	@Test
	void aSegmentSendReachesTheMatchingCreatorsOfTheSendersRegionsOnly() {
		Api.Response count = api.post("/api/v1/segments/count", anaToken, "{\"language\": \"es\"}");
		assertThat(count.json().get("count").asInt()).isEqualTo(2);

		Api.Response sent = send(anaToken, """
				{"template": "welcome", "segment": {"manager": "me"}, "idempotencyKey": "k1"}""");

		assertThat(sent.status()).isEqualTo(201);
		assertThat(sent.json().get("recipients")).extracting(r -> r.get("creatorId").asString()).containsExactly("c-br", "c-mx");
		Api.Response everyone = send(anaToken, """
				{"template": "welcome", "segment": {}, "idempotencyKey": "k2"}""");
		assertThat(everyone.json().get("recipients")).extracting(r -> r.get("creatorId").asString()).doesNotContain("c-de");

		Api.Response otherRegion = send(anaToken, """
				{"template": "welcome", "segment": {"region": "EU"}, "idempotencyKey": "k3"}""");
		assertThat(otherRegion.status()).isEqualTo(400);
		assertThat(fields(otherRegion)).containsExactly("segment.region");
		Api.Response otherCreator = send(anaToken, """
				{"template": "welcome", "creatorIds": ["c-br", "c-de"], "idempotencyKey": "k4"}""");
		assertThat(otherCreator.status()).isEqualTo(400);
		assertThat(fields(otherCreator)).containsExactly("creatorIds[1]");
		String hansToken = data.tokenOf(data.manager("hans", "EU"));
		assertThat(api.get("/api/v1/sends/" + sent.json().get("id").asLong(), hansToken).status()).isEqualTo(404);
	}

	@Test
	void badInputIsAProblemNamingTheFieldAndSendsNothing() {
		Api.Response empty = send(anaToken, """
				{"template": "welcome", "segment": {"country": "CL"}, "idempotencyKey": "k1"}""");
		assertThat(empty.status()).isEqualTo(400);
		assertThat(fields(empty)).containsExactly("segment");

		Api.Response noKey = send(anaToken, """
				{"template": "welcome", "creatorIds": ["c-br"]}""");
		assertThat(noKey.status()).isEqualTo(400);
		assertThat(fields(noKey)).containsExactly("idempotencyKey");

		Api.Response unknownLocale = send(anaToken, """
				{"template": "welcome", "creatorIds": ["c-br"], "idempotencyKey": "k2", "locale": "fr"}""");
		assertThat(unknownLocale.status()).isEqualTo(400);
		assertThat(fields(unknownLocale)).containsExactly("locale");

		Api.Response unknownTemplate = send(anaToken, """
				{"template": "nope", "creatorIds": ["c-br"], "idempotencyKey": "k3"}""");
		assertThat(fields(unknownTemplate)).containsExactly("template");

		Api.Response badSegment = send(anaToken, """
				{"template": "welcome", "segment": {"tier": "GIANT", "onboarding": "HALF", "country": "XX"}, "idempotencyKey": "k4"}""");
		assertThat(badSegment.status()).isEqualTo(400);
		assertThat(fields(badSegment)).contains("segment.onboarding");

		Api.Response both = send(anaToken, """
				{"template": "welcome", "creatorIds": ["c-br"], "segment": {}, "idempotencyKey": "k5"}""");
		assertThat(both.status()).isEqualTo(400);

		String analystToken = data.tokenOf(data.user("ada", List.of("ANALYST"), "LATAM"));
		assertThat(send(analystToken, """
				{"template": "welcome", "creatorIds": ["c-br"], "idempotencyKey": "k6"}""").status()).isEqualTo(403);
		assertThat(api.get("/api/v1/sends", TestData.ADMIN_TOKEN).json()).isEmpty();
	}

	@Test
	void aSendsRecipientsComePagedWithCountsAndTotalOverEveryRecipientTheReaderMaySee() {
		for (int i = 1; i <= 5; i++) {
			creators.create(data.admin(), new CreatorDraft("c-br" + i, "luna" + i, "BR", null, "pt-BR", null, ana.id(), null, null, null,
					"luna" + i + "@example.com", false));
		}
		Api.Response sent = send(TestData.ADMIN_TOKEN, """
				{"template": "welcome", "creatorIds": ["c-br", "c-br1", "c-br2", "c-br3", "c-br4", "c-br5", "c-mx", "c-de"],
				 "idempotencyKey": "paged"}""");
		assertThat(sent.status()).as(sent.body()).isEqualTo(201);
		String path = "/api/v1/sends/" + sent.json().get("id").asLong();

		JsonNode first = api.get(path + "?page=1&size=3", anaToken).json();
		assertThat(first.get("total").asInt()).as("ana sees her region's seven, not c-de").isEqualTo(7);
		assertThat(first.get("page").asInt()).isEqualTo(1);
		assertThat(first.get("size").asInt()).isEqualTo(3);
		assertThat(first.get("recipients")).extracting(r -> r.get("creatorId").asString()).containsExactly("c-br", "c-br1", "c-br2");
		assertThat(first.get("counts").get("PENDING").asInt()).isEqualTo(6);
		assertThat(first.get("counts").get("SKIPPED").asInt()).isEqualTo(1);
		JsonNode last = api.get(path + "?page=3&size=3", anaToken).json();
		assertThat(last.get("recipients")).extracting(r -> r.get("creatorId").asString()).containsExactly("c-mx");
		assertThat(last.get("counts")).isEqualTo(first.get("counts"));
		assertThat(api.get(path + "?page=4&size=3", anaToken).json().get("recipients")).isEmpty();
		assertThat(api.get(path, TestData.ADMIN_TOKEN).json().get("total").asInt()).isEqualTo(8);
		assertThat(api.get(path, TestData.ADMIN_TOKEN).json().get("size").asInt()).isEqualTo(100);

		Api.Response tooBig = api.get(path + "?size=501", anaToken);
		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(fields(tooBig)).containsExactly("size");
		assertThat(fields(api.get(path + "?page=0", anaToken))).containsExactly("page");
		assertThat(api.get(path + "?size=500", anaToken).json().get("recipients")).hasSize(7);
	}

	@Test
	void aCreatorsMessageHistoryListsWhatTheyWereSentOrSkippedFor() {
		send(anaToken, """
				{"template": "welcome", "creatorIds": ["c-mx"], "idempotencyKey": "k1"}""");

		JsonNode history = api.get("/api/v1/creators/c-mx/messages", anaToken).json();
		assertThat(history).hasSize(1);
		assertThat(history.get(0).get("status").asString()).isEqualTo("SKIPPED");
		assertThat(history.get(0).get("reason").asString()).isEqualTo("opted out of communications");
		assertThat(api.get("/api/v1/creators/c-mx/timeline", anaToken).body()).contains("MESSAGE");
	}
}
