package com.greenroom.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.ConsoleSession;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The layout's {@code currentPath} (the active navigation link) reaches every rendered console page, and never a
 * redirect (whose model attributes would become query parameters) nor an API answer.
 */
@IntegrationTest
class ConsoleLayoutIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void theNavigationMarksTheSectionOfThePageShown() {
		data.manager("ana", "LATAM");
		ConsoleSession session = ConsoleSession.signIn(api, "ana", TestData.PASSWORD);

		String creators = session.get("/creators").body();
		assertThat(active(creators, "/creators")).isTrue();
		assertThat(active(creators, "/today")).isFalse();
		assertThat(active(creators, "/")).isFalse();

		String today = session.get("/today").body();
		assertThat(active(today, "/today")).isTrue();
		assertThat(active(today, "/creators")).isFalse();

		String home = session.get("/").body();
		assertThat(active(home, "/")).isTrue();
		assertThat(active(home, "/today")).isFalse();
	}

	@Test
	void aConsoleRedirectCarriesNoLayoutAttributeAndTheApiNone() {
		UserSummary bea = data.user("bea", List.of(Role.ADMIN.name()), "LATAM");
		ConsoleSession session = ConsoleSession.signIn(api, "bea", TestData.PASSWORD);

		var saved = session.post("/admin/users/" + bea.id(),
				Map.of("displayName", "Bea B", "roles", "ADMIN", "regionCodes", "LATAM", "enabled", "on"), "/admin/users/" + bea.id());
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/admin/users/" + bea.id()).doesNotContain("currentPath");
		assertThat(active(session.get("/admin/users/" + bea.id()).body(), "/today")).isFalse();

		var roster = api.get("/api/v1/creators", TestData.ADMIN_TOKEN);
		assertThat(roster.status()).isEqualTo(200);
		assertThat(roster.body()).doesNotContain("currentPath");
	}

	/** Whether the navigation link to {@code path} carries the class {@code active}. */
	private static boolean active(String page, String path) {
		return Pattern.compile("<a href=\"" + Pattern.quote(path) + "\" class=\"[^\"]*\\bactive\\b").matcher(page).find();
	}
}
