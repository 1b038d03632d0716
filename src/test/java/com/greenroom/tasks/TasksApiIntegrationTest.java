package com.greenroom.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class TasksApiIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Tasks tasks;

	@Autowired
	TaskQueries queries;

	@Autowired
	Clock clock;

	@BeforeEach
	void reset() {
		data.reset();
	}

	private Task task(String title, String region, Long owner, String role, Instant due) {
		return tasks.create(new TaskDraft(title, TaskSource.manual(null), null, region, owner, role == null ? null : Role.valueOf(role), due));
	}

	private Instant inHours(long hours) {
		return clock.instant().plus(Duration.ofHours(hours));
	}

	@Test
	void anotherRegionsTaskDoesNotExistForAManager() {
		UserSummary ana = data.manager("ana", "LATAM");
		String token = data.tokenOf(ana);
		UserSummary kai = data.manager("kai", "SEA");
		Task sea = task("Call the creator", "SEA", kai.id(), null, inHours(2));

		assertThat(api.get("/api/v1/tasks/" + sea.id(), token).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/tasks/" + sea.id() + "/complete", token, "{}").status()).isEqualTo(404);
		assertThat(api.post("/api/v1/tasks/" + sea.id() + "/skip", token, "{\"reason\": \"x\"}").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/tasks", token).json().get("items").size()).isZero();
		assertThat(api.get("/api/v1/tasks/" + sea.id(), TestData.ADMIN_TOKEN).status()).isEqualTo(200);
	}

	@Test
	void onlyTheOwnerARegionalLeadOfTheRegionOrAnAdminMayCompleteSkipOrReassign() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary bob = data.manager("bob", "LATAM");
		String lead = data.tokenOf(data.user("lena", List.of("REGIONAL_LEAD"), "LATAM"));
		String seaLead = data.tokenOf(data.user("sid", List.of("REGIONAL_LEAD"), "SEA", "NA"));
		Task first = task("Welcome call", "LATAM", ana.id(), null, inHours(2));
		Task second = task("Profile setup", "LATAM", ana.id(), null, inHours(3));

		Api.Response refused = api.post("/api/v1/tasks/" + first.id() + "/complete", data.tokenOf(bob), "{\"note\": \"done\"}");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("type").asString()).endsWith("/forbidden");
		assertThat(api.post("/api/v1/tasks/" + first.id() + "/complete", seaLead, "{}").status()).isEqualTo(404);

		Api.Response byOwner = api.post("/api/v1/tasks/" + first.id() + "/complete", data.tokenOf(ana), "{\"note\": \"Went well\"}");
		assertThat(byOwner.status()).isEqualTo(200);
		assertThat(byOwner.json().get("status").asString()).isEqualTo("DONE");
		assertThat(byOwner.json().get("completionNote").asString()).isEqualTo("Went well");
		assertThat(byOwner.json().get("completedByName").asString()).isEqualTo("Ana");

		Api.Response reassigned = api.post("/api/v1/tasks/" + second.id() + "/reassign", lead, "{\"ownerId\": %d}".formatted(bob.id()));
		assertThat(reassigned.status()).isEqualTo(200);
		assertThat(reassigned.json().get("ownerName").asString()).isEqualTo("Bob");
		assertThat(api.post("/api/v1/tasks/" + second.id() + "/complete", data.tokenOf(ana), "{}").status()).isEqualTo(403);
		JsonNode audit = api.get("/api/v1/audit?entityType=task&entityId=" + second.id(), TestData.ADMIN_TOKEN).json().get("items");
		assertThat(audit.get(0).get("action").asString()).isEqualTo("reassigned");
		assertThat(audit.get(0).get("actor").asString()).isEqualTo("lena");
		assertThat(audit.get(0).get("before").get("ownerName").asString()).isEqualTo("Ana");
	}

	@Test
	void aRoleOwnedTaskIsClaimedOnceBySomeoneWithThatRoleInTheRegion() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary sam = data.user("sam", List.of("SAFETY"), "LATAM");
		UserSummary sue = data.user("sue", List.of("SAFETY"), "LATAM");
		Task briefing = task("Community standards briefing", "LATAM", null, "SAFETY", inHours(5));

		assertThat(api.post("/api/v1/tasks/" + briefing.id() + "/claim", data.tokenOf(ana), "").status()).isEqualTo(403);
		Api.Response claimed = api.post("/api/v1/tasks/" + briefing.id() + "/claim", data.tokenOf(sam), "");
		assertThat(claimed.status()).isEqualTo(200);
		assertThat(claimed.json().get("ownerId").asLong()).isEqualTo(sam.id());
		Api.Response taken = api.post("/api/v1/tasks/" + briefing.id() + "/claim", data.tokenOf(sue), "");
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().get("field").asString()).isEqualTo("owner");
		assertThat(taken.json().get("detail").asString()).contains("already claimed by Sam");
	}

	@Test
	void skippingNeedsAReasonAndAClosedTaskCannotChangeAgain() {
		UserSummary ana = data.manager("ana", "LATAM");
		String token = data.tokenOf(ana);
		Task call = task("Welcome call", "LATAM", ana.id(), null, inHours(2));

		Api.Response noReason = api.post("/api/v1/tasks/" + call.id() + "/skip", token, "{\"reason\": \"  \"}");
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().get("field").asString()).isEqualTo("reason");

		Api.Response skipped = api.post("/api/v1/tasks/" + call.id() + "/skip", token, "{\"reason\": \"Creator paused streaming\"}");
		assertThat(skipped.json().get("status").asString()).isEqualTo("SKIPPED");
		assertThat(skipped.json().get("skipReason").asString()).isEqualTo("Creator paused streaming");

		Api.Response again = api.post("/api/v1/tasks/" + call.id() + "/complete", token, "{}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("field").asString()).isEqualTo("status");
	}

	@Test
	void aBulkActionChangesEveryTaskOrNone() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary bob = data.manager("bob", "LATAM");
		String token = data.tokenOf(ana);
		Task one = task("One", "LATAM", ana.id(), null, inHours(1));
		Task two = task("Two", "LATAM", ana.id(), null, inHours(2));
		Task bobs = task("Bob's", "LATAM", bob.id(), null, inHours(3));
		Task done = task("Done", "LATAM", ana.id(), null, inHours(4));
		tasks.complete(data.viewerOf(ana), done.id(), null);

		Api.Response forbidden = api.post("/api/v1/tasks/bulk", token, """
				{"ids": [%d, %d, %d], "action": "complete"}""".formatted(one.id(), two.id(), bobs.id()));
		assertThat(forbidden.status()).isEqualTo(403);
		Api.Response conflict = api.post("/api/v1/tasks/bulk", token, """
				{"ids": [%d, %d], "action": "skip", "reason": "duplicate"}""".formatted(one.id(), done.id()));
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.json().get("field").asString()).isEqualTo("ids[1]");
		assertThat(tasks.find(one.id()).orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
		assertThat(api.get("/api/v1/audit?entityType=task&entityId=" + one.id(), TestData.ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);

		Api.Response noReason = api.post("/api/v1/tasks/bulk", token, """
				{"ids": [%d], "action": "skip"}""".formatted(one.id()));
		assertThat(noReason.json().get("field").asString()).isEqualTo("reason");

		Api.Response completed = api.post("/api/v1/tasks/bulk", token, """
				{"ids": [%d, %d], "action": "complete", "note": "batch"}""".formatted(one.id(), two.id()));
		assertThat(completed.status()).isEqualTo(200);
		assertThat(completed.json().size()).isEqualTo(2);
		assertThat(tasks.find(two.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
	}

	@Test
	void badInputIsNamedByField() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary kai = data.manager("kai", "SEA");
		String token = data.tokenOf(ana);

		Api.Response unknownRole = api.post("/api/v1/tasks", token, """
				{"title": "Check", "region": "LATAM", "ownerRole": "JANITOR", "dueAt": "2026-03-10T10:00:00Z"}""");
		assertThat(unknownRole.status()).isEqualTo(400);
		assertThat(unknownRole.json().get("field").asString()).isEqualTo("ownerRole");
		Api.Response noDue = api.post("/api/v1/tasks", token, """
				{"title": "Check", "region": "LATAM"}""");
		assertThat(noDue.json().get("field").asString()).isEqualTo("dueAt");
		Api.Response badUrl = api.post("/api/v1/tasks", token, """
				{"title": "Check", "region": "LATAM", "dueAt": "2026-03-10T10:00:00Z", "sourceUrl": "javascript:alert(1)"}""");
		assertThat(badUrl.json().get("field").asString()).isEqualTo("sourceUrl");
		Api.Response otherRegion = api.post("/api/v1/tasks", token, """
				{"title": "Check", "region": "SEA", "dueAt": "2026-03-10T10:00:00Z"}""");
		assertThat(otherRegion.json().get("field").asString()).isEqualTo("region");
		for (String due : new String[] { "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z" }) {
			Api.Response farDue = api.post("/api/v1/tasks", token, """
					{"title": "Check", "region": "LATAM", "dueAt": "%s"}""".formatted(due));
			assertThat(farDue.status()).as(due).isEqualTo(400);
			assertThat(farDue.json().get("field").asString()).isEqualTo("dueAt");
		}
		Api.Response nul = api.post("/api/v1/tasks", token, """
				{"title": "Check\\u0000it", "region": "LATAM", "dueAt": "2026-03-10T10:00:00Z"}""");
		assertThat(nul.status()).isEqualTo(400);
		assertThat(nul.json().get("field").asString()).isEqualTo("title");
		assertThat(api.get("/api/v1/tasks?owner=someone", token).json().get("field").asString()).isEqualTo("owner");
		assertThat(api.get("/api/v1/tasks?due=someday", token).json().get("field").asString()).isEqualTo("due");
		assertThat(api.get("/api/v1/tasks?tz=Mars/Olympus", token).json().get("field").asString()).isEqualTo("tz");

		Api.Response created = api.post("/api/v1/tasks", token, """
				{"title": "Check the new overlay", "region": "LATAM", "dueAt": "2026-03-10T10:00:00Z"}""");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("ownerId").asLong()).isEqualTo(ana.id());
		Api.Response wrongOwner = api.post("/api/v1/tasks/" + created.json().get("id").asLong() + "/reassign", token,
				"{\"ownerId\": %d}".formatted(kai.id()));
		assertThat(wrongOwner.status()).isEqualTo(400);
		assertThat(wrongOwner.json().get("detail").asString()).contains("kai does not work in region LATAM");
	}

	@Test
	void ownerMeAndDueFiltersListTheCallersOpenTasksInDueOrderAcrossPages() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary bob = data.manager("bob", "LATAM");
		String token = data.tokenOf(ana);
		task("Late", "LATAM", ana.id(), null, inHours(-3));
		task("Soon a", "LATAM", ana.id(), null, inHours(72));
		task("Soon b", "LATAM", ana.id(), null, inHours(73));
		task("Soon c", "LATAM", ana.id(), null, inHours(74));
		task("Bob's", "LATAM", bob.id(), null, inHours(72));
		task("Pool", "LATAM", null, "CREATOR_MANAGER", inHours(72));

		assertThat(titles(api.get("/api/v1/tasks?owner=me&due=overdue", token).json())).containsExactly("Late");
		JsonNode first = api.get("/api/v1/tasks?owner=me&due=upcoming&limit=2", token).json();
		assertThat(titles(first)).containsExactly("Soon a", "Soon b");
		JsonNode second = api.get("/api/v1/tasks?owner=me&due=upcoming&limit=2&cursor=" + first.get("nextCursor").asString(), token).json();
		assertThat(titles(second)).containsExactly("Soon c");
		assertThat(titles(api.get("/api/v1/tasks?owner=unclaimed", token).json())).containsExactly("Pool");
		assertThat(titles(api.get("/api/v1/tasks?owner=" + bob.id(), token).json())).containsExactly("Bob's");
	}

	@Test
	void todaysSectionsFollowEachViewersTimeZoneAtAFixedInstant() {
		UserSummary kai = data.manager("kai", "SEA");
		UserSummary nia = data.manager("nia", "NA");
		Instant now = Instant.parse("2026-03-10T15:00:00Z");
		for (UserSummary owner : List.of(kai, nia)) {
			String region = owner.regions().get(0);
			task("Missed", region, owner.id(), null, Instant.parse("2026-03-10T14:00:00Z"));
			task("Evening UTC", region, owner.id(), null, Instant.parse("2026-03-10T18:00:00Z"));
			task("Next Tuesday night", region, owner.id(), null, Instant.parse("2026-03-18T03:00:00Z"));
		}

		ZoneId singapore = tasks.zoneOf(data.viewerOf(kai), null);
		ZoneId newYork = tasks.zoneOf(data.viewerOf(nia), null);
		assertThat(singapore).isEqualTo(ZoneId.of("Asia/Singapore"));
		assertThat(newYork).isEqualTo(ZoneId.of("America/New_York"));

		DueWindow sea = new DueWindow(now, singapore);
		assertThat(mine(kai, "overdue", sea)).containsExactly("Missed");
		assertThat(mine(kai, "today", sea)).isEmpty();
		assertThat(mine(kai, "upcoming", sea)).containsExactly("Evening UTC");
		assertThat(queries.counts(data.viewerOf(kai), singapore, now)).isEqualTo(new TaskQueries.TaskCounts(1, 0, 1, 1, 0));

		DueWindow na = new DueWindow(now, newYork);
		assertThat(mine(nia, "overdue", na)).containsExactly("Missed");
		assertThat(mine(nia, "today", na)).containsExactly("Evening UTC");
		assertThat(mine(nia, "upcoming", na)).containsExactly("Next Tuesday night");
		assertThat(queries.counts(data.viewerOf(nia), newYork, now)).isEqualTo(new TaskQueries.TaskCounts(1, 1, 1, 0, 0));
	}

	@Test
	void aLeadsBoardGroupsTheRegionsOpenWorkByOwnerWithOverdueCounts() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary bob = data.manager("bob", "LATAM");
		UserSummary lena = data.user("lena", List.of("REGIONAL_LEAD"), "LATAM");
		Instant now = Instant.parse("2026-03-10T15:00:00Z");
		task("A late", "LATAM", ana.id(), null, Instant.parse("2026-03-09T15:00:00Z"));
		task("A later", "LATAM", ana.id(), null, Instant.parse("2026-03-12T15:00:00Z"));
		task("B late 1", "LATAM", bob.id(), null, Instant.parse("2026-03-08T15:00:00Z"));
		task("B late 2", "LATAM", bob.id(), null, Instant.parse("2026-03-09T15:00:00Z"));
		task("Pool", "LATAM", null, "SAFETY", Instant.parse("2026-03-09T15:00:00Z"));

		List<TaskQueries.OwnerLoad> board = queries.board(data.viewerOf(lena), "LATAM", new DueWindow(now, ZoneId.of("America/Sao_Paulo")));

		assertThat(board).extracting(TaskQueries.OwnerLoad::label).containsExactly("Bob", "Ana", "Unclaimed · Trust & safety");
		assertThat(board).extracting(TaskQueries.OwnerLoad::overdue).containsExactly(2L, 1L, 1L);
		assertThat(board).extracting(TaskQueries.OwnerLoad::open).containsExactly(2L, 2L, 1L);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> queries.board(data.viewerOf(ana), "LATAM", new DueWindow(now, ZoneId.of("UTC"))))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
	}

	private List<String> mine(UserSummary user, String due, DueWindow window) {
		return queries.search(data.viewerOf(user), new TaskQueries.TaskFilter("me", null, due, null, null, null, null), window, null, 50, false)
			.items()
			.stream()
			.map(Task::title)
			.toList();
	}

	private static List<String> titles(JsonNode page) {
		List<String> titles = new java.util.ArrayList<>();
		page.get("items").forEach(t -> titles.add(t.get("title").asString()));
		return titles;
	}
}
