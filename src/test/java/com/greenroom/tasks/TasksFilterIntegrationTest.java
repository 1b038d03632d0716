package com.greenroom.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import com.greenroom.system.SubstringSearch;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class TasksFilterIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Tasks tasks;

	@Autowired
	Clock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SubstringSearch substrings;

	UserSummary ana;

	String token;

	@BeforeEach
	void reset() {
		data.reset();
		ana = data.manager("ana", "LATAM");
		token = data.tokenOf(ana);
	}

	private Task task(String type, String creatorId, String title, Long owner, Role role, long hours) {
		return tasks.create(new TaskDraft(title, new TaskSource(type, null, null), creatorId, "LATAM", owner, role,
				clock.instant().plus(Duration.ofHours(hours))));
	}

	private Instant inHours(long hours) {
		return clock.instant().plus(Duration.ofHours(hours));
	}

	@Test
	void theListAnswersTheTrueTotalBesideOnePageAndPagesThroughAllOfIt() {
		for (int i = 0; i < 7; i++) {
			task("MANUAL", null, "Task " + i, ana.id(), null, i + 1);
		}
		JsonNode first = api.get("/api/v1/tasks?owner=me&limit=3", token).json();
		assertThat(first.get("total").asLong()).isEqualTo(7);
		assertThat(first.get("items").size()).isEqualTo(3);
		List<String> all = new ArrayList<>(titles(first));
		String cursor = first.get("nextCursor").asString();
		while (cursor != null) {
			JsonNode next = api.get("/api/v1/tasks?owner=me&limit=3&cursor=" + cursor, token).json();
			assertThat(next.get("total").asLong()).isEqualTo(7);
			all.addAll(titles(next));
			cursor = next.hasNonNull("nextCursor") ? next.get("nextCursor").asString() : null;
		}
		assertThat(all).containsExactly("Task 0", "Task 1", "Task 2", "Task 3", "Task 4", "Task 5", "Task 6");
	}

	@Test
	void kindCreatorTextCreatorIdOwnerNoneAndTheWeekNarrowTheListAndItsTotal() {
		data.creator("c-luna", "luna_live", "BR");
		data.creator("c-sol", "sol", "BR");
		task("ONBOARDING_STEP", "c-luna", "Welcome call", ana.id(), null, 2);
		task("STALL_RULE", "c-luna", "No first stream: call", ana.id(), null, 30);
		task("COACHING", "c-sol", "Follow up on cadence", ana.id(), null, 24 * 12);
		task("MANUAL", null, "Order ring lights", ana.id(), null, -2);
		task("MANUAL", "c-sol", "Pool task", null, Role.CREATOR_MANAGER, 3);

		assertThat(titles(get("/api/v1/tasks?owner=me&kind=checklist-step"))).containsExactly("Welcome call");
		assertThat(titles(get("/api/v1/tasks?owner=me&kind=support-action"))).containsExactly("No first stream: call");
		assertThat(get("/api/v1/tasks?owner=me&q=LUNA").get("total").asLong()).isEqualTo(2);
		assertThat(titles(get("/api/v1/tasks?q=ring"))).containsExactly("Order ring lights");
		assertThat(titles(get("/api/v1/tasks?creatorId=c-sol&owner=me"))).containsExactly("Follow up on cadence");
		assertThat(titles(get("/api/v1/tasks?creatorId=c-sol&kind=manual"))).containsExactly("Pool task");
		assertThat(titles(get("/api/v1/tasks?owner=none&kind=manual"))).containsExactly("Pool task");
		// c-sol's onboarding checklist steps are created by an asynchronous listener after the creator's commit
		await().atMost(Duration.ofSeconds(10))
			.until(() -> get("/api/v1/tasks?owner=none&kind=checklist-step&creatorId=c-sol").get("total").asLong() > 0);
		assertThat(get("/api/v1/tasks?owner=none&kind=checklist-step&creatorId=c-sol").get("total").asLong()).isPositive();
		assertThat(titles(get("/api/v1/tasks?owner=me&due=week"))).containsExactly("Welcome call", "No first stream: call");
		assertThat(titles(get("/api/v1/tasks?owner=me&due=overdue"))).containsExactly("Order ring lights");
		assertThat(get("/api/v1/tasks?q=100%25").get("total").asLong()).isZero();
	}

	@Test
	void aCreatorTextWithEveryOtherFilterFindsTheFiltersTasksThatHoldTheTextPageByPage() {
		data.creator("c-luna", "luna_live", "BR");
		data.creator("c-sol", "sol", "BR");
		task("ONBOARDING_STEP", "c-luna", "Welcome call", ana.id(), null, 2);
		task("STALL_RULE", "c-luna", "No first stream: call luna", ana.id(), null, 30);
		task("COACHING", "c-sol", "Follow up on cadence with luna", ana.id(), null, 24 * 12);
		task("MANUAL", null, "Order ring lights for luna", ana.id(), null, -2);
		task("MANUAL", "c-sol", "Pool task", null, Role.CREATOR_MANAGER, 3);
		task("MANUAL", "c-luna", "Pool task of luna", null, Role.CREATOR_MANAGER, 5);
		Task done = task("MANUAL", "c-luna", "Done luna task", ana.id(), null, 1);
		jdbc.sql("update task set status = 'DONE' where id = :id").param("id", done.id()).update();
		// both creators' onboarding checklist steps come from an asynchronous listener: in place before anything is compared
		for (String creator : List.of("c-luna", "c-sol")) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> get("/api/v1/tasks?kind=checklist-step&owner=none&creatorId=" + creator).get("total").asLong() > 0);
		}

		// each filter names its own columns of the task, here read from the rows the text matched in the statement
		String[] filters = { "owner=me", "owner=none", "owner=claimable", "owner=" + ana.id(), "kind=manual", "kind=support-action",
				"kind=other", "status=OPEN", "status=DONE", "due=week", "due=overdue", "due=later", "region=LATAM", "creatorId=c-luna",
				"routine=1", "owner=me&kind=manual&status=OPEN&region=LATAM&creatorId=c-luna" };
		for (String filter : filters) {
			// the text is in the title or in the creator's handle (luna_live)
			List<String> expected = new ArrayList<>();
			get("/api/v1/tasks?limit=200&" + filter).get("items").forEach(t -> {
				if (t.get("title").asString().toLowerCase(java.util.Locale.ROOT).contains("luna")
						|| "c-luna".equals(t.get("creatorId").asString())) {
					expected.add(t.get("title").asString());
				}
			});
			List<String> found = new ArrayList<>();
			JsonNode page = get("/api/v1/tasks?limit=1&q=luna&" + filter);
			found.addAll(titles(page));
			while (page.hasNonNull("nextCursor")) {
				page = get("/api/v1/tasks?limit=1&q=luna&" + filter + "&cursor=" + page.get("nextCursor").asString());
				assertThat(page.get("total").asLong()).as(filter).isEqualTo(expected.size());
				found.addAll(titles(page));
			}
			assertThat(found).as(filter).containsExactlyElementsOf(expected);
			assertThat(page.get("total").asLong()).as(filter).isEqualTo(expected.size());
		}
	}

	@Test
	void eachBadParameterIsA400ProblemNamingIt() {
		for (String[] bad : new String[][] { { "owner", "someone" }, { "owner", "1.5" }, { "kind", "chores" }, { "due", "someday" },
				{ "status", "LOST" }, { "region", "MARS" }, { "region", "SEA" }, { "creatorId", "a b" }, { "q", "x".repeat(101) },
				{ "cursor", "not-a-cursor" }, { "tz", "Mars/Olympus" }, { "exactTotal", "maybe" } }) {
			Api.Response response = api.get(
					"/api/v1/tasks?" + bad[0] + "=" + java.net.URLEncoder.encode(bad[1], java.nio.charset.StandardCharsets.UTF_8),
					token);
			assertThat(response.status()).as(bad[0] + "=" + bad[1]).isEqualTo(400);
			assertThat(response.json().get("field").asString()).as(bad[0] + "=" + bad[1]).isEqualTo(bad[0]);
		}
	}

	@Test
	void aCreatorTextMatchingMoreTasksThanAreSentAsIdsListsAndCountsAsANarrowOneDoes() {
		data.creator("c-bulk", "bulkhead", "BR");
		// 5,001 matching LATAM tasks (above TaskQueries.MATCHES_SENT: matched inside each statement) and SEA twins ana must
		// not see; "bulk task 4" matches 1,111 of them (task 4, 40-49, 400-499, 4000-4999: sent as an array of ids)
		jdbc.sql("""
				insert into task (title, source_type, creator_id, creator_handle, region_code, owner_user_id, due_at, created_by, created_at,
				                  updated_at)
				select 'Bulk task ' || g, 'MANUAL', case when g % 2 = 0 then 'c-bulk' end, case when g % 2 = 0 then 'bulkhead' end, r, :ana,
				       now() + g * interval '1 minute', 'test', now(), now()
				from generate_series(1, 5001) g, unnest(array['LATAM', 'SEA']) r""")
			.param("ana", ana.id())
			.update();
		assertThat(TaskQueries.MATCHES_SENT).isLessThan(5001);

		JsonNode broad = get("/api/v1/tasks?owner=me&q=bulk&limit=3&exactTotal=true");
		assertThat(broad.get("total").asLong()).isEqualTo(5001);
		assertThat(broad.get("totalExact").asBoolean()).isTrue();
		assertThat(titles(broad)).containsExactly("Bulk task 1", "Bulk task 2", "Bulk task 3");
		// without exactTotal the count stops past the cap: the same page, "more than 250"
		JsonNode capped = get("/api/v1/tasks?owner=me&q=bulk&limit=3");
		assertThat(capped.get("total").asLong()).isEqualTo(TaskQueries.TOTAL_CAP);
		assertThat(capped.get("totalExact").asBoolean()).isFalse();
		assertThat(titles(capped)).containsExactly("Bulk task 1", "Bulk task 2", "Bulk task 3");
		JsonNode narrow = get("/api/v1/tasks?owner=me&q=bulk%20task%204&limit=3&exactTotal=true");
		assertThat(narrow.get("total").asLong()).isEqualTo(1111);
		assertThat(titles(narrow)).containsExactly("Bulk task 4", "Bulk task 40", "Bulk task 41");
		// the creator's handle arm and the title arm together, each task once
		assertThat(get("/api/v1/tasks?owner=me&q=bulkhead&exactTotal=true").get("total").asLong()).isEqualTo(2500);
		assertThat(get("/api/v1/tasks?owner=me&q=c-bulk&exactTotal=true").get("total").asLong()).isEqualTo(2500);
		JsonNode few = get("/api/v1/tasks?owner=me&q=bulk%20task%2049");
		assertThat(few.get("total").asLong()).isEqualTo(111);
		assertThat(few.get("totalExact").asBoolean()).isTrue();
		// an admin (no region filter) sees ana's SEA twins too, in both forms
		String anas = "/api/v1/tasks?owner=" + ana.id();
		assertThat(api.get(anas + "&q=bulk%20task%2049", TestData.ADMIN_TOKEN).json().get("total").asLong()).isEqualTo(222);
		assertThat(api.get(anas + "&q=bulk&exactTotal=true", TestData.ADMIN_TOKEN).json().get("total").asLong()).isEqualTo(10002);
	}

	@Test
	void aLeadsTextSearchNamesEachOfHerRegionsInTheIndexArmsAndFindsTheirTasksOnly() {
		// the same titles in every region; V326's trigram indexes lead with the region, and a viewer of up to
		// TaskQueries.REGION_ARMS regions asks them for her regions' rows only (one arm per region and text column)
		jdbc.sql("""
				insert into task (title, source_type, creator_id, creator_handle, region_code, owner_role, due_at, created_by, created_at,
				                  updated_at)
				select 'Lights for ' || r || ' ' || g, 'MANUAL', 'c-' || r || g, 'host' || g, r, 'REGIONAL_LEAD', now() + g * interval '1 minute',
				       'test', now(), now()
				from generate_series(1, 30) g, unnest(array['NA', 'LATAM', 'EU', 'MENA', 'SSA', 'SA', 'SEA', 'EA', 'OC']) r""")
			.update();
		UserSummary two = data.user("lea", List.of("REGIONAL_LEAD"), "LATAM", "EU");
		UserSummary five = data.user("lou", List.of("REGIONAL_LEAD"), "LATAM", "EU", "SEA", "EA", "OC");
		assertThat(TaskQueries.REGION_ARMS).isBetween(2, 4);
		for (String q : List.of("lights", "host1")) {
			JsonNode ofTwo = api.get("/api/v1/tasks?owner=none&limit=200&q=" + q, data.tokenOf(two)).json();
			JsonNode ofFive = api.get("/api/v1/tasks?owner=none&limit=200&q=" + q, data.tokenOf(five)).json();
			JsonNode ofAll = api.get("/api/v1/tasks?owner=none&limit=500&exactTotal=true&q=" + q, TestData.ADMIN_TOKEN).json();
			assertThat(regionsOf(ofTwo)).as(q).containsExactlyInAnyOrder("LATAM", "EU");
			assertThat(regionsOf(ofFive)).as(q).containsExactlyInAnyOrder("LATAM", "EU", "SEA", "EA", "OC");
			assertThat(ofAll.get("total").asLong()).as(q).isEqualTo(ofTwo.get("total").asLong() / 2 * 9);
			assertThat(ofFive.get("total").asLong()).as(q).isEqualTo(ofTwo.get("total").asLong() / 2 * 5);
		}
		assertThat(api.get("/api/v1/tasks?owner=none&q=lights", data.tokenOf(two)).json().get("total").asLong()).isEqualTo(60);
		assertThat(api.get("/api/v1/tasks?owner=none&q=host1", data.tokenOf(two)).json().get("total").asLong()).isEqualTo(22);
		// the creator id arm is exact and region-blind in the index, scoped after it
		assertThat(api.get("/api/v1/tasks?owner=none&q=c-EU1", data.tokenOf(two)).json().get("total").asLong()).isEqualTo(1);
		assertThat(api.get("/api/v1/tasks?owner=none&q=c-SEA1", data.tokenOf(two)).json().get("total").asLong()).isZero();
	}

	@Test
	void aTextWhoseTrigramsMostTasksShareFindsExactlyTheTasksContainingIt() {
		// 100 titles and handles sharing "creator1": the indexes are asked for the text's uncommon stretch only (V307's statistics)
		jdbc.sql("""
				insert into task (title, source_type, creator_id, creator_handle, region_code, owner_user_id, due_at, created_by, created_at,
				                  updated_at)
				select 'Welcome call · creator' || g, 'MANUAL', 'c-' || g, 'creator' || g, 'LATAM', :ana, now() + g * interval '1 minute',
				       'test', now(), now()
				from generate_series(1000, 1099) g
				union all select 'Order 042 lights', 'MANUAL', null, null, 'LATAM', :ana, now(), 'test', now(), now()
				union all select 'Call', 'MANUAL', 'c-9', 'zz042', 'LATAM', :ana, now(), 'test', now(), now()
				union all select 'Call', 'MANUAL', 'c-8', 'xCreator1042y', 'LATAM', :ana, now(), 'test', now(), now()""")
			.param("ana", ana.id())
			.update();
		jdbc.sql("analyze task").update();
		substrings.forget(); // read the new statistics now, not after SubstringSearch.REFRESH

		assertThat(substrings.pattern("task_title_trigrams", "creator1042").index()).isEqualTo("%042%");
		// every trigram of "creator104" is common ("104" the least: one in ten): the index is asked for that one alone
		assertThat(substrings.pattern("task_title_trigrams", "creator104").index()).isEqualTo("%104%");
		JsonNode found = get("/api/v1/tasks?owner=me&q=Creator1042");
		assertThat(found.get("total").asLong()).isEqualTo(2);
		assertThat(titles(found)).containsExactlyInAnyOrder("Welcome call · creator1042", "Call");
		assertThat(get("/api/v1/tasks?owner=me&q=creator104").get("total").asLong()).isEqualTo(11);
		assertThat(get("/api/v1/tasks?owner=me&q=c-1042").get("total").asLong()).isEqualTo(1);
		assertThat(get("/api/v1/tasks?owner=me&q=zzqx").get("total").asLong()).isZero();
	}

	@Test
	void aTextMostTasksShareIsWalkedInDueOrderRegionByRegionPageByPageWithItsCountCapped() {
		// 600 unclaimed tasks in each of three regions, handles and titles "creator1" ... "creator600": every trigram of
		// "creator5" is common (one handle in six holds "or5"), so a lead's search walks her regions in due order (V331)
		jdbc.sql("""
				insert into task (title, source_type, creator_id, creator_handle, region_code, owner_role, due_at, created_by, created_at,
				                  updated_at)
				select 'Welcome call · creator' || g, 'MANUAL', 'c-' || r || g, 'creator' || g, r, 'REGIONAL_LEAD',
				       now() + (g % 97) * interval '1 minute', 'test', now(), now()
				from generate_series(1, 600) g, unnest(array['LATAM', 'EU', 'SEA']) r""")
			.update();
		jdbc.sql("analyze task").update();
		substrings.forget();
		assertThat(substrings.pattern("task_creator_handle_trigrams", "creator5").rarest()).isNotNull();
		assertThat(substrings.pattern("task_title_trigrams", "creator5").rarest()).isNotNull();
		String lea = data.tokenOf(data.user("lea", List.of("REGIONAL_LEAD"), "LATAM", "EU"));
		long walksBefore = walks();

		// 5, 50-59 and 500-599 in LATAM and EU: the regions merged in due order, ties (the same due time in both) by id
		List<Long> expected = jdbc.sql("""
				select id from task where region_code in ('LATAM', 'EU') and owner_user_id is null
				and (strpos(lower(title), 'creator5') > 0 or strpos(lower(creator_handle), 'creator5') > 0) order by due_at, id""")
			.query(Long.class)
			.list();
		assertThat(expected).hasSize(222);
		List<Long> found = new ArrayList<>();
		JsonNode page = api.get("/api/v1/tasks?owner=none&limit=40&q=Creator5", lea).json();
		while (true) {
			assertThat(page.get("total").asLong()).isEqualTo(222);
			assertThat(page.get("totalExact").asBoolean()).isTrue();
			page.get("items").forEach(t -> found.add(t.get("id").asLong()));
			if (!page.hasNonNull("nextCursor")) {
				break;
			}
			page = api.get("/api/v1/tasks?owner=none&limit=40&q=Creator5&cursor=" + page.get("nextCursor").asString(), lea).json();
		}
		assertThat(found).containsExactlyElementsOf(expected);

		// the other filters apply on the walk too: one region, due this week, a creator's id
		assertThat(api.get("/api/v1/tasks?owner=none&region=EU&q=creator5", lea).json().get("total").asLong()).isEqualTo(111);
		assertThat(api.get("/api/v1/tasks?q=creator5&due=week", lea).json().get("total").asLong()).isEqualTo(222);
		assertThat(api.get("/api/v1/tasks?owner=me&q=creator5", lea).json().get("total").asLong()).isZero();
		assertThat(api.get("/api/v1/tasks?region=SEA&q=creator5", lea).status()).isEqualTo(400);
		// more than the cap: its page as before, the count stopped past it unless asked for all
		JsonNode broad = api.get("/api/v1/tasks?owner=none&q=creator", lea).json();
		assertThat(broad.get("total").asLong()).isEqualTo(TaskQueries.TOTAL_CAP);
		assertThat(broad.get("totalExact").asBoolean()).isFalse();
		assertThat(broad.get("items").size()).isEqualTo(50);
		JsonNode all = api.get("/api/v1/tasks?owner=none&q=creator&exactTotal=true", lea).json();
		assertThat(all.get("total").asLong()).isEqualTo(1200);
		assertThat(all.get("totalExact").asBoolean()).isTrue();
		assertThat(ids(all)).containsExactlyElementsOf(ids(broad));
		// the walk's index was read (a server process reports its counts when idle, within PostgreSQL's 10 s)
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> walks() > walksBefore);
	}

	/** How often PostgreSQL has scanned the index a common text's walk reads. */
	private long walks() {
		jdbc.sql("select pg_stat_clear_snapshot()").query(Object.class).list();
		return jdbc.sql("select idx_scan from pg_stat_user_indexes where indexrelname = 'task_region_due_texts'").query(Long.class).single();
	}

	private static List<Long> ids(JsonNode page) {
		List<Long> ids = new ArrayList<>();
		page.get("items").forEach(t -> ids.add(t.get("id").asLong()));
		return ids;
	}

	@Test
	void aManagerNeitherSeesNorActsOnAnotherRegionsTasksWhateverTheFilter() {
		UserSummary kai = data.manager("kai", "SEA");
		Task sea = tasks.create(new TaskDraft("SEA work", TaskSource.manual(null), null, "SEA", null, Role.CREATOR_MANAGER, inHours(1)));
		tasks.create(new TaskDraft("SEA kai", TaskSource.manual(null), null, "SEA", kai.id(), null, inHours(1)));

		assertThat(get("/api/v1/tasks?owner=none").get("total").asLong()).isZero();
		assertThat(get("/api/v1/tasks?owner=" + kai.id()).get("total").asLong()).isZero();
		assertThat(get("/api/v1/tasks?q=SEA").get("total").asLong()).isZero();
		for (String action : List.of("claim", "complete", "reopen")) {
			assertThat(api.post("/api/v1/tasks/" + sea.id() + "/" + action, token, "{}").status()).isEqualTo(404);
		}
		assertThat(api.post("/api/v1/tasks/" + sea.id() + "/reschedule", token,
				"{\"dueAt\": \"2026-04-01T10:00:00Z\", \"reason\": \"later\"}")
			.status()).isEqualTo(404);
		assertThat(tasks.find(sea.id()).orElseThrow().ownerId()).isNull();
	}

	@Test
	void aTaskIsSnoozedWithAReasonAndADoneTaskIsReopenedAndBothAreAudited() {
		Task call = task("MANUAL", null, "Welcome call", ana.id(), null, 2);

		Api.Response noReason = api.post("/api/v1/tasks/" + call.id() + "/reschedule", token, "{\"dueAt\": \"2026-04-01T10:00:00Z\"}");
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().get("field").asString()).isEqualTo("reason");
		Api.Response snoozed = api.post("/api/v1/tasks/" + call.id() + "/reschedule", token,
				"{\"dueAt\": \"2026-04-01T10:00:00Z\", \"reason\": \"Creator travels\"}");
		assertThat(snoozed.status()).isEqualTo(200);
		assertThat(snoozed.json().get("dueAt").asString()).isEqualTo("2026-04-01T10:00:00Z");
		assertThat(snoozed.json().get("rescheduleReason").asString()).isEqualTo("Creator travels");

		assertThat(api.post("/api/v1/tasks/" + call.id() + "/reopen", token, "").status()).isEqualTo(409);
		api.post("/api/v1/tasks/" + call.id() + "/complete", token, "{\"note\": \"Done\"}");
		Api.Response reopened = api.post("/api/v1/tasks/" + call.id() + "/reopen", token, "");
		assertThat(reopened.status()).isEqualTo(200);
		assertThat(reopened.json().get("status").asString()).isEqualTo("OPEN");
		assertThat(reopened.json().hasNonNull("completedAt")).isFalse();
		JsonNode audit = api.get("/api/v1/audit?entityType=task&entityId=" + call.id(), TestData.ADMIN_TOKEN).json().get("items");
		assertThat(audit.get(0).get("action").asString()).isEqualTo("reopened");
		assertThat(audit.get(2).get("action").asString()).isEqualTo("rescheduled");
	}

	private JsonNode get(String path) {
		Api.Response response = api.get(path, token);
		assertThat(response.status()).as(path).isEqualTo(200);
		return response.json();
	}

	private static Set<String> regionsOf(JsonNode page) {
		Set<String> regions = new HashSet<>();
		page.get("items").forEach(t -> regions.add(t.get("regionCode").asString()));
		return regions;
	}

	private static List<String> titles(JsonNode page) {
		List<String> titles = new ArrayList<>();
		page.get("items").forEach(t -> titles.add(t.get("title").asString()));
		return titles;
	}
}
