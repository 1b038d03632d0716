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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

	@Autowired
	Roster roster;

	@Autowired
	PlatformTransactionManager transactionManager;

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
	void aTextMostHandlesHoldIsPagedInHandleOrderFromTheHandleTrigramsExactlyAsTheRosterHoldsIt() {
		// 60 handles holding "star" in two regions, so every trigram of "star" is common and a page walks the list of its least
		// common trigram in handle order (V327); decoys holding one of its trigrams, a tie of the lowered handle, and creators
		// found by their platform id alone
		jdbc.sql("""
				insert into creator (creator_id, handle, country, region_code, time_zone, status, registered_at, notes, created_at, updated_at)
				select 'c-' || g, (array['star', 'Star_', 'superSTAR'])[1 + g % 3] || g, (array['SG', 'BR'])[1 + g % 2],
				       (array['SEA', 'LATAM'])[1 + g % 2], 'UTC', 'ACTIVE', now(), '', now(), now()
				from generate_series(1, 60) g""").update();
		data.creator("c-tie", "STAR3", "SG"); // lowered, the same handle as star3 (another region): after it, by id
		data.creator("star-id-1", "moon1", "BR"); // the text in the platform id only
		data.creator("star-id-2", "superstar99", "BR"); // in both: listed once
		data.creator("c-decoy-1", "stable", "BR"); // "sta", not the text
		data.creator("c-decoy-2", "guitar", "BR"); // "tar", not the text
		jdbc.sql("analyze creator").update();
		substrings.forget();
		assertThat(substrings.pattern("creator_handle_trigrams", "star").rarest()).isIn("sta", "tar");
		UserSummary lead = data.user("leia", List.of("REGIONAL_LEAD"), "LATAM");

		for (String sort : List.of("", "&sort=handle", "&sort=-handle")) {
			assertThat(allPages(TestData.ADMIN_TOKEN, "/api/v1/creators?q=STAR&limit=7" + sort))
				.as("admin" + sort)
				.containsExactlyElementsOf(expected("star", null, sort.endsWith("-handle")))
				.hasSize(63);
			assertThat(allPages(data.tokenOf(lead), "/api/v1/creators?q=star&limit=4" + sort))
				.as("lead" + sort)
				.containsExactlyElementsOf(expected("star", "LATAM", sort.endsWith("-handle")))
				.hasSize(32);
		}
		// a text of one common trigram: the index pattern is the whole text, and the walk still tests it on each creator
		assertThat(allPages(TestData.ADMIN_TOKEN, "/api/v1/creators?q=TAR&limit=8")).containsExactlyElementsOf(expected("tar", null, false))
			.contains("guitar")
			.hasSize(64);
		List<String> admin = allPages(TestData.ADMIN_TOKEN, "/api/v1/creators?q=star&limit=5");
		assertThat(admin.indexOf("STAR3")).isEqualTo(admin.indexOf("star3") + 1);

		// a handle changed: its trigrams move with it, in the same transaction
		assertThat(api.patch("/api/v1/creators/c-decoy-1", TestData.ADMIN_TOKEN, """
				{"handle": "a-star-is-born"}""").status()).isEqualTo(200);
		assertThat(api.patch("/api/v1/creators/c-3", TestData.ADMIN_TOKEN, """
				{"handle": "moon3"}""").status()).isEqualTo(200);
		assertThat(handles("/api/v1/creators?q=star&limit=2")).containsExactly("a-star-is-born", "moon1");
		assertThat(allPages(TestData.ADMIN_TOKEN, "/api/v1/creators?q=star&limit=9")).containsExactlyElementsOf(expected("star", null, false))
			.hasSize(63);
		assertThat(jdbc.sql("""
				select t.handle_key || ' ' || t.trigram from creator_handle_trigram t join creator c on c.id = t.creator_ref
				where c.creator_id in ('c-decoy-1', 'c-3')""").query(String.class).list())
			.containsExactlyInAnyOrder("a-star-is-born -bo", "a-star-is-born -is", "a-star-is-born -st", "a-star-is-born a-s", "a-star-is-born ar-",
					"a-star-is-born bor", "a-star-is-born is-", "a-star-is-born orn", "a-star-is-born r-i", "a-star-is-born s-b",
					"a-star-is-born sta", "a-star-is-born tar", "moon3 moo", "moon3 on3", "moon3 oon");
		// the walk's statement runs with generic plans in a transaction of its own: the setting stays out of a caller's
		String setting = new TransactionTemplate(transactionManager).execute(status -> {
			assertThat(roster.search(data.admin(), new RosterQuery(null, null, null, "star"), RosterView.DEFAULT, null, 3).items()).hasSize(3);
			return jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
		});
		assertThat(setting).isEqualTo("auto");
		// the walk stops where a page's other conditions could leave most matches out: a status is answered as before
		assertThat(handles("/api/v1/creators?q=star&status=ACTIVE&limit=3")).containsExactlyElementsOf(expected("star", null, false).subList(0, 3));
	}

	/** The handles of every page of a listing, following its cursors. */
	private List<String> allPages(String token, String path) {
		List<String> seen = new ArrayList<>();
		String cursor = "";
		do {
			Api.Response response = api.get(path + (cursor.isEmpty() ? "" : "&cursor=" + cursor), token);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			JsonNode page = response.json();
			page.get("items").forEach(c -> seen.add(c.get("handle").asString()));
			cursor = page.has("nextCursor") && !page.get("nextCursor").isNull() ? page.get("nextCursor").asString() : "";
		}
		while (!cursor.isEmpty());
		return seen;
	}

	/** The handles holding {@code text} in the handle or the platform id, by SQL, in the roster's order. */
	private List<String> expected(String text, String region, boolean descending) {
		return jdbc.sql("select handle from creator where (strpos(lower(handle), :text) > 0 or strpos(lower(creator_id), :text) > 0)"
				+ " and (cast(:region as text) is null or region_code = :region) order by lower(handle) " + (descending ? "desc" : "asc") + ", id")
			.param("text", text)
			.param("region", region)
			.query(String.class)
			.list();
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
