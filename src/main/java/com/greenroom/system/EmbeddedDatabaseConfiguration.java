package com.greenroom.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url}, Greenroom runs its own PostgreSQL: durable under the data
 * directory for real use, or one throw-away instance per JVM for tests.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	/** Test JVMs share one server across all Spring contexts. */
	private static EmbeddedPostgres shared;

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseProperties properties) {
		EmbeddedPostgres postgres = properties.ephemeralDatabase() ? sharedEphemeral() : durable(properties.dataDir());
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		// sized by Bulkheads.poolSizing from greenroom.pools.* (web + ingest + background)
		dataSource.setPoolName("greenroom");
		return dataSource;
	}

	private static synchronized EmbeddedPostgres sharedEphemeral() {
		if (shared == null) {
			try {
				shared = EmbeddedPostgres.builder()
					.setRegisterShutdownHook(false)
					.setServerConfig("max_connections", "200")
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", ex);
			}
			closeAfterContexts(shared);
		}
		return shared;
	}

	static EmbeddedPostgres durable(Path dataDir) {
		try {
			Path pgData = dataDir.toAbsolutePath().resolve("postgres");
			Files.createDirectories(pgData);
			log.info("Starting embedded PostgreSQL with data in {}", pgData);
			// zonky's defaults trade durability for speed; an acknowledged write here must survive a crash
			stopOrphanedServer(pgData);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setRegisterShutdownHook(false)
				.setDataDirectory(pgData)
				.setCleanDataDirectory(false)
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("max_connections", "100")
				.start();
			closeAfterContexts(postgres);
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, ex);
		}
	}

	/** Stops the server only once every Spring context (and its last database work) has closed. */
	private static void closeAfterContexts(EmbeddedPostgres postgres) {
		SpringApplication.getShutdownHandlers().add(() -> {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				log.warn("Could not stop the embedded PostgreSQL cleanly", ex);
			}
		});
	}

	/**
	 * After a kill -9 of Greenroom, its PostgreSQL child may still hold the data directory. Stop it (a
	 * fast shutdown; PostgreSQL recovers from its WAL on the next start) so this start can proceed.
	 */
	static void stopOrphanedServer(Path pgData) throws IOException {
		Path pidFile = pgData.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
		if (!first.matches("\\d+")) {
			return;
		}
		ProcessHandle.of(Long.parseLong(first))
			.filter(ProcessHandle::isAlive)
			.filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
			.ifPresent(orphan -> {
				log.warn("Stopping PostgreSQL process {} left running by an earlier Greenroom", orphan.pid());
				orphan.destroy();
				try {
					orphan.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException("PostgreSQL process " + orphan.pid() + " did not stop; stop it and start again", ex);
				}
			});
	}

	static class NoDatasourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}
	}
}
