package com.greenroom.creators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import com.greenroom.system.SubstringSearch;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class CreatorsApiIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SubstringSearch substrings;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void addingACreatorPlacesItInTheRegionOfItsCountryWithThatRegionsTimeZone() {
		Api.Response created = api.post("/api/v1/creators", TestData.ADMIN_TOKEN, """
				{"creatorId": "c-100", "handle": "luna", "country": "BR", "language": "pt-BR"}""");

		assertThat(created.status()).isEqualTo(201);
		JsonNode creator = api.get("/api/v1/creators/c-100", TestData.ADMIN_TOKEN).json();
		assertThat(creator.get("regionCode").asString()).isEqualTo("LATAM");
		assertThat(creator.get("timeZone").asString()).isEqualTo("America/Sao_Paulo");
		assertThat(creator.get("status").asString()).isEqualTo("ACTIVE");
	}

	@Test
	void patchChangesOnlyTheNamedFieldsAndIsAuditedWithBeforeAndAfter() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR");

		Api.Response patched = api.patch("/api/v1/creators/c-1", TestData.ADMIN_TOKEN, """
				{"handle": "luna.live", "managerId": %d}""".formatted(ana.id()));

		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().get("handle").asString()).isEqualTo("luna.live");
		assertThat(patched.json().get("managerName").asString()).isEqualTo("Ana");
		assertThat(patched.json().get("country").asString()).isEqualTo("BR");
		JsonNode audit = api.get("/api/v1/audit?entityType=creator&entityId=c-1", TestData.ADMIN_TOKEN).json().get("items");
		assertThat(audit.get(0).get("action").asString()).isEqualTo("updated");
		assertThat(audit.get(0).get("actor").asString()).isEqualTo("admin");
		assertThat(audit.get(0).get("before").get("handle").asString()).isEqualTo("luna");
		assertThat(audit.get(0).get("after").get("handle").asString()).isEqualTo("luna.live");
		assertThat(audit.get(0).get("after").get("managerId").asLong()).isEqualTo(ana.id());
		assertThat(audit.get(1).get("action").asString()).isEqualTo("created");
	}

	@Test
	void rosterFiltersByRegionManagerStatusAndText() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR", ana.id());
		data.creator("c-2", "sol", "MX");
		data.creator("c-3", "lunar", "ID");

		assertThat(handles("/api/v1/creators?region=LATAM")).containsExactly("luna", "sol");
		assertThat(handles("/api/v1/creators?manager=" + ana.id())).containsExactly("luna");
		assertThat(handles("/api/v1/creators?manager=none")).containsExactly("lunar", "sol");
		assertThat(handles("/api/v1/creators?q=LUN")).containsExactly("luna", "lunar");
		assertThat(handles("/api/v1/creators?status=PAUSED")).isEmpty();
	}

	@Test
	void aTextWhoseTrigramsMostHandlesShareFindsExactlyTheCreatorsContainingIt() {
		// 100 handles sharing "creator1": the index is asked for the text's uncommon stretch only ("042", V306's statistics)
		jdbc.sql("""
				insert into creator (creator_id, handle, country, region_code, time_zone, status, registered_at, notes, created_at, updated_at)
				select 'c-' || g, 'creator' || g, 'SG', 'SEA', 'Asia/Singapore', 'ACTIVE', now(), '', now(), now()
				from generate_series(1000, 1099) g""").update();
		data.creator("c-decoy", "zz042", "SG"); // holds the uncommon stretch, not the text
		data.creator("c-x", "xCreator1042y", "BR");
		jdbc.sql("analyze creator").update();
		substrings.forget(); // read the new statistics now, not after SubstringSearch.REFRESH

		assertThat(substrings.pattern("creator_handle_trigrams", "creator1042").index()).isEqualTo("%042%");
		// every trigram of "creator104" is common ("104" the least: one in ten): the index is asked for that one alone
		assertThat(substrings.pattern("creator_handle_trigrams", "creator104").index()).isEqualTo("%104%");
		assertThat(handles("/api/v1/creators?q=Creator1042")).containsExactly("creator1042", "xCreator1042y");
		assertThat(handles("/api/v1/creators?q=c-1042")).containsExactly("creator1042");
		assertThat(handles("/api/v1/creators?q=creator104&limit=3")).containsExactly("creator1040", "creator1041", "creator1042");
		assertThat(handles("/api/v1/creators?q=zzqx")).isEmpty();
	}

	@Test
	void cursorPaginationWalksTheWholeRosterOnceInHandleOrder() {
		for (int i = 0; i < 7; i++) {
			data.creator("c-" + i, "creator" + i, "SG");
		}
		List<String> seen = new ArrayList<>();
		String cursor = "";
		int pages = 0;
		do {
			JsonNode page = api.get("/api/v1/creators?limit=3" + (cursor.isEmpty() ? "" : "&cursor=" + cursor), TestData.ADMIN_TOKEN).json();
			page.get("items").forEach(c -> seen.add(c.get("handle").asString()));
			cursor = page.has("nextCursor") && !page.get("nextCursor").isNull() ? page.get("nextCursor").asString() : "";
			pages++;
		}
		while (!cursor.isEmpty());
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactly("creator0", "creator1", "creator2", "creator3", "creator4", "creator5", "creator6");
	}

	@Test
	void csvExportHoldsTheFilteredRosterAndNeutralisesFormulas() {
		data.creator("c-1", "=HYPERLINK(\"x\")", "BR");
		data.creator("c-2", "sol", "ID");

		Api.Response csv = api.get("/api/v1/creators.csv?region=LATAM", TestData.ADMIN_TOKEN);

		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.body().lines().toList()).hasSize(2);
		assertThat(csv.body()).startsWith("creator_id,handle,country,region").contains("c-1,\"'=HYPERLINK").doesNotContain("c-2");
	}

	@Test
	void bulkAssignmentGivesEveryCreatorTheManagerOrNoneAtAll() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR");
		data.creator("c-2", "sol", "MX");
		data.creator("c-3", "kai", "ID");

		Api.Response refused = api.post("/api/v1/creators/manager-assignments", TestData.ADMIN_TOKEN, """
				{"creatorIds": ["c-1", "c-3"], "managerId": %d}""".formatted(ana.id()));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("managerId");
		assertThat(refused.json().get("detail").asString()).contains("does not work in region SEA");
		assertThat(handles("/api/v1/creators?manager=" + ana.id())).isEmpty();

		Api.Response assigned = api.post("/api/v1/creators/manager-assignments", TestData.ADMIN_TOKEN, """
				{"creatorIds": ["c-1", "c-2"], "managerId": %d}""".formatted(ana.id()));
		assertThat(assigned.status()).isEqualTo(200);
		assertThat(handles("/api/v1/creators?manager=" + ana.id())).containsExactly("luna", "sol");
	}

	@Test
	void aManagerSeesOnlyCreatorsOfTheirRegionsAndAnotherRegionsCreatorIsNotFound() {
		UserSummary ana = data.manager("ana", "LATAM");
		String token = data.tokenOf(ana);
		data.creator("c-br", "luna", "BR");
		data.creator("c-id", "kai", "ID");

		assertThat(handlesAs(token, "/api/v1/creators")).containsExactly("luna");
		assertThat(handlesAs(token, "/api/v1/creators?region=SEA")).isEmpty();
		assertThat(api.get("/api/v1/creators/c-id", token).status()).isEqualTo(404);
		assertThat(api.patch("/api/v1/creators/c-id", token, "{\"handle\": \"stolen\"}").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/creators.csv", token).body()).contains("c-br").doesNotContain("c-id");
		Api.Response bulk = api.post("/api/v1/creators/manager-assignments", token, """
				{"creatorIds": ["c-id"], "managerId": null}""");
		assertThat(bulk.status()).isEqualTo(404);
		Api.Response elsewhere = api.post("/api/v1/creators", token, """
				{"creatorId": "c-new", "handle": "nova", "country": "ID"}""");
		assertThat(elsewhere.status()).isEqualTo(400);
		assertThat(elsewhere.json().get("field").asString()).isEqualTo("region");
		assertThat(jdbc.sql("select handle from creator where creator_id = 'c-id'").query(String.class).single()).isEqualTo("kai");
	}

	@Test
	void analystsReadButDoNotChangeCreators() {
		UserSummary ann = data.user("ann", List.of("ANALYST"), "LATAM");
		String token = data.tokenOf(ann);
		data.creator("c-1", "luna", "BR");

		assertThat(api.get("/api/v1/creators/c-1", token).status()).isEqualTo(200);
		assertThat(api.patch("/api/v1/creators/c-1", token, "{\"handle\": \"x\"}").status()).isEqualTo(403);
	}

	@Test
	void badInputIsRefusedWithAProblemNamingTheFieldAndChangesNothing() {
		data.creator("c-1", "luna", "BR");

		assertProblem(api.post("/api/v1/creators", TestData.ADMIN_TOKEN, """
				{"creatorId": "c-2", "handle": "x", "country": "BR", "region": "MARS"}"""), 400, "region");
		assertProblem(api.post("/api/v1/creators", TestData.ADMIN_TOKEN, """
				{"creatorId": "c-2", "handle": "x", "country": "Brazil"}"""), 400, "country");
		assertProblem(api.post("/api/v1/creators", TestData.ADMIN_TOKEN, """
				{"creatorId": "c-2", "handle": "x", "country": "BR", "timeZone": "GMT+3"}"""), 400, "timeZone");
		assertProblem(api.post("/api/v1/creators", TestData.ADMIN_TOKEN, """
				{"creatorId": "c-1", "handle": "again", "country": "BR"}"""), 409, "creatorId");
		assertProblem(api.post("/api/v1/creators", TestData.ADMIN_TOKEN, "{\"creatorId\": "), 400, "body");
		assertProblem(api.patch("/api/v1/creators/c-1", TestData.ADMIN_TOKEN, "{\"colour\": \"red\"}"), 400, "colour");
		assertProblem(api.patch("/api/v1/creators/c-1", TestData.ADMIN_TOKEN, "{\"status\": \"GONE\"}"), 400, "status");
		assertProblem(api.get("/api/v1/creators?cursor=not-a-cursor", TestData.ADMIN_TOKEN), 400, "cursor");
		assertProblem(api.get("/api/v1/creators?limit=0", TestData.ADMIN_TOKEN), 400, "limit");
		assertProblem(api.get("/api/v1/creators?region=MARS", TestData.ADMIN_TOKEN), 400, "region");
		assertProblem(api.postDeclaring("/api/v1/creators", TestData.ADMIN_TOKEN, "application/json", 1_100_000), 413, "body");

		assertThat(jdbc.sql("select count(*) from creator").query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select handle || status from creator").query(String.class).single()).isEqualTo("lunaACTIVE");
	}

	private void assertProblem(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("field").asString()).isEqualTo(field);
		assertThat(response.json().get("detail").asString()).isNotBlank();
	}

	private List<String> handles(String path) {
		return handlesAs(TestData.ADMIN_TOKEN, path);
	}

	private List<String> handlesAs(String token, String path) {
		Api.Response response = api.get(path, token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<String> handles = new ArrayList<>();
		response.json().get("items").forEach(c -> handles.add(c.get("handle").asString()));
		return handles;
	}
}
