package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.Users;
import com.greenroom.support.Api;
import com.greenroom.support.ConsoleSession;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inputs PostgreSQL or bcrypt cannot take are refused at the edge with a 400 naming the field, and
 * nothing changes. Before the global checks, NUL characters, null list items and overlong passwords
 * answered 500, a year-99999 timestamp was stored and a fractional user id was truncated; the overlong
 * sign-in and the null handle are kept here as guards.
 */
@IntegrationTest
class InputSafetyIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void aNulCharacterInAJsonStringIsRefusedNamingTheField() {
		var response = api.post("/api/v1/creators", TestData.ADMIN_TOKEN, """
				{"creatorId": "c-1", "handle": "lu\\u0000na", "country": "BR"}""");

		assertRefused(response, "handle");
		assertThat(creators()).isZero();
	}

	@Test
	void aNulCharacterInAStringNestedInAListIsRefusedNamingItsPosition() {
		var response = api.post("/api/v1/users", TestData.ADMIN_TOKEN, """
				{"username": "ana", "displayName": "Ana", "roles": ["CREATOR_MANAGER"], "regions": ["LA\\u0000TAM"]}""");

		assertRefused(response, "regions[0]");
		assertThat(users.findByUsername("ana")).isEmpty();
	}

	@Test
	void aNulCharacterInAQueryParameterIsRefusedNamingIt() {
		assertRefused(api.get("/api/v1/creators?q=lu%00na", TestData.ADMIN_TOKEN), "q");
		assertRefused(api.get("/api/v1/creators.csv?region=LA%00TAM", TestData.ADMIN_TOKEN), "region");
		assertRefused(api.get("/api/v1/audit?actor=%00", TestData.ADMIN_TOKEN), "actor");
	}

	@Test
	void aNulCharacterInAConsoleFormFieldIsRefused() {
		data.manager("ana", "LATAM");
		ConsoleSession session = ConsoleSession.signIn(api, "ana", TestData.PASSWORD);

		var search = session.get("/creators?q=lu%00na");

		assertThat(search.statusCode()).isEqualTo(400);
	}

	/** Found by posting every console form with odd values: a ticket's assignee that is not a number answered 500. */
	@Test
	void aNewTicketsAssigneeThatIsNoNumberIsRefusedInTheForm() {
		data.manager("ana", "LATAM");
		ConsoleSession session = ConsoleSession.signIn(api, "ana", TestData.PASSWORD);

		var created = session.post("/tickets", Map.of("subject", "Payout missing", "region", "LATAM", "priority", "P3", "assigneeId", "x"),
				"/tickets/new");

		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.body()).contains("the assignee must be one of the people listed");
		assertThat(jdbc.sql("select count(*) from ticket").query(Long.class).single()).isZero();
	}

	@Test
	void aPasswordLongerThanBcryptCanHashIsRefusedNamingPassword() {
		String seventyThreeBytes = "é".repeat(36) + "x";
		var created = api.post("/api/v1/users", TestData.ADMIN_TOKEN, """
				{"username": "ana", "displayName": "Ana", "password": "%s", "roles": ["ANALYST"]}""".formatted(seventyThreeBytes));
		assertRefused(created, "password");
		assertThat(users.findByUsername("ana")).isEmpty();

		var ana = data.manager("ana", "LATAM");
		assertRefused(api.patch("/api/v1/users/" + ana.id(), TestData.ADMIN_TOKEN, """
				{"password": "%s"}""".formatted("p".repeat(73))), "password");
		assertThat(ConsoleSession.signIn(api, "ana", TestData.PASSWORD).signedIn()).isTrue();
	}

	@Test
	void signingInWithAnOverlongPasswordFailsLikeAWrongPassword() {
		data.manager("ana", "LATAM");

		ConsoleSession session = ConsoleSession.signIn(api, "ana", "p".repeat(500));

		assertThat(session.signedIn()).isFalse();
		assertThat(session.signInResponse().statusCode()).isEqualTo(302);
		assertThat(session.signInResponse().headers().firstValue("Location").orElseThrow()).contains("/login?error");
	}

	@Test
	void aTimestampOutsideTheYearsPostgresqlAndClientsCanHoldIsRefusedNamingTheField() {
		assertRefused(api.post("/api/v1/creators", TestData.ADMIN_TOKEN, """
				{"creatorId": "c-1", "handle": "luna", "country": "BR", "registeredAt": "+99999-01-01T00:00:00Z"}"""), "registeredAt");
		assertThat(creators()).isZero();

		data.creator("c-1", "luna", "BR");
		assertRefused(api.patch("/api/v1/creators/c-1", TestData.ADMIN_TOKEN, """
				{"registeredAt": "-99999-01-01T00:00:00Z"}"""), "registeredAt");
		assertRefused(api.post("/api/v1/tasks", TestData.ADMIN_TOKEN, """
				{"title": "call", "region": "LATAM", "ownerRole": "CREATOR_MANAGER", "dueAt": "+275760-09-13T00:00:00Z"}"""), "dueAt");
		assertRefused(api.put("/api/v1/regions/LATAM/calendar", TestData.ADMIN_TOKEN, """
				{"workingDays": ["MONDAY"], "holidays": [{"date": "+5000000-01-01", "name": "far"}]}"""), "holidays[0].date");
	}

	/**
	 * A keyset cursor carries the instant of the last row served; one crafted with an instant Java parses and PostgreSQL
	 * cannot hold (found by sweeping every operation of the OpenAPI document with odd values) answered 500 on these
	 * lists, as did the calendar's window. Refused naming the parameter.
	 */
	@Test
	void aCursorOrWindowAtAnInstantBeyondTheYearsPostgresqlCanHoldIsRefusedNamingIt() {
		data.creator("c-1", "luna", "BR");
		for (String instant : java.util.List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
			for (String list : java.util.List.of("/api/v1/tasks", "/api/v1/timers", "/api/v1/incidents", "/api/v1/notifications",
					"/api/v1/creators/c-1/coaching")) {
				assertRefused(api.get(list + "?cursor=" + new Cursor(instant, 1).encode(), TestData.ADMIN_TOKEN), "cursor");
			}
			assertRefused(api.get("/api/v1/safety/cases?cursor=" + new Cursor("1|" + instant, 1).encode(), TestData.ADMIN_TOKEN), "cursor");
			assertRefused(api.get("/api/v1/events/publications?cursor=" + new Cursor(instant + " " + java.util.UUID.randomUUID(), 1).encode(),
					TestData.ADMIN_TOKEN), "cursor");
			String encoded = java.net.URLEncoder.encode(instant, java.nio.charset.StandardCharsets.UTF_8);
			assertRefused(api.get("/api/v1/calendar/occurrences?from=" + encoded, TestData.ADMIN_TOKEN), "from");
			assertRefused(api.get("/api/v1/calendar/occurrences?from=2026-12-01&to=" + encoded, TestData.ADMIN_TOKEN), "to");
		}
		// the console's lists and calendar read them the same way: a 400, or (the lists that start again on a bad cursor) the
		// first page, never a server error
		data.user("ada", java.util.List.of("ADMIN"));
		ConsoleSession session = ConsoleSession.signIn(api, "ada", TestData.PASSWORD);
		String far = new Cursor("+999999999-12-31T23:59:59Z", 1).encode();
		for (String page : java.util.List.of("/admin/timers?cursor=" + far, "/incidents?cursor=" + far, "/inbox?cursor=" + far,
				"/safety/cases?cursor=" + new Cursor("1|+999999999-12-31T23:59:59Z", 1).encode(), "/calendar?date=%2B999999999-12-31")) {
			assertThat(session.get(page).statusCode()).as(page).isBetween(200, 499);
		}
		// the last instant PostgreSQL and every client hold is still a cursor
		assertThat(api.get("/api/v1/tasks?cursor=" + new Cursor("9999-12-31T23:59:59Z", 1).encode(), TestData.ADMIN_TOKEN).status()).isEqualTo(200);
	}

	@Test
	void aFractionIsNotAUserId() {
		var ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR");

		assertRefused(api.post("/api/v1/tasks", TestData.ADMIN_TOKEN, """
				{"title": "call", "region": "LATAM", "ownerId": %d.5, "dueAt": "2026-12-01T10:00:00Z"}""".formatted(ana.id())), "ownerId");
		assertRefused(api.patch("/api/v1/creators/c-1", TestData.ADMIN_TOKEN, """
				{"managerId": %d.5}""".formatted(ana.id())), "managerId");
		assertThat(api.get("/api/v1/creators/c-1", TestData.ADMIN_TOKEN).json().has("managerId")).isFalse();
	}

	@Test
	void aNullItemInAListIsRefusedNamingItsPosition() {
		assertRefused(api.post("/api/v1/tasks/bulk", TestData.ADMIN_TOKEN, """
				{"ids": [null], "action": "COMPLETE"}"""), "ids[0]");
		assertRefused(api.patch("/api/v1/regions/LATAM", TestData.ADMIN_TOKEN, """
				{"countries": ["BR", null]}"""), "countries[1]");
		assertThat(api.get("/api/v1/regions/LATAM", TestData.ADMIN_TOKEN).json().get("countries").size()).isGreaterThan(1);
	}

	@Test
	void nullCannotClearARequiredFieldOfACreator() {
		data.creator("c-1", "luna", "BR");

		assertRefused(api.patch("/api/v1/creators/c-1", TestData.ADMIN_TOKEN, "{\"handle\": null}"), "handle");
		assertRefused(api.patch("/api/v1/creators/c-1", TestData.ADMIN_TOKEN, "{\"country\": null}"), "country");
		assertThat(api.get("/api/v1/creators/c-1", TestData.ADMIN_TOKEN).json().get("handle").asString()).isEqualTo("luna");
	}

	private long creators() {
		return jdbc.sql("select count(*) from creator").query(Long.class).single();
	}

	private static void assertRefused(Api.Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("field").asString()).as(response.toString()).isEqualTo(field);
	}
}
