package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database Greenroom runs with by default keeps its data across restarts, with durable settings. */
class EmbeddedDatabaseDurabilityTest {

	@TempDir
	Path dataDir;

	@Test
	void dataWrittenBeforeARestartIsThereAfterIt() throws Exception {
		try (EmbeddedPostgres first = EmbeddedDatabaseConfiguration.durable(dataDir)) {
			try (Connection c = first.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
				s.execute("create table kept (v text)");
				s.execute("insert into kept values ('still here')");
				assertThat(setting(s, "fsync")).isEqualTo("on");
				assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
				assertThat(setting(s, "max_wal_size")).isEqualTo("4GB");
				assertThat(setting(s, "shared_buffers")).isEqualTo("1GB");
			}
		}
		assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();

		try (EmbeddedPostgres second = EmbeddedDatabaseConfiguration.durable(dataDir);
				Connection c = second.getPostgresDatabase().getConnection();
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select v from kept")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("still here");
		}
	}

	@Test
	void anOperatorsSettingsReachTheServerAndOverrideItsDefaults() throws Exception {
		java.util.Map<String, String> settings = new DatabaseProperties(dataDir, false,
				java.util.Map.of("shared-buffers", "64MB", "max_wal_size", "2GB"))
			.postgresSettings();
		try (EmbeddedPostgres postgres = EmbeddedDatabaseConfiguration.durable(dataDir, settings);
				Connection c = postgres.getPostgresDatabase().getConnection();
				Statement s = c.createStatement()) {
			assertThat(setting(s, "shared_buffers")).isEqualTo("64MB");
			assertThat(setting(s, "max_wal_size")).isEqualTo("2GB");
			assertThat(setting(s, "fsync")).isEqualTo("on");
		}
	}

	@Test
	void settingsThatWouldWeakenDurabilityOrAccessOrReachTheCommandLineAreRefusedByName() {
		assertThatThrownBy(() -> new DatabaseProperties(dataDir, false, java.util.Map.of("full-page-writes", "off")))
			.hasMessageContaining("greenroom.postgres-settings.full_page_writes");
		assertThatThrownBy(() -> new DatabaseProperties(dataDir, false, java.util.Map.of("listen_addresses", "*")))
			.hasMessageContaining("greenroom.postgres-settings.listen_addresses");
		assertThatThrownBy(() -> new DatabaseProperties(dataDir, false, java.util.Map.of("work_mem", "4MB -c fsync=off")))
			.hasMessageContaining("greenroom.postgres-settings.work_mem");
		assertThatThrownBy(() -> new DatabaseProperties(dataDir, false, java.util.Map.of("Bad Name", "1")))
			.hasMessageContaining("not a PostgreSQL setting name");
	}

	private static String setting(Statement s, String name) throws Exception {
		try (ResultSet rs = s.executeQuery("show " + name)) {
			rs.next();
			return rs.getString(1);
		}
	}
}
