package com.greenroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.creators.CreatorLinks;
import com.greenroom.support.Api;
import com.greenroom.support.ConsoleSession;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/** Role, region and password changes reach open console sessions on their very next request. */
@IntegrationTest
class ConsoleSessionsIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Users users;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void aDemotedAdminsOpenSessionLosesAdminPagesAtOnceAndCannotRePromoteItself() {
		UserSummary bea = data.user("bea", List.of(Role.ADMIN.name()), "LATAM");
		ConsoleSession session = ConsoleSession.signIn(api, "bea", TestData.PASSWORD);
		assertThat(session.signedIn()).isTrue();
		assertThat(session.get("/admin/users").statusCode()).isEqualTo(200);

		assertThat(api.patch("/api/v1/users/" + bea.id(), TestData.ADMIN_TOKEN, "{\"roles\": [\"CREATOR_MANAGER\"]}").status()).isEqualTo(200);

		assertThat(session.get("/admin/users").statusCode()).isEqualTo(403);
		assertThat(session.get("/").body()).doesNotContain("/admin/users");
		var promote = session.post("/admin/users/" + bea.id(),
				Map.of("displayName", "Bea", "roles", "ADMIN", "regionCodes", "LATAM", "enabled", "on"), "/");
		assertThat(promote.statusCode()).isEqualTo(403);
		assertThat(users.find(bea.id()).orElseThrow().roles()).containsExactly(Role.CREATOR_MANAGER);
	}

	@Test
	void aRegionGivenToAnOpenSessionIsVisibleOnItsNextRequest() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-eu", "berta", "DE");
		ConsoleSession session = ConsoleSession.signIn(api, "ana", TestData.PASSWORD);
		assertThat(session.get(CreatorLinks.page("c-eu")).statusCode()).isEqualTo(404);

		api.patch("/api/v1/users/" + ana.id(), TestData.ADMIN_TOKEN, "{\"regions\": [\"LATAM\", \"EU\"]}");

		assertThat(session.get(CreatorLinks.page("c-eu")).statusCode()).isEqualTo(200);
	}

	@Test
	void aPasswordChangeEndsEveryOpenSessionOfTheUser() {
		UserSummary ana = data.manager("ana", "LATAM");
		ConsoleSession laptop = ConsoleSession.signIn(api, "ana", TestData.PASSWORD);
		ConsoleSession phone = ConsoleSession.signIn(api, "ana", TestData.PASSWORD);
		assertThat(laptop.get("/today").statusCode()).isEqualTo(200);

		api.patch("/api/v1/users/" + ana.id(), TestData.ADMIN_TOKEN, "{\"password\": \"a-brand-new-password\"}");

		for (ConsoleSession session : List.of(laptop, phone)) {
			var today = session.get("/today");
			assertThat(today.statusCode()).isEqualTo(302);
			assertThat(today.headers().firstValue("Location").orElseThrow()).contains("/login");
		}
		assertThat(ConsoleSession.signIn(api, "ana", "a-brand-new-password").signedIn()).isTrue();
	}

	@Test
	void disablingAUserEndsTheirOpenSession() {
		UserSummary ana = data.manager("ana", "LATAM");
		ConsoleSession session = ConsoleSession.signIn(api, "ana", TestData.PASSWORD);
		assertThat(session.get("/today").statusCode()).isEqualTo(200);

		api.patch("/api/v1/users/" + ana.id(), TestData.ADMIN_TOKEN, "{\"enabled\": false}");
		api.patch("/api/v1/users/" + ana.id(), TestData.ADMIN_TOKEN, "{\"enabled\": true}");

		assertThat(session.get("/today").statusCode()).isEqualTo(302);
	}
}
