package com.greenroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class AdminBootstrapIntegrationTest {

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
	void firstStartCreatesTheAdminWithAHashedPassword() {
		String hash = jdbc.sql("select password_hash from app_user where username = 'admin'").query(String.class).single();
		assertThat(hash).startsWith("{bcrypt}").doesNotContain("admin-password-for-tests");
	}

	@Test
	void adminTokenFromTheEnvironmentAuthenticatesAndIsStoredOnlyAsAHash() {
		assertThat(api.get("/api/v1/users", TestData.ADMIN_TOKEN).status()).isEqualTo(200);
		long plain = jdbc.sql("select count(*) from api_token where encode(token_hash, 'escape') like '%test-admin-token%' or prefix = :t")
			.param("t", TestData.ADMIN_TOKEN)
			.query(Long.class)
			.single();
		assertThat(plain).isZero();
		assertThat(jdbc.sql("select count(*) from api_token where token_hash = :h").param("h", Users.hash(TestData.ADMIN_TOKEN))
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void apiWithoutTokenAnswersUnauthorizedProblem() {
		Api.Response response = api.get("/api/v1/creators", null);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(api.get("/api/v1/creators", "not-a-real-token").status()).isEqualTo(401);
	}

	@Test
	void healthIsPublicAndMetricsNeedAnAdmin() {
		assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
		assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
		Api.Response metrics = api.get("/actuator/prometheus", TestData.ADMIN_TOKEN);
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void openApiDocumentDescribesTheApi() {
		Api.Response docs = api.get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").propertyNames()).contains("/api/v1/creators", "/api/v1/creators/{creatorId}",
				"/api/v1/creators.csv", "/api/v1/users", "/api/v1/users/{id}", "/api/v1/users/{id}/tokens", "/api/v1/regions",
				"/api/v1/audit");
	}
}
