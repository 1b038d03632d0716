package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static String setting(Statement s, String name) throws Exception {
		try (ResultSet rs = s.executeQuery("show " + name)) {
			rs.next();
			return rs.getString(1);
		}
	}
}
