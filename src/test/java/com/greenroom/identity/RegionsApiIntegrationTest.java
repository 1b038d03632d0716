package com.greenroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class RegionsApiIntegrationTest {

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
	void defaultRegionsCoverTheWorldWithTimeZones() {
		Api.Response regions = api.get("/api/v1/regions", TestData.ADMIN_TOKEN);
		List<String> codes = new ArrayList<>();
		regions.json().forEach(r -> codes.add(r.get("code").asString()));
		assertThat(codes).contains("NA", "LATAM", "EU", "MENA", "SSA", "SA", "SEA", "EA", "OC");
		long mapped = jdbc.sql("select count(*) from region_country").query(Long.class).single();
		assertThat(mapped).isGreaterThan(180);
	}

	@Test
	void anAdminCreatesARegionAndItIsAudited() {
		Api.Response created = api.post("/api/v1/regions", TestData.ADMIN_TOKEN, """
				{"code": "ANTARCTICA", "name": "Antarctica", "timeZone": "Antarctica/McMurdo", "countries": ["AQ"]}""");

		assertThat(created.status()).isEqualTo(201);
		assertThat(api.get("/api/v1/regions/ANTARCTICA", TestData.ADMIN_TOKEN).json().get("countries").get(0).asString()).isEqualTo("AQ");
		assertThat(api.get("/api/v1/audit?entityType=region&entityId=ANTARCTICA", TestData.ADMIN_TOKEN).json().get("items").size())
			.isEqualTo(1);
	}

	@Test
	void aRegionCanTakeOverACountryOnlyOnceItsOldRegionLetsGo() {
		api.post("/api/v1/regions", TestData.ADMIN_TOKEN, """
				{"code": "BENELUX", "name": "Benelux", "timeZone": "Europe/Brussels"}""");

		Api.Response taken = api.patch("/api/v1/regions/BENELUX", TestData.ADMIN_TOKEN, "{\"countries\": [\"BE\"]}");
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().get("field").asString()).isEqualTo("countries");
		assertThat(taken.json().get("detail").asString()).contains("BE (EU)");
	}

	@Test
	void badRegionInputIsRefusedNamingTheField() {
		assertProblem(api.post("/api/v1/regions", TestData.ADMIN_TOKEN, """
				{"code": "X1", "name": "X", "timeZone": "Mars/Olympus"}"""), 400, "timeZone");
		assertProblem(api.post("/api/v1/regions", TestData.ADMIN_TOKEN, """
				{"code": "X1", "name": "X", "timeZone": "UTC", "countries": ["ZZZ"]}"""), 400, "countries[0]");
		assertProblem(api.post("/api/v1/regions", TestData.ADMIN_TOKEN, """
				{"code": "lower", "name": "X", "timeZone": "UTC"}"""), 400, "code");
		assertProblem(api.post("/api/v1/regions", TestData.ADMIN_TOKEN, """
				{"code": "SEA", "name": "Again", "timeZone": "UTC"}"""), 409, "code");
		assertThat(jdbc.sql("select count(*) from region where code in ('X1', 'LOWER')").query(Long.class).single()).isZero();
	}

	@Test
	void onlyAdminsChangeRegions() {
		String token = data.tokenOf(data.manager("ana", "LATAM"));
		assertThat(api.get("/api/v1/regions", token).status()).isEqualTo(200);
		assertThat(api.post("/api/v1/regions", token, """
				{"code": "NEW", "name": "New", "timeZone": "UTC"}""").status()).isEqualTo(403);
	}

	private void assertProblem(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.json().get("field").asString()).isEqualTo(field);
	}
}
