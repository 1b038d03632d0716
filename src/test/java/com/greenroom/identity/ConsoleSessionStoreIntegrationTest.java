package com.greenroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.ConsoleSession;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Console sessions live in PostgreSQL (greenroom.sessions.store=jdbc, the default), so a session is
 * whatever the database says it is: any node reading the same rows serves it (two processes: see
 * TwoNodesIntegrationTest).
 */
@IntegrationTest
class ConsoleSessionStoreIntegrationTest {

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
	void aSignedInConsoleSessionIsARowInTheDatabaseAndEndsWhenTheRowGoes() {
		data.manager("ana", "LATAM");
		ConsoleSession session = ConsoleSession.signIn(api, "ana", TestData.PASSWORD);
		assertThat(session.signedIn()).isTrue();
		assertThat(session.get("/today").statusCode()).isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = 'ana'").query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("""
				select count(*) from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id
				where s.principal_name = 'ana' and a.attribute_name = 'SPRING_SECURITY_CONTEXT'""").query(Long.class).single()).isEqualTo(1);

		jdbc.sql("delete from spring_session where principal_name = 'ana'").update();

		var today = session.get("/today");
		assertThat(today.statusCode()).isEqualTo(302);
		assertThat(today.headers().firstValue("Location").orElseThrow()).contains("/login");
	}

	@Test
	void aFormPostedWithTheSessionsCsrfTokenIsAcceptedAndSigningOutDeletesTheSessionRow() {
		data.manager("ana", "LATAM");
		ConsoleSession session = ConsoleSession.signIn(api, "ana", TestData.PASSWORD);

		var signOut = session.post("/logout", Map.of(), "/today");

		assertThat(signOut.statusCode()).isEqualTo(302);
		assertThat(signOut.headers().firstValue("Location").orElseThrow()).contains("/login?signedOut");
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = 'ana'").query(Long.class).single()).isZero();
	}
}
