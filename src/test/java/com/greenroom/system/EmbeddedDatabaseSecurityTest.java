package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL admits only Greenroom: no other local user or program can connect or be stopped by it. */
class EmbeddedDatabaseSecurityTest {

	@TempDir
	Path dataDir;

	@Test
	void aLocalConnectionWithoutThePasswordIsRefused() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedDatabaseConfiguration.durable(dataDir)) {
			String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";

			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close()).isInstanceOf(SQLException.class);
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guessed-password").close())
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("password authentication failed");

			String password = Files.readString(dataDir.resolve("postgres.password")).strip();
			try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement()) {
				assertThat(setting(s, "listen_addresses")).isEqualTo("localhost");
				assertThat(setting(s, "unix_socket_permissions")).isEqualTo("0700");
				assertThat(setting(s, "unix_socket_directories")).isEqualTo(dataDir.resolve("postgres").toAbsolutePath().toString());
				assertThat(setting(s, "fsync")).isEqualTo("on");
			}
			assertThat(password).hasSizeGreaterThanOrEqualTo(40);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres.password")))).isEqualTo("rw-------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres")))).isEqualTo("rwx------");
			assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf"))).doesNotContain("trust");
		}
	}

	@Test
	void theSamePasswordOpensTheDatabaseAfterARestart() throws Exception {
		try (EmbeddedPostgres first = EmbeddedDatabaseConfiguration.durable(dataDir);
				Connection c = first.getPostgresDatabase().getConnection();
				Statement s = c.createStatement()) {
			s.execute("create table kept (v text)");
		}
		String password = Files.readString(dataDir.resolve("postgres.password"));

		try (EmbeddedPostgres second = EmbeddedDatabaseConfiguration.durable(dataDir);
				Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + second.getPort() + "/postgres", "postgres",
						password.strip());
				Statement s = c.createStatement()) {
			s.execute("select * from kept");
		}
		assertThat(Files.readString(dataDir.resolve("postgres.password"))).isEqualTo(password);
	}

	@Test
	void aStalePidFileNamingAnotherProgramCalledPostgresLeavesThatProgramRunning() throws Exception {
		Path pgData = Files.createDirectories(dataDir.resolve("postgres"));
		Path impostor = Files.createDirectories(dataDir.resolve("bin")).resolve("postgres");
		Files.copy(Path.of("/bin/sleep"), impostor, StandardCopyOption.COPY_ATTRIBUTES);
		Process other = new ProcessBuilder(impostor.toString(), "120").start();
		try {
			Files.writeString(pgData.resolve("postmaster.pid"), other.pid() + "\n" + pgData.toAbsolutePath() + "\n");

			EmbeddedDatabaseConfiguration.stopOrphanedServer(pgData);

			assertThat(other.waitFor(1, TimeUnit.SECONDS)).as("the other program was stopped").isFalse();
			assertThat(other.isAlive()).isTrue();
		}
		finally {
			other.destroyForcibly();
		}
	}

	private static String setting(Statement s, String name) throws Exception {
		try (ResultSet rs = s.executeQuery("show " + name)) {
			rs.next();
			return rs.getString(1);
		}
	}
}
