package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
	void copyBinaryWritesEachFieldWithItsLengthUnescapedUtf8AndTimestampsInPostgresMicroseconds() {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("note", "a\"b\\c\td\u0001é🎤");
		CopyBinary data = new CopyBinary(1).header().row(6).text("x\\y\tz\n\r").nul().text("café 🎤")
			.timestamp(Instant.parse("2026-11-24T02:03:04.000500Z")).jsonObject(attributes).jsonObject(Map.of()).trailer();

		Rows rows = new Rows(Arrays.copyOf(data.array(), data.size()), Set.of(3));
		List<Object> row = rows.next();
		assertThat(row).containsExactly("x\\y\tz\n\r", null, "café 🎤",
				// microseconds since 2000-01-01T00:00:00Z
				Duration.between(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2026-11-24T02:03:04.000500Z")).toNanos() / 1000,
				"\u0001{\"note\":\"a\\\"b\\\\c\\u0009d\\u0001é🎤\"}", null);
		assertThat(rows.next()).as("the trailer").isNull();
	}

	@Test
	void timestampsRoundToTheMicrosecondHalfToEvenAsPostgresReadsTheirText() {
		Instant second = Instant.parse("2026-11-24T02:03:04Z");
		long base = Duration.between(Instant.parse("2000-01-01T00:00:00Z"), second).toNanos() / 1000;
		// PostgreSQL reads ".fraction" with strtod and stores rint(fraction * 1000000)
		assertThat(micros(second.plusNanos(1_499))).isEqualTo(base + 1);
		assertThat(micros(second.plusNanos(1_500))).isEqualTo(base + 2);
		assertThat(micros(second.plusNanos(2_500))).isEqualTo(base + 2);
		assertThat(micros(second.plusNanos(999_999_999))).isEqualTo(base + 1_000_000);
		assertThat(micros(Instant.parse("1999-12-31T23:59:59.25Z"))).isEqualTo(-750_000);
	}

	private static long micros(Instant instant) {
		CopyBinary data = new CopyBinary(1).row(1).timestamp(instant);
		return (Long) new Rows(Arrays.copyOf(data.array(), data.size()), false, Set.of(0)).next().get(0);
	}

	@Test
	void aLargeBatchGoesToCopyInRowAlignedChunksHoldingOnlyClaimedEventsInBatchOrderWithConsecutiveSeqs() throws Exception {
		Instant at = Instant.parse("2026-11-24T02:03:04Z");
		List<IncomingEvent> events = new ArrayList<>();
		Set<String> claimed = new HashSet<>();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			String id = "evt-" + i;
			events.add(new IncomingEvent(i, id, EventType.GIFT_SENT, at, "creator-" + i % 7, "stream-1", "viewer-é" + i, new BigDecimal("4.99"),
					"USD", new BigDecimal("4.990000"), null));
			if (i % 3 != 0) {
				claimed.add(id);
				expected.add(id);
			}
		}
		List<Integer> sizes = new ArrayList<>();
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		EventLogWriter.copyRows(events, claimed, at, 1_000_001L, (bytes, length) -> {
			sizes.add(length);
			sent.write(bytes, 0, length);
		});

		Rows rows = new Rows(sent.toByteArray(), Set.of(0, 3, 5, 12));
		List<String> ids = new ArrayList<>();
		List<Object> seqs = new ArrayList<>();
		for (List<Object> row = rows.next(); row != null; row = rows.next()) {
			assertThat(row).hasSize(13);
			seqs.add(row.get(0));
			assertThat(row.get(2)).isEqualTo("gift.sent");
			assertThat(row.get(5)).as("the creator's slot").isEqualTo(CreatorSlots.of((String) row.get(4)));
			assertThat(row.get(7)).isEqualTo("viewer-é" + ((String) row.get(1)).substring(4));
			assertThat(row.get(11)).isNull();
			ids.add((String) row.get(1));
		}
		assertThat(ids).isEqualTo(expected);
		assertThat(seqs).as("the reserved block, one seq a copied row").isEqualTo(
				java.util.stream.LongStream.range(1_000_001L, 1_000_001L + expected.size()).boxed().toList());
		assertThat(sizes).hasSizeGreaterThan(1).allSatisfy(size -> assertThat(size).isLessThan(EventLogWriter.CHUNK + 1024));
		// each chunk ends at a row's end: the rows before it decode whole
		int end = 0;
		for (int i = 0; i < sizes.size() - 1; i++) {
			end += sizes.get(i);
			Rows prefix = new Rows(Arrays.copyOf(sent.toByteArray(), end), Set.of(0, 3, 5, 12));
			int count = 0;
			while (prefix.hasMore()) {
				prefix.next();
				count++;
			}
			assertThat(count).isPositive();
		}
	}

	/**
	 * Reads binary COPY data back: the fields at {@code binary} as numbers (8 bytes a long, 2 bytes a smallint as an int), the
	 * others as UTF-8 strings (numeric fields
	 * too, meaningless: their encoding is pgjdbc's), NULL as null; null at the trailer.
	 */
	private static final class Rows {

		private final ByteBuffer data;

		private final Set<Integer> binary;

		Rows(byte[] bytes, Set<Integer> binary) {
			this(bytes, true, binary);
		}

		Rows(byte[] bytes, boolean header, Set<Integer> binary) {
			this.data = ByteBuffer.wrap(bytes);
			this.binary = binary;
			if (header) {
				byte[] signature = new byte[11];
				data.get(signature);
				assertThat(signature).isEqualTo(new byte[] { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 });
				assertThat(data.getInt()).as("flags").isZero();
				assertThat(data.getInt()).as("header extension").isZero();
			}
		}

		boolean hasMore() {
			return data.hasRemaining();
		}

		List<Object> next() {
			short fields = data.getShort();
			if (fields == -1) {
				return null;
			}
			List<Object> row = new ArrayList<>();
			for (int i = 0; i < fields; i++) {
				int length = data.getInt();
				if (length == -1) {
					row.add(null);
					continue;
				}
				byte[] value = new byte[length];
				data.get(value);
				if (!binary.contains(i)) {
					row.add(new String(value, StandardCharsets.UTF_8));
				}
				else {
					row.add(length == 2 ? (Object) (int) ByteBuffer.wrap(value).getShort() : (Object) ByteBuffer.wrap(value).getLong());
				}
			}
			return row;
		}
	}
}
