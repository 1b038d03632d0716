package com.greenroom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class SessionStoreSelectionUnitTest {

	@Test
	void jdbcIsTheDefaultAndLeavesTheSchemaToFlyway() {
		MockEnvironment environment = new MockEnvironment();
		new SessionStoreSelection().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.session.jdbc.initialize-schema")).isEqualTo("never");
		assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
	}

	@Test
	void memorySwitchesSpringSessionOffAndKeepsOtherExclusions() {
		MockEnvironment environment = new MockEnvironment().withProperty("greenroom.sessions.store", "memory")
			.withProperty("spring.autoconfigure.exclude", "com.example.Other");
		new SessionStoreSelection().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.autoconfigure.exclude")).startsWith("com.example.Other,")
			.contains("org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
					"org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration");
	}

	@Test
	void anUnknownStoreStopsStartUpNamingTheSetting() {
		MockEnvironment environment = new MockEnvironment().withProperty("greenroom.sessions.store", "redis");
		assertThatThrownBy(() -> new SessionStoreSelection().postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("greenroom.sessions.store must be jdbc or memory");
	}
}
