package com.greenroom.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * directory for real use, or one throw-away instance per JVM for tests. Either way it is locked down:
 * a random superuser password generated on first start and kept in the data directory (mode 0600),
 * {@code scram-sha-256} for every connection, TCP on the loopback only, and the unix socket inside the
 * PostgreSQL data directory (mode 0700), so no other local user can reach it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	static final String SUPERUSER = "postgres";

	/** The generated password, next to (not inside) the PostgreSQL data directory. */
	static final String PASSWORD_FILE = "postgres.password";

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	/** Only password (SCRAM) connections, over the socket and the loopback. */
	static final String HBA = """
			# Written by Greenroom on every start: password (SCRAM) authentication only.
			local   all   all                  scram-sha-256
			host    all   all   127.0.0.1/32   scram-sha-256
			host    all   all   ::1/128        scram-sha-256
			""";

	/** Test JVMs share one server across all Spring contexts. */
	private static EmbeddedPostgres shared;

	private static String sharedPassword;

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseProperties properties) throws IOException {
		EmbeddedPostgres postgres;
		String password;
		if (properties.ephemeralDatabase()) {
			postgres = sharedEphemeral();
			password = sharedPassword;
		}
		else {
			postgres = durable(properties.dataDir(), properties.postgresSettings());
			password = password(properties.dataDir());
		}
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
		dataSource.setUsername(SUPERUSER);
		dataSource.setPassword(password);
		// sized by Bulkheads.poolSizing from greenroom.pools.* (web + ingest + background)
		dataSource.setPoolName("greenroom");
		return dataSource;
	}

	private static synchronized EmbeddedPostgres sharedEphemeral() {
		if (shared == null) {
			try {
				Path dir = Files.createTempDirectory("greenroom-test-db");
				sharedPassword = password(dir);
				Path pgData = dir.resolve("postgres");
				shared = locked(EmbeddedPostgres.builder(), dir, pgData).setCleanDataDirectory(true)
					.setServerConfig("max_connections", "200")
					.start();
				enforce(shared, pgData, sharedPassword);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", ex);
			}
			closeAfterContexts(shared);
		}
		return shared;
	}

	static EmbeddedPostgres durable(Path dataDir) {
		return durable(dataDir, java.util.Map.of());
	}

	/** The durable server with further settings ({@link DatabaseProperties#postgresSettings()}, checked there). */
	static EmbeddedPostgres durable(Path dataDir, java.util.Map<String, String> settings) {
		try {
			Path pgData = dataDir.toAbsolutePath().resolve("postgres");
			Files.createDirectories(pgData);
			log.info("Starting embedded PostgreSQL with data in {}", pgData);
			String password = password(dataDir);
			stopOrphanedServer(pgData);
			// zonky's defaults trade durability for speed; an acknowledged write here must survive a crash
			EmbeddedPostgres.Builder builder = locked(EmbeddedPostgres.builder(), dataDir, pgData).setCleanDataDirectory(false)
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("max_connections", "100")
				// a checkpoint every 1 GB of WAL (the default) came every ~65 s under a steady 10,000 events/s, and
				// each one makes the next change to every page write the whole page to the WAL again
				.setServerConfig("max_wal_size", "4GB")
				// PostgreSQL's default of 128 MB held neither the log's recent partitions nor the activity tables under
				// a steady 10,000 events/s: the projections' read of the log went to the OS cache for 0.11 blocks per
				// event and every page was dirtied again after its eviction; 1 GB made both 0 and halved the pages
				// dirtied per event (docs/benchmarks.md, stop 15). An operator with less memory sets it lower.
				.setServerConfig("shared_buffers", "1GB");
			// the operator's own settings win over the defaults above (the reserved ones are refused before this)
			settings.forEach(builder::setServerConfig);
			EmbeddedPostgres postgres = builder.start();
			enforce(postgres, pgData, password);
			closeAfterContexts(postgres);
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, ex);
		}
	}

	/**
	 * The settings that keep other local users out: a new cluster is created with the password and SCRAM
	 * (initdb's {@code --pwfile} and {@code --auth}, which follow zonky's {@code -A trust} and so win);
	 * the server listens on the loopback and puts its socket in the data directory, readable by the owner only.
	 */
	private static EmbeddedPostgres.Builder locked(EmbeddedPostgres.Builder builder, Path dataDir, Path pgData) throws IOException {
		Path passwordFile = dataDir.toAbsolutePath().resolve(PASSWORD_FILE);
		return builder.setRegisterShutdownHook(false)
			.setDataDirectory(pgData)
			.setLocaleConfig("pwfile", passwordFile.toString())
			.setLocaleConfig("auth", "scram-sha-256")
			.setConnectConfig("password", Files.readString(passwordFile).strip())
			.setServerConfig("password_encryption", "scram-sha-256")
			.setServerConfig("listen_addresses", "localhost")
			.setServerConfig("unix_socket_directories", pgData.toAbsolutePath().toString())
			.setServerConfig("unix_socket_permissions", "0700");
	}

	/**
	 * Every start: make sure the superuser has this data directory's password and that pg_hba.conf allows
	 * nothing but SCRAM (a cluster created by an older Greenroom trusted every local connection).
	 */
	private static void enforce(EmbeddedPostgres postgres, Path pgData, String password) throws IOException {
		if (!password.matches("[A-Za-z0-9_-]{20,}")) {
			throw new IllegalStateException("The embedded PostgreSQL password file holds an unexpected value; delete it to regenerate");
		}
		Path hba = pgData.resolve("pg_hba.conf");
		boolean hbaChanged = !Files.exists(hba) || !Files.readString(hba).equals(HBA);
		try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("alter role " + SUPERUSER + " with password '" + password + "'");
			if (hbaChanged) {
				Files.writeString(hba, HBA);
				s.execute("select pg_reload_conf()");
				log.info("Embedded PostgreSQL now requires its password (scram-sha-256) for every connection");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not secure the embedded PostgreSQL", ex);
		}
		restrict(pgData, OWNER_ONLY_DIRECTORY);
	}

	/** The superuser password of this data directory: generated on first start, kept owner-readable only. */
	static String password(Path dataDir) throws IOException {
		Path file = dataDir.toAbsolutePath().resolve(PASSWORD_FILE);
		if (!Files.exists(file)) {
			Files.createDirectories(dataDir);
			byte[] random = new byte[32];
			RANDOM.nextBytes(random);
			String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			Path temporary = Files.createTempFile(dataDir.toAbsolutePath(), ".postgres.password", ".tmp");
			restrict(temporary, OWNER_ONLY_FILE);
			Files.writeString(temporary, generated + "\n");
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
			log.info("Generated a password for the embedded PostgreSQL in {}", file);
		}
		restrict(file, OWNER_ONLY_FILE);
		return Files.readString(file).strip();
	}

	private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
		if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
			Files.setPosixFilePermissions(path, permissions);
		}
	}

	private static final SecureRandom RANDOM = new SecureRandom();

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
	 * fast shutdown; PostgreSQL recovers from its WAL on the next start) so this start can proceed, but
	 * only when it really is this data directory's postmaster: the pid file names this directory and the
	 * process is a {@code postgres} started with {@code -D} on it. A stale pid file whose number now
	 * belongs to another process leaves that process alone.
	 */
	static void stopOrphanedServer(Path pgData) throws IOException {
		Path pidFile = pgData.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		String first = lines.isEmpty() ? "" : lines.get(0).strip();
		if (!first.matches("\\d+") || lines.size() < 2 || !sameDirectory(lines.get(1).strip(), pgData)) {
			return;
		}
		ProcessHandle.of(Long.parseLong(first))
			.filter(ProcessHandle::isAlive)
			.filter(p -> isPostmasterOf(p, pgData))
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

	/** Whether the process runs a {@code postgres} executable with {@code -D} naming this data directory. */
	static boolean isPostmasterOf(ProcessHandle process, Path pgData) {
		List<String> command = commandLine(process);
		if (command.isEmpty() || !Path.of(command.get(0)).getFileName().toString().equals("postgres")) {
			return false;
		}
		for (int i = 1; i < command.size() - 1; i++) {
			if (command.get(i).equals("-D") && sameDirectory(command.get(i + 1), pgData)) {
				return true;
			}
		}
		return false;
	}

	/** The process's argv: from /proc on Linux (exact, NUL-separated), else from the JDK's process info. */
	private static List<String> commandLine(ProcessHandle process) {
		Path proc = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
		try {
			if (Files.isReadable(proc)) {
				String raw = new String(Files.readAllBytes(proc), java.nio.charset.StandardCharsets.UTF_8);
				return java.util.Arrays.stream(raw.split("\u0000")).filter(part -> !part.isEmpty()).toList();
			}
		}
		catch (IOException ex) {
			return List.of();
		}
		var info = process.info();
		List<String> command = new java.util.ArrayList<>();
		info.command().ifPresent(command::add);
		info.arguments().ifPresent(arguments -> command.addAll(List.of(arguments)));
		return command;
	}

	private static boolean sameDirectory(String candidate, Path pgData) {
		try {
			return Path.of(candidate).toRealPath().equals(pgData.toRealPath());
		}
		catch (IOException | java.nio.file.InvalidPathException ex) {
			return false;
		}
	}

	static class NoDatasourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}
	}
}
