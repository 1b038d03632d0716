package com.greenroom.system;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the embedded PostgreSQL keeps its data ({@code GREENROOM_DATA_DIR}, default {@code ./data}),
 * whether it is a throw-away test instance (temporary directory, durability off, shared by the JVM), and
 * further server settings for the embedded PostgreSQL ({@code greenroom.postgres-settings.shared-buffers=2GB}: a
 * property key loses its underscores unless bracketed, so a hyphen stands for one): every one but those that keep
 * the server durable and closed to other users.
 */
@ConfigurationProperties("greenroom")
public record DatabaseProperties(Path dataDir, boolean ephemeralDatabase, Map<String, String> postgresSettings) {

	/** Settings Greenroom decides itself: durability, and who may connect. */
	static final Set<String> RESERVED = Set.of("fsync", "synchronous_commit", "full_page_writes", "listen_addresses", "port",
			"unix_socket_directories", "unix_socket_permissions", "password_encryption", "hba_file", "data_directory");

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,62}");

	private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.,:+-]{1,200}");

	public DatabaseProperties {
		if (dataDir == null) {
			dataDir = Path.of("data");
		}
		Map<String, String> named = new java.util.TreeMap<>();
		if (postgresSettings != null) {
			postgresSettings.forEach((key, value) -> named.put(key.replace('-', '_'), value));
		}
		postgresSettings = Map.copyOf(named);
		postgresSettings.forEach(DatabaseProperties::check);
	}

	private static void check(String name, String value) {
		String field = String.format("greenroom.postgres-settings.%s", name);
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(String.format("%s: not a PostgreSQL setting name (lower case letters, digits, _ and .)", field));
		}
		if (RESERVED.contains(name)) {
			throw new IllegalArgumentException(String.format("%s: Greenroom sets this one itself (durability and access)", field));
		}
		if (value == null || !VALUE.matcher(value).matches()) {
			throw new IllegalArgumentException(String.format("%s: a value of 1 to 200 letters, digits and _ . , : + - only", field));
		}
	}
}
