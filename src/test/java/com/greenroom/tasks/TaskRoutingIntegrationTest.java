package com.greenroom.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import com.greenroom.system.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class TaskRoutingIntegrationTest {

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

	UserSummary ana;

	UserSummary bob;

	@BeforeEach
	void reset() {
		data.reset();
		ana = data.manager("ana", "LATAM");
		bob = data.manager("bob", "LATAM");
	}

	private Task task(String creatorId, String title, Long owner, Role role) {
		return tasks.create(new TaskDraft(title, TaskSource.manual(null), creatorId, "LATAM", owner, role,
				clock.instant().plus(Duration.ofHours(5))));
	}

	private Long ownerOf(Task task) {
		return tasks.find(task.id()).orElseThrow().ownerId();
	}

	@Test
	void aManagersCreatorsNewManagerTasksGoStraightToHerWhileUnmanagedCreatorsTasksStayUpForGrabs() {
		data.creator("c-1", "luna", "BR", ana.id());
		data.creator("c-2", "sol", "BR");

		assertThat(task("c-1", "Welcome call", null, Role.CREATOR_MANAGER).ownerId()).isEqualTo(ana.id());
		assertThat(task("c-1", "Policy briefing", null, Role.SAFETY).ownerId()).isNull();
		assertThat(task("c-2", "Welcome call", null, Role.CREATOR_MANAGER).ownerId()).isNull();
	}

	@Test
	void manyDraftsAtOnceAreRoutedAsOneByOneInTheirOrderAndAuditedEachAndOneInvalidDraftRefusesThemAll() {
		data.creator("c-1", "luna", "BR", ana.id());
		data.creator("c-2", "sol", "BR");
		Instant due = clock.instant().plus(Duration.ofHours(5));
		long audited = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single(); // task ids repeat across resets
		List<Task> created = tasks.createAll(List.of(
				new TaskDraft("Welcome call", TaskSource.manual(null), "c-1", "LATAM", null, Role.CREATOR_MANAGER, due),
				new TaskDraft("Policy briefing", TaskSource.manual(null), "c-1", "LATAM", null, Role.SAFETY, due),
				new TaskDraft("Welcome call", TaskSource.manual(null), "c-2", "LATAM", null, Role.CREATOR_MANAGER, due),
				new TaskDraft("Bob's follow-up", TaskSource.manual(null), "c-2", "LATAM", bob.id(), Role.CREATOR_MANAGER, due)));

		assertThat(created).extracting(Task::title).containsExactly("Welcome call", "Policy briefing", "Welcome call", "Bob's follow-up");
		assertThat(created).extracting(Task::creatorHandle).containsExactly("luna", "luna", "sol", "sol");
		assertThat(created).extracting(Task::ownerId).containsExactly(ana.id(), null, null, bob.id());
		assertThat(created).extracting(this::ownerOf).containsExactly(ana.id(), null, null, bob.id());
		assertThat(created.get(0).dueAt()).isEqualTo(due.truncatedTo(ChronoUnit.MICROS));
		assertThat(jdbc
			.sql("select count(*) from audit_log where id > :audited and entity_type = 'task' and action = 'created' and entity_id = any(:ids)")
			.param("audited", audited)
			.param("ids", created.stream().map(task -> String.valueOf(task.id())).toArray(String[]::new))
			.query(Long.class)
			.single()).isEqualTo(4);

		assertThatThrownBy(() -> tasks.createAll(List.of(
				new TaskDraft("Fine", TaskSource.manual(null), "c-1", "LATAM", null, Role.CREATOR_MANAGER, due),
				new TaskDraft("Nowhere", TaskSource.manual(null), "c-1", "ATLANTIS", null, Role.CREATOR_MANAGER, due))))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.getMessage()).contains("region"));
		assertThat(jdbc.sql("select count(*) from task where title in ('Fine', 'Nowhere')").query(Long.class).single())
			.as("nothing inserted (the registrations' onboarding adds tasks of its own meanwhile)")
			.isZero();
	}

	@Test
	void assigningAManagerMovesTheCreatorsUnclaimedManagerWorkToHerInTheSameChangeAndAuditsIt() {
		data.creator("c-1", "luna", "BR");
		Task welcome = task("c-1", "Welcome call", null, Role.CREATOR_MANAGER);
		Task briefing = task("c-1", "Policy briefing", null, Role.SAFETY);
		Task bobs = task("c-1", "Bob took this one", bob.id(), Role.CREATOR_MANAGER);
		Task done = task("c-1", "Already done", null, Role.CREATOR_MANAGER);
		tasks.complete(data.admin(), done.id(), null);
		Task otherCreator = task(null, "Not about luna", null, Role.CREATOR_MANAGER);

		Api.Response assigned = api.patch("/api/v1/creators/c-1", TestData.ADMIN_TOKEN, "{\"managerId\": %d}".formatted(ana.id()));

		assertThat(assigned.status()).isEqualTo(200);
		assertThat(ownerOf(welcome)).isEqualTo(ana.id());
		assertThat(ownerOf(briefing)).isNull();
		assertThat(ownerOf(bobs)).isEqualTo(bob.id());
		assertThat(ownerOf(done)).isEqualTo(data.admin().userId());
		assertThat(ownerOf(otherCreator)).isNull();
		JsonNode audit = api.get("/api/v1/audit?entityType=task&entityId=" + welcome.id(), TestData.ADMIN_TOKEN).json().get("items");
		assertThat(audit.get(0).get("action").asString()).isEqualTo("routed");
		assertThat(audit.get(0).get("after").get("ownerName").asString()).isEqualTo("Ana");
	}

	@Test
	void changingTheManagerMovesThePreviousManagersOpenWorkAndRemovingHerPutsItBackUpForGrabs() {
		data.creator("c-1", "luna", "BR", ana.id());
		Task welcome = task("c-1", "Welcome call", null, Role.CREATOR_MANAGER);
		Task profile = task("c-1", "Profile review", null, Role.CREATOR_MANAGER);
		assertThat(ownerOf(welcome)).isEqualTo(ana.id());

		api.patch("/api/v1/creators/c-1", TestData.ADMIN_TOKEN, "{\"managerId\": %d}".formatted(bob.id()));
		assertThat(ownerOf(welcome)).isEqualTo(bob.id());
		assertThat(ownerOf(profile)).isEqualTo(bob.id());

		api.patch("/api/v1/creators/c-1", TestData.ADMIN_TOKEN, "{\"managerId\": null}");
		assertThat(ownerOf(welcome)).isNull();
		assertThat(tasks.find(welcome.id()).orElseThrow().ownerRole()).isEqualTo(Role.CREATOR_MANAGER);
	}

	@Test
	void aBulkAssignmentMovesEveryCreatorsWorkAndARefusedOneMovesNothing() {
		data.creator("c-1", "luna", "BR");
		data.creator("c-2", "sol", "BR");
		Task luna = task("c-1", "Welcome call", null, Role.CREATOR_MANAGER);
		Task sol = task("c-2", "Welcome call", null, Role.CREATOR_MANAGER);

		Api.Response refused = api.post("/api/v1/creators/manager-assignments", TestData.ADMIN_TOKEN,
				"{\"creatorIds\": [\"c-1\", \"c-404\"], \"managerId\": %d}".formatted(ana.id()));
		assertThat(refused.status()).isBetween(400, 404);
		assertThat(ownerOf(luna)).isNull();

		Api.Response bulk = api.post("/api/v1/creators/manager-assignments", TestData.ADMIN_TOKEN,
				"{\"creatorIds\": [\"c-1\", \"c-2\"], \"managerId\": %d}".formatted(ana.id()));
		assertThat(bulk.status()).isEqualTo(200);
		assertThat(List.of(ownerOf(luna), ownerOf(sol))).containsOnly(ana.id());
		JsonNode mine = api.get("/api/v1/tasks?owner=me&kind=manual", data.tokenOf(ana)).json();
		assertThat(mine.get("total").asLong()).isEqualTo(2);
	}
}
