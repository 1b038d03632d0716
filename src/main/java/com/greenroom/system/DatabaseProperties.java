package com.greenroom.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the embedded PostgreSQL keeps its data ({@code GREENROOM_DATA_DIR}, default {@code ./data}),
 * and whether it is a throw-away test instance (temporary directory, durability off, shared by the JVM).
 */
@ConfigurationProperties("greenroom")
public record DatabaseProperties(Path dataDir, boolean ephemeralDatabase) {

	public DatabaseProperties {
		if (dataDir == null) {
			dataDir = Path.of("data");
		}
	}
}
