package com.greenroom.creators;

import static com.greenroom.support.EventFeed.registered;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@IntegrationTest
@RecordApplicationEvents
class AutoAssignmentIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	ApplicationEvents events;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void roundRobinGivesTheRegionsEnabledCreatorManagersTurnsAndSkipsDisabledUsersAndLeads() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary bob = data.manager("bob", "LATAM");
		UserSummary cid = data.manager("cid", "LATAM");
		data.user("lea", List.of("REGIONAL_LEAD"), "LATAM");
		data.manager("sam", "SEA");
		assertThat(api.patch("/api/v1/users/" + bob.id(), TestData.ADMIN_TOKEN, "{\"enabled\": false}").status()).isEqualTo(200);
		assertThat(api.put("/api/v1/regions/LATAM/auto-assignment", TestData.ADMIN_TOKEN, "{\"mode\": \"ROUND_ROBIN\"}").status()).isEqualTo(200);

		feed.send(registered("r1", "p-1", "BR", null, clock.instant()), registered("r2", "p-2", "BR", null, clock.instant()),
				registered("r3", "p-3", "MX", null, clock.instant()), registered("r4", "p-4", "ID", null, clock.instant()));

		assertThat(managerOf("p-1")).isEqualTo(ana.id());
		assertThat(managerOf("p-2")).isEqualTo(cid.id());
		assertThat(managerOf("p-3")).isEqualTo(ana.id());
		assertThat(managerOf("p-4")).as("SEA has auto-assignment off").isNull();
		assertThat(events.stream(CreatorManagerChanged.class)).extracting(CreatorManagerChanged::creatorId).containsExactly("p-1", "p-2", "p-3");
		JsonNode audit = api.get("/api/v1/audit?entityType=creator&entityId=p-1", TestData.ADMIN_TOKEN).json().get("items");
		assertThat(audit.get(0).get("action").asString()).isEqualTo("manager auto-assigned (round-robin)");
		assertThat(audit.get(0).get("actor").asString()).isEqualTo("auto-assignment");
	}

	@Test
	void leastLoadedPicksTheManagerWithFewestActiveCreatorsAlsoForCreatorsAddedByHand() {
		UserSummary ana = data.manager("ana", "LATAM");
		UserSummary bob = data.manager("bob", "LATAM");
		data.creator("c-1", "one", "BR", ana.id());
		data.creator("c-2", "two", "BR", ana.id());
		data.creator("c-3", "three", "BR", bob.id());
		String lead = data.tokenOf(data.user("lea", List.of("REGIONAL_LEAD"), "LATAM"));
		assertThat(api.put("/api/v1/regions/LATAM/auto-assignment", lead, "{\"mode\": \"LEAST_LOADED\"}").status()).isEqualTo(200);

		Api.Response created = api.post("/api/v1/creators", lead, """
				{"creatorId": "c-4", "handle": "four", "country": "BR"}""");
		feed.send(registered("r5", "p-5", "BR", null, clock.instant()));

		assertThat(created.json().get("managerId").asLong()).isEqualTo(bob.id());
		assertThat(managerOf("p-5")).as("ana 2, bob 2: the tie goes to the first").isEqualTo(ana.id());
		Api.Response withManager = api.post("/api/v1/creators", lead, """
				{"creatorId": "c-6", "handle": "six", "country": "BR", "managerId": %d}""".formatted(ana.id()));
		assertThat(withManager.json().get("managerId").asLong()).as("a chosen manager stays").isEqualTo(ana.id());
	}

	@Test
	void onlyAdminsAndTheRegionsLeadsSetAutoAssignmentAndEveryChangeIsAudited() {
		String manager = data.tokenOf(data.manager("ana", "LATAM"));
		String otherLead = data.tokenOf(data.user("sia", List.of("REGIONAL_LEAD"), "SEA"));

		assertThat(api.put("/api/v1/regions/LATAM/auto-assignment", manager, "{\"mode\": \"ROUND_ROBIN\"}").status()).isEqualTo(403);
		assertThat(api.put("/api/v1/regions/LATAM/auto-assignment", otherLead, "{\"mode\": \"ROUND_ROBIN\"}").status()).isEqualTo(404);
		Api.Response bad = api.put("/api/v1/regions/LATAM/auto-assignment", TestData.ADMIN_TOKEN, "{\"mode\": \"RANDOM\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("field").asString()).isEqualTo("mode");
		assertThat(api.get("/api/v1/regions/LATAM/auto-assignment", manager).json().get("mode").asString()).isEqualTo("OFF");

		api.put("/api/v1/regions/LATAM/auto-assignment", TestData.ADMIN_TOKEN, "{\"mode\": \"LEAST_LOADED\"}");
		JsonNode audit = api.get("/api/v1/audit?entityType=region_auto_assignment&entityId=LATAM", TestData.ADMIN_TOKEN).json().get("items");
		assertThat(audit.get(0).get("after").get("mode").asString()).isEqualTo("LEAST_LOADED");
		assertThat(audit.get(0).get("before").get("mode").asString()).isEqualTo("OFF");
	}

	private Long managerOf(String creatorId) {
		long id = jdbc.sql("select coalesce(manager_id, -1) from creator where creator_id = :id").param("id", creatorId).query(Long.class)
			.single();
		return id < 0 ? null : id;
	}
}
