package com.greenroom.identity.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Where console sessions live ({@code greenroom.sessions.store}): {@code jdbc} (default) keeps them in
 * PostgreSQL through Spring Session, so any node serves any request and a session outlives the node
 * that created it; {@code memory} keeps them in the servlet container of one node (Spring Session's
 * auto-configuration is switched off), for a single node that wants no session writes.
 */
class SessionStoreSelection implements EnvironmentPostProcessor {

	static final String PROPERTY = "greenroom.sessions.store";

	private static final Set<String> SESSION_AUTO_CONFIGURATIONS = Set.of(
			"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
			"org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
			"org.springframework.boot.session.autoconfigure.SessionsEndpointAutoConfiguration");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String store = environment.getProperty(PROPERTY, "jdbc").strip().toLowerCase(Locale.ROOT);
		switch (store) {
			case "jdbc" -> {
				// the tables come from Flyway (db/migration/identity/V240__spring_session.sql)
				environment.getPropertySources()
					.addLast(new MapPropertySource("greenroom-sessions", Map.of("spring.session.jdbc.initialize-schema", "never")));
			}
			case "memory" -> {
				Set<String> excluded = new LinkedHashSet<>(
						StringUtils.commaDelimitedListToSet(environment.getProperty("spring.autoconfigure.exclude", "")));
				excluded.remove("");
				excluded.addAll(SESSION_AUTO_CONFIGURATIONS);
				environment.getPropertySources()
					.addFirst(new MapPropertySource("greenroom-sessions",
							Map.of("spring.autoconfigure.exclude", String.join(",", excluded))));
			}
			default -> throw new IllegalStateException(PROPERTY + " must be jdbc or memory, not '" + store + "'");
		}
	}
}
