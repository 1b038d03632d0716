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
class TemplatesIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Creators creators;

	@Autowired
	AuditLog audit;

	UserSummary ana;

	String leadToken;

	String anaToken;

	@BeforeEach
	void reset() {
		data.reset();
		ana = data.manager("ana", "LATAM");
		anaToken = data.tokenOf(ana);
		leadToken = data.tokenOf(data.user("lea", List.of("REGIONAL_LEAD"), "LATAM"));
		creators.create(data.admin(), new CreatorDraft("c-br", "luna", "BR", null, "pt-BR", null, ana.id(), null, null, null,
				"luna@example.com", false));
		creators.create(data.admin(), new CreatorDraft("c-mx", "sol", "MX", null, null, null, null, null, null, null));
		creators.create(data.admin(), new CreatorDraft("c-jp", "hana", "JP", null, "ja", null, null, null, null, null));
	}

	private Api.Response save(String token, String key, String channel, String locale, String subject, String body) {
		return api.post("/api/v1/templates", token, """
				{"key": "%s", "purpose": "Welcome a new creator", "channel": "%s", "locale": "%s", "subject": "%s", "body": "%s"}"""
			.formatted(key, channel, locale, subject, body));
	}

	private static List<String> fields(Api.Response response) {
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		return fields;
	}

	@Test
	void aCreatorGetsTheVariantInTheirLanguageThenTheirRegionsThenEnglishWithEveryPlaceholderFilled() {
		assertThat(save(leadToken, "welcome", "EMAIL", "en", "Welcome, {{creator.handle}}",
				"Hi {{creator.handle}}, I am {{manager.name}}. Next: {{milestones.next}}.")
			.status()).isEqualTo(201);
		assertThat(save(leadToken, "welcome", "EMAIL", "pt-br", "Bem-vinda, {{creator.handle}}", "Oi {{creator.handle}}, sou {{manager.name}}.")
			.status()).isEqualTo(201);
		assertThat(save(leadToken, "welcome", "EMAIL", "es", "Bienvenido, {{creator.handle}}", "Hola {{creator.handle}}, soy {{manager.name}}.")
			.status()).isEqualTo(201);

		JsonNode brazil = api.get("/api/v1/templates/welcome/preview?creatorId=c-br", anaToken).json();
		assertThat(brazil.get("locale").asString()).isEqualTo("pt-BR");
		assertThat(brazil.get("subject").asString()).isEqualTo("Bem-vinda, luna");
		assertThat(brazil.get("body").asString()).isEqualTo("Oi luna, sou Ana.");

		// no language: LATAM's language is Spanish; no manager: the placeholder's fallback, never a blank
		JsonNode mexico = api.get("/api/v1/templates/welcome/preview?creatorId=c-mx", anaToken).json();
		assertThat(mexico.get("locale").asString()).isEqualTo("es");
		assertThat(mexico.get("body").asString()).isEqualTo("Hola sol, soy the Greenroom creator team.");

		JsonNode japan = api.get("/api/v1/templates/welcome/preview?creatorId=c-jp", data.ADMIN_TOKEN).json();
		assertThat(japan.get("locale").asString()).isEqualTo("en");
		assertThat(japan.get("body").asString()).isEqualTo("Hi hana, I am the Greenroom creator team. Next: First stream.");

		JsonNode versions = api.get("/api/v1/templates/welcome/versions", anaToken).json();
		assertThat(versions).hasSize(3);
		assertThat(versions.get(0).get("version").asInt()).isEqualTo(3);
		assertThat(api.get("/api/v1/templates/welcome", anaToken).json().get("variants")).hasSize(3);
	}

	@Test
	void aNewVersionOfALocaleReplacesItForSendsAndKeepsTheOldOneReadable() {
		save(leadToken, "nudge", "IN_APP", "en", "Go live", "Hi {{creator.handle}}");
		save(leadToken, "nudge", "IN_APP", "en", "Go live today", "Hey {{creator.handle}}");

		assertThat(api.get("/api/v1/templates/nudge/preview?creatorId=c-mx", anaToken).json().get("body").asString()).isEqualTo("Hey sol");
		assertThat(api.get("/api/v1/templates/nudge/versions/1", anaToken).json().get("body").asString()).isEqualTo("Hi {{creator.handle}}");
		assertThat(audit.search(new AuditLog.AuditQuery("comms_template", "nudge", "lea"), null, 10).items())
			.extracting(e -> e.action())
			.containsExactly("version saved", "created");
	}

	@Test
	void anUnknownPlaceholderIsRefusedAtSaveTimeNamingTheField() {
		Api.Response refused = save(leadToken, "welcome", "EMAIL", "en", "Hi {{creator.nickname}}", "Your {{campaign.name}} starts");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(fields(refused)).containsExactly("subject", "body");
		assertThat(refused.body()).contains("{{creator.nickname}}");
		assertThat(api.get("/api/v1/templates/welcome", leadToken).status()).isEqualTo(404);
	}

	@Test
	void badInputIsOneProblemNamingEveryFieldAndChangesNothing() {
		Api.Response refused = save(leadToken, "Bad Key", "SMS", "not a locale", "", "{{#creator.handle}}x{{/creator.handle}}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(fields(refused)).contains("key", "channel", "locale", "subject", "body");
		assertThat(api.get("/api/v1/templates", leadToken).json()).isEmpty();

		assertThat(save(anaToken, "welcome", "EMAIL", "en", "Hi", "Hi").status()).isEqualTo(403);
		save(leadToken, "welcome", "EMAIL", "en", "Hi", "Hi");
		Api.Response otherChannel = save(leadToken, "welcome", "IN_APP", "en", "Hi", "Hi");
		assertThat(otherChannel.status()).isEqualTo(409);
		assertThat(otherChannel.json().get("field").asString()).isEqualTo("channel");
		Api.Response unknownLocale = api.get("/api/v1/templates/welcome/preview?creatorId=c-br&locale=fr", anaToken);
		assertThat(unknownLocale.status()).isEqualTo(400);
		assertThat(unknownLocale.json().get("field").asString()).isEqualTo("locale");
	}

	@Test
	void previewIsOnlyForCreatorsInTheViewersRegions() {
		save(leadToken, "welcome", "EMAIL", "en", "Hi", "Hi {{creator.handle}}");
		String hansToken = data.tokenOf(data.manager("hans", "EU"));

		assertThat(api.get("/api/v1/templates/welcome/preview?creatorId=c-br", hansToken).status()).isEqualTo(404);
		Api.Response text = api.post("/api/v1/templates/preview", anaToken,
				"{\"creatorId\": \"c-br\", \"subject\": \"For {{creator.handle}}\", \"body\": \"Region {{creator.region}}\"}");
		assertThat(text.json().get("body").asString()).isEqualTo("Region LATAM");
		assertThat(api.post("/api/v1/templates/preview", hansToken, "{\"creatorId\": \"c-br\", \"subject\": \"x\", \"body\": \"y\"}").status())
			.isEqualTo(404);
	}
}
