package com.greenroom.events.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At start-up, compares {@link CreatorSlots} with the database's own {@code hashtextextended} on a few ids, and refuses to
 * start when they differ: on such a server (one that reads words big-endian) the slots the append sends would not be those
 * of the rows written before V330, and a creator's events would be split between two slots.
 */
@Component
class CreatorSlotsCheck {

	/** Ids of every length class of the hash's last block, in and beyond ASCII. */
	static final List<String> PROBES = List.of("", "a", "abcd", "creator-42", "0123456789ab", "0123456789abcdefghijk", "zażółć gęślą jaźń 🎤");

	CreatorSlotsCheck(JdbcClient jdbc) {
		Map<String, Long> server = new HashMap<>();
		jdbc.sql("select p, hashtextextended(p collate \"C\", 0) from unnest(cast(:probes as text[])) as probes(p)")
			.param("probes", PROBES.toArray(String[]::new))
			.query((rs, n) -> server.put(rs.getString(1), rs.getLong(2)))
			.list();
		verify(server);
	}

	/** Throws when a probe's hash from the server differs from {@link CreatorSlots#hash}. */
	static void verify(Map<String, Long> server) {
		for (String probe : PROBES) {
			long ours = CreatorSlots.hash(probe);
			Long theirs = server.get(probe);
			if (theirs == null || theirs != ours) {
				throw new IllegalStateException(String.format(
						"PostgreSQL's hashtextextended('%s', 0) is %s, Greenroom's is %d: the log's creator slots (platform_event.shard) would not "
								+ "match the server's; run Greenroom on a little-endian PostgreSQL server (docs/deployment.md, \"Per-shard projection claims\")",
						probe, theirs, ours));
			}
		}
	}
}
