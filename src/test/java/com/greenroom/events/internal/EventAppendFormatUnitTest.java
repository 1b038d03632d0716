package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.greenroom.events.EventType;

/** The hand-written parts of the append path agree with the library code they replace. */
class EventAppendFormatUnitTest {

	@Test
	void timestampsReadLikeTheIsoOffsetFormatter() {
		for (String raw : new String[] { "2026-11-24T09:30:00+07:00", "2026-11-24T09:30:00Z", "2026-11-24T09:30:00.5Z",
				"2026-11-24T09:30:00.123456789-03:30", "2024-02-29T23:59:59+14:00", "2026-01-01T00:00:00-00:00",
				"2026-11-24t09:30:00z", "2026-11-24T09:30:00+07:00:30", "0001-01-01T00:00:00Z", "2026-11-24T09:30:00.1234567891Z",
				"2026-02-30T09:30:00Z", "2026-13-01T09:30:00Z",
				"2026-11-24T24:00:00Z", "2026-11-24T09:60:00Z", "2026-11-24T09:30:00+18:00", "2026-11-24T09:30:00+18:01",
				"2026-11-24T09:30:00.Z", "2026-11-24T09:30:00+0700", "2026-11-24T09:30:0aZ", "2026-11-24T09:30:00+07:00 " }) {
			Instant expected;
			try {
				expected = OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
			}
			catch (DateTimeParseException ex) {
				assertThatThrownBy(() -> EventReader.parseTimestamp(raw)).as(raw).isInstanceOf(DateTimeParseException.class);
				continue;
			}
			assertThat(EventReader.parseTimestamp(raw)).as(raw).isEqualTo(expected);
		}
	}

	@Test
	void copyTextEscapesLikeTheCopyFormatAndWritesUtf8() {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("note", "a\"b\\c\td\u0001é🎤");
		CopyText text = new CopyText(1).text("x\\y\tz\n\r").tab().nul().tab().text("café 🎤").tab()
			.timestamp(Instant.parse("2026-11-24T02:03:04.000500Z")).tab().timestamp(Instant.parse("2026-11-24T02:03:04Z")).tab()
			.jsonObject(attributes).tab().jsonObject(Map.of()).endRow();

		assertThat(new String(Arrays.copyOf(text.array(), text.size()), StandardCharsets.UTF_8)).isEqualTo(
				"x\\\\y\\tz\\n\\r\t\\N\tcafé 🎤\t2026-11-24T02:03:04.000500000Z\t2026-11-24T02:03:04Z\t"
						+ "{\"note\":\"a\\\\\"b\\\\\\\\c\\\\u0009d\\\\u0001é🎤\"}\t\\N\n");
	}

	@Test
	void aLargeBatchGoesToCopyInRowAlignedChunksHoldingOnlyClaimedEventsInBatchOrder() throws Exception {
		Instant at = Instant.parse("2026-11-24T02:03:04Z");
		List<IncomingEvent> events = new ArrayList<>();
		Set<String> claimed = new HashSet<>();
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 5_000; i++) {
			String id = "evt-" + i;
			events.add(new IncomingEvent(i, id, EventType.VIEWER_JOINED, at, "creator-" + i % 7, "stream-1", "viewer-é" + i, null, null,
					null, null));
			if (i % 3 != 0) {
				claimed.add(id);
				expected.append(id).append("\tviewer.joined\t2026-11-24T02:03:04Z\tcreator-").append(i % 7)
					.append("\tstream-1\tviewer-é").append(i).append("\t\\N\t\\N\t\\N\t\\N\t2026-11-24T02:03:04Z\n");
			}
		}
		List<Integer> sizes = new ArrayList<>();
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		EventLogWriter.copyRows(events, claimed, at, (bytes, length) -> {
			assertThat(bytes[length - 1]).as("a chunk ends at a row's end").isEqualTo((byte) '\n');
			sizes.add(length);
			sent.write(bytes, 0, length);
		});

		assertThat(sent.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
		assertThat(sizes).hasSizeGreaterThan(1).allSatisfy(size -> assertThat(size).isLessThan(EventLogWriter.CHUNK + 1024));
	}
}
