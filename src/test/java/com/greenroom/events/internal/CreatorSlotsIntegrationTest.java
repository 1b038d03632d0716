package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.EventType;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The writer sends each event's creator slot (V330); it must be the slot PostgreSQL's {@code hashtextextended} gives, which
 * the log's rows of earlier releases carry and which readers of a slot rely on: ids of every length around lookup3's
 * 12-byte blocks, in and beyond ASCII, hashed here and by this server.
 */
@IntegrationTest
class CreatorSlotsIntegrationTest {

	/** Characters of one, two, three and four UTF-8 bytes. */
	private static final String ALPHABET = "abcXYZ019-_.:éßżł€中文字🎤😀";

	@Autowired
	EventLogWriter writer;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void theSlotAndTheWholeHashAreTheServersForIdsOfEveryLengthAndEncoding() {
		Random random = new Random(46);
		Set<String> ids = new LinkedHashSet<>(List.of("", "a", "creator42", "bench-4080", "zażółć gęślą jaźń"));
		int[] points = ALPHABET.codePoints().toArray();
		for (int length = 1; length <= 40; length++) {
			for (int n = 0; n < 25; n++) {
				StringBuilder id = new StringBuilder();
				for (int i = 0; i < length; i++) {
					id.appendCodePoint(points[random.nextInt(points.length)]);
				}
				ids.add(id.toString());
			}
		}
		Map<String, long[]> server = new LinkedHashMap<>();
		jdbc.sql("""
				select s, hashtextextended(s collate "C", 0), hashtextextended(s collate "C", 0) & 63
				from unnest(cast(:ids as text[])) as ids(s)""")
			.param("ids", ids.toArray(String[]::new))
			.query((rs, n) -> server.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) }))
			.list();

		assertThat(server).hasSize(ids.size());
		for (String id : ids) {
			byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
			assertThat(CreatorSlots.hash(utf8, 0, utf8.length)).as("hash of %s", id).isEqualTo(server.get(id)[0]);
			assertThat(CreatorSlots.of(id)).as("slot of %s", id).isEqualTo((int) server.get(id)[1]);
		}
		// every slot is reached: the low bits spread
		assertThat(ids.stream().mapToInt(CreatorSlots::of).distinct().count()).isEqualTo(EventsProperties.Projections.SLOTS);
	}

	@Test
	void startUpRefusesAServerWhoseHashDiffersFromOurs() {
		Map<String, Long> ours = new LinkedHashMap<>();
		for (String probe : CreatorSlotsCheck.PROBES) {
			ours.put(probe, CreatorSlots.hash(probe));
		}
		CreatorSlotsCheck.verify(ours);
		// this server's answers are ours (the check ran at this context's start)
		new CreatorSlotsCheck(jdbc);

		Map<String, Long> bigEndian = new LinkedHashMap<>(ours);
		bigEndian.put("creator-42", ours.get("creator-42") ^ 1);
		assertThatThrownBy(() -> CreatorSlotsCheck.verify(bigEndian)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("hashtextextended('creator-42', 0)");
		Map<String, Long> missing = new LinkedHashMap<>(ours);
		missing.remove("a");
		assertThatThrownBy(() -> CreatorSlotsCheck.verify(missing)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void appendedEventsCarryTheServersSlotOfTheirCreatorAndARowWithoutOneIsRefused() {
		Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
		List<IncomingEvent> events = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			events.add(new IncomingEvent(i, "slot-" + i, EventType.VIEWER_JOINED, at, (i % 2 == 0 ? "creator-" : "créateur-🎤-") + i, null,
					"viewer-" + i, null, null, null, null));
		}

		assertThat(writer.append(events).accepted()).isEqualTo(events.size());

		assertThat(jdbc.sql("""
				select count(*) from platform_event
				where event_id like 'slot-%' and shard = (hashtextextended(creator_id, 0) & 63)""").query(Long.class).single())
			.isEqualTo(events.size());
		assertThatThrownBy(() -> jdbc.sql("""
				insert into platform_event (seq, event_id, type, occurred_at, creator_id, received_at)
				values (platform_event_seq_reserve(1), 'no-slot', 'viewer.joined', cast(:at as timestamptz), 'creator-1', now())""")
			.param("at", at.toString())
			.update()).isInstanceOf(DataIntegrityViolationException.class);
	}
}
