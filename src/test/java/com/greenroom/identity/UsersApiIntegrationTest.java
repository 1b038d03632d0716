package com.greenroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class UsersApiIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void anAdminCreatesAManagerWhoseTokenWorksUntilRevoked() {
		JsonNode user = api.post("/api/v1/users", TestData.ADMIN_TOKEN, """
				{"username": "ana", "displayName": "Ana Lima", "email": "ana@example.com", "password": "long-enough-password",
				 "roles": ["CREATOR_MANAGER"], "regions": ["LATAM"]}""").json();
		long id = user.get("id").asLong();

		JsonNode issued = api.post("/api/v1/users/" + id + "/tokens", TestData.ADMIN_TOKEN, """
				{"name": "scripts", "kind": "PERSONAL"}""").json();
		String secret = issued.get("secret").asString();
		assertThat(secret).startsWith("gr_");
		assertThat(api.get("/api/v1/creators", secret).status()).isEqualTo(200);
		JsonNode listed = api.get("/api/v1/users/" + id + "/tokens", TestData.ADMIN_TOKEN).json().get(0);
		assertThat(listed.has("secret")).isFalse();
		assertThat(listed.get("lastUsedAt").isNull()).isFalse();

		long tokenId = issued.get("token").get("id").asLong();
		assertThat(api.delete("/api/v1/users/" + id + "/tokens/" + tokenId, TestData.ADMIN_TOKEN).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/creators", secret).status()).isEqualTo(401);
	}

	@Test
	void passwordsAndTokensAreStoredOnlyAsHashes() {
		var ana = data.manager("ana", "LATAM");
		String secret = data.tokenOf(ana);

		String hash = jdbc.sql("select password_hash from app_user where id = :id").param("id", ana.id()).query(String.class).single();
		assertThat(hash).startsWith("{bcrypt}").doesNotContain(TestData.PASSWORD);
		assertThat(jdbc.sql("select count(*) from api_token where prefix = :s").param("s", secret).query(Long.class).single()).isZero();
	}

	@Test
	void disablingAUserStopsTheirTokens() {
		var ana = data.manager("ana", "LATAM");
		String secret = data.tokenOf(ana);

		assertThat(api.patch("/api/v1/users/" + ana.id(), TestData.ADMIN_TOKEN, "{\"enabled\": false}").status()).isEqualTo(200);

		assertThat(api.get("/api/v1/creators", secret).status()).isEqualTo(401);
	}

	@Autowired
	Users users;

	@Test
	void aPersonsOwnTimeZoneWinsOverTheirRegionsZone() {
		JsonNode nia = api.post("/api/v1/users", TestData.ADMIN_TOKEN, """
				{"username": "nia", "displayName": "Nia", "roles": ["CREATOR_MANAGER"], "regions": ["SEA"], "timeZone": "Europe/Berlin"}""")
			.json();
		var kai = data.manager("kai", "SEA");

		assertThat(users.timeZoneOf(data.viewerOf(users.find(nia.get("id").asLong()).orElseThrow())).getId()).isEqualTo("Europe/Berlin");
		assertThat(users.timeZoneOf(data.viewerOf(kai)).getId()).isEqualTo("Asia/Singapore");
		api.patch("/api/v1/users/" + nia.get("id").asLong(), TestData.ADMIN_TOKEN, "{\"timeZone\": \"\"}");
		assertThat(users.timeZoneOf(data.viewerOf(users.find(nia.get("id").asLong()).orElseThrow())).getId()).isEqualTo("Asia/Singapore");
	}

	@Test
	void theLastEnabledAdminCannotBeDisabledOrDemoted() {
		Api.Response disabled = api.patch("/api/v1/users/" + data.admin().userId(), TestData.ADMIN_TOKEN, "{\"enabled\": false}");
		assertThat(disabled.status()).isEqualTo(409);
		assertThat(disabled.json().get("field").asString()).isEqualTo("enabled");
		Api.Response demoted = api.patch("/api/v1/users/" + data.admin().userId(), TestData.ADMIN_TOKEN, "{\"roles\": [\"ANALYST\"]}");
		assertThat(demoted.status()).isEqualTo(409);
		assertThat(demoted.json().get("field").asString()).isEqualTo("roles");
		assertThat(api.get("/api/v1/users", TestData.ADMIN_TOKEN).status()).isEqualTo(200);
	}

	@Test
	void anIntegrationTokenMayOnlyPushEvents() {
		var platform = data.user("platform", java.util.List.of("ADMIN"));
		JsonNode issued = api.post("/api/v1/users/" + platform.id() + "/tokens", TestData.ADMIN_TOKEN, """
				{"name": "ingest", "kind": "INTEGRATION"}""").json();

		assertThat(api.get("/api/v1/creators", issued.get("secret").asString()).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/users", issued.get("secret").asString()).status()).isEqualTo(403);
	}

	@Test
	void badUserInputIsRefusedNamingTheField() {
		assertProblem(api.post("/api/v1/users", TestData.ADMIN_TOKEN, """
				{"username": "bo", "displayName": "Bo", "roles": ["WIZARD"], "regions": []}"""), 400, "roles[0]");
		assertProblem(api.post("/api/v1/users", TestData.ADMIN_TOKEN, """
				{"username": "bo", "displayName": "Bo", "roles": ["ANALYST"], "regions": ["MARS"]}"""), 400, "regions[0]");
		assertProblem(api.post("/api/v1/users", TestData.ADMIN_TOKEN, """
				{"username": "Bo Smith", "displayName": "Bo", "roles": ["ANALYST"]}"""), 400, "username");
		assertProblem(api.post("/api/v1/users", TestData.ADMIN_TOKEN, """
				{"username": "bo", "displayName": "Bo", "roles": ["ANALYST"], "password": "short"}"""), 400, "password");
		assertProblem(api.post("/api/v1/users", TestData.ADMIN_TOKEN, """
				{"username": "admin", "displayName": "Again", "roles": ["ANALYST"]}"""), 409, "username");
		assertProblem(api.post("/api/v1/users", TestData.ADMIN_TOKEN, """
				{"username": "bo", "displayName": "Bo", "roles": ["ANALYST"], "timeZone": "CET+1"}"""), 400, "timeZone");
		assertProblem(api.post("/api/v1/users/1/tokens", TestData.ADMIN_TOKEN, """
				{"name": "x", "kind": "ROOT"}"""), 400, "kind");
		assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void onlyAdminsManageUsersOrReadTheAuditLog() {
		String token = data.tokenOf(data.user("lead", java.util.List.of("REGIONAL_LEAD"), "SEA"));
		assertThat(api.get("/api/v1/users", token).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/audit", token).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/audit", TestData.ADMIN_TOKEN).status()).isEqualTo(200);
	}

	private void assertProblem(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.json().get("field").asString()).isEqualTo(field);
	}
}
