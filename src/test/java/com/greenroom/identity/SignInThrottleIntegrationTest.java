package com.greenroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.ConsoleSession;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Password and token guessing is slowed per account and per client address; the lock shows on the login
 * page, answers 429 on the API, is audited, and lifts after the window. (Throttle state lives in memory
 * across tests, so each test leaves the clock past its window.)
 */
@IntegrationTest
class SignInThrottleIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void fiveWrongPasswordsLockTheAccountForAWhileEvenForTheRightPassword() {
		data.manager("guessed", "LATAM");
		for (int i = 0; i < 4; i++) {
			assertThat(location(ConsoleSession.signIn(api, "guessed", "wrong-password-" + i))).endsWith("/login?error");
		}
		assertThat(location(ConsoleSession.signIn(api, "guessed", "wrong-password-4"))).endsWith("/login?throttled");

		ConsoleSession rightPassword = ConsoleSession.signIn(api, "guessed", TestData.PASSWORD);
		assertThat(rightPassword.signedIn()).isFalse();
		assertThat(location(rightPassword)).endsWith("/login?throttled");
		assertThat(rightPassword.get("/login?throttled").body()).contains("Too many failed sign-ins");
		assertThat(ConsoleSession.signIn(api, "someone.else", "wrong-password").signInResponse().headers().firstValue("Location")
			.orElseThrow()).endsWith("/login?error");
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'sign_in' and entity_id = 'guessed' and action = 'throttled'")
			.query(Long.class).single()).isOne();

		clock.advance(Duration.ofMinutes(15));
		assertThat(ConsoleSession.signIn(api, "guessed", TestData.PASSWORD).signedIn()).isTrue();
	}

	@Test
	void anAddressGuessingTokensGets429UntilItsWindowHasPassed() {
		var ana = data.manager("ana", "LATAM");
		String realToken = data.tokenOf(ana);
		int answered401 = 0;
		Api.Response last = api.get("/api/v1/creators", "gr_guess");
		while (last.status() == 401 && answered401 < 200) {
			answered401++;
			last = api.get("/api/v1/creators", "gr_guess" + answered401);
		}
		// 100 failures per address; earlier tests in this JVM may have used a few of them
		assertThat(answered401).isBetween(90, 100);
		assertThat(last.status()).isEqualTo(429);
		assertThat(last.contentType()).startsWith("application/problem+json");
		assertThat(api.get("/api/v1/creators", realToken).status()).isEqualTo(429);
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'sign_in' and action = 'throttled'").query(Long.class).single())
			.isOne();

		clock.advance(Duration.ofMinutes(15));
		assertThat(api.get("/api/v1/creators", realToken).status()).isEqualTo(200);
	}

	private static String location(ConsoleSession session) {
		return session.signInResponse().headers().firstValue("Location").orElseThrow();
	}
}
