package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.identity.Regions;

/** The contract's time window and money rules, at a fixed instant. */
class EventReaderUnitTest {

	static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	final EventsProperties properties = new EventsProperties(Map.of("usd", BigDecimal.ONE, "idr", new BigDecimal("0.000063")), null,
			null, 30, null, null, null, null);

	final EventReader reader = new EventReader(JsonMapper.builder().build(), properties, mock(Regions.class),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void theRetentionWindowStartsAtTheUtcMidnightRetentionDaysAgo() {
		assertThat(read(follow("2026-10-25T00:00:00Z")).valid()).hasSize(1);
		assertThat(read(follow("2026-10-25T07:59:59+08:00")).rejected()).extracting(r -> r.field()).containsExactly("occurredAt");
	}

	@Test
	void eventsMayBeAtMostADayAheadOfTheClock() {
		assertThat(read(follow("2026-11-25T10:00:00Z")).valid()).hasSize(1);
		assertThat(read(follow("2026-11-25T10:00:01Z")).rejected()).singleElement()
			.satisfies(r -> assertThat(r.reason()).isEqualTo("is more than 24 hours in the future"));
	}

	@Test
	void amountsAreConvertedToUsdAtTheConfiguredRateWhateverTheCaseOfTheConfiguredCode() {
		EventReader.Batch batch = read(
				"""
						{"id":"g","type":"gift.sent","occurredAt":"2026-11-24T09:00:00+07:00","creatorId":"c","streamId":"s","viewerId":"v","amount":{"value":"15000","currency":"IDR"}}""");

		assertThat(batch.valid()).singleElement().satisfies(e -> {
			assertThat(e.usd()).isEqualByComparingTo("0.945");
			assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));
		});
	}

	@Test
	void aRegistrationsLanguageIsCheckedTheSameInEveryBatchOnceItsTagIsKnown() {
		for (int batch = 0; batch < 3; batch++) {
			for (String good : List.of("pt-BR", "id", "en-US", "zh-Hant-TW")) {
				assertThat(read(registration(good)).valid()).as(good).hasSize(1);
			}
			for (String bad : List.of("pt_BR", "12", "p", "pt-BR-", "en-" + "x".repeat(9), "a".repeat(36))) {
				assertThat(read(registration(bad)).rejected()).as(bad).singleElement().satisfies(r -> {
					assertThat(r.field()).isEqualTo("language");
					assertThat(r.reason()).isEqualTo("must be a BCP 47 language tag such as pt-BR");
				});
			}
		}
	}

	private static String registration(String language) {
		return "{\"id\":\"r-" + language + "\",\"type\":\"creator.registered\",\"occurredAt\":\"2026-11-24T09:00:00Z\",\"creatorId\":\"c9\","
				+ "\"handle\":\"Ana\",\"country\":\"BR\",\"language\":\"" + language + "\"}";
	}

	@Test
	void rfc3339NeedsSecondsAndAnOffset() {
		for (String bad : List.of("2026-11-24T09:00Z", "2026-11-24T09:00:00", "2026-11-24", "1732440000", "2026-11-24T09:00:00+0700")) {
			assertThat(read(follow(bad)).rejected()).as(bad).extracting(r -> r.field()).containsExactly("occurredAt");
		}
		assertThat(read(follow("2026-11-24T09:00:00.123456-03:00")).valid()).hasSize(1);
	}

	@Test
	void ndjsonReadAsItTricklesInSplitsLinesWhereverTheReadsEndAndCountsOnlyNonBlankLines() throws Exception {
		String longLine = "{\"id\":\"long\",\"type\":\"follow.created\",\"occurredAt\":\"2026-11-24T09:00:00Z\",\"creatorId\":\"c\",\"viewerId\":\"v\",\"ignored\":\""
				+ "x".repeat(3 * EventReader.LINE_BUFFER) + "\"}";
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 3000; i++) {
			body.append(follow("2026-11-24T09:00:00Z").replace("\"f\"", "\"f" + i + "\"")).append(i % 7 == 0 ? "\r\n\n  \n" : "\n");
			if (i == 1500) {
				body.append(longLine).append('\n').append("{not json\n");
			}
		}
		body.append(follow("2026-11-24T09:00:00Z")); // the last line has no newline
		byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);

		EventReader.Batch batch = reader.readNdjson(new Trickle(bytes), bytes.length);

		assertThat(batch.size()).isEqualTo(3003);
		assertThat(batch.valid()).hasSize(3002);
		assertThat(batch.valid().get(1501).id()).isEqualTo("long");
		assertThat(batch.valid().get(3001).index()).isEqualTo(3002);
		assertThat(batch.rejected()).singleElement().satisfies(r -> {
			assertThat(r.index()).isEqualTo(1502);
			assertThat(r.field()).isEqualTo("body");
		});
	}

	@Test
	void ndjsonPastTheByteLimitIsRefusedWholeWhileItStreams() {
		byte[] bytes = (follow("2026-11-24T09:00:00Z") + "\n").repeat(100).getBytes();

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.readNdjson(new Trickle(bytes), bytes.length - 1))
			.isInstanceOf(com.greenroom.system.PayloadTooLargeException.class);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> reader.readArray(new Trickle(("[" + follow("2026-11-24T09:00:00Z") + "]").getBytes()), 20))
			.isInstanceOf(com.greenroom.system.PayloadTooLargeException.class);
	}

	@Test
	void platformIdsAreCheckedByTheSameRuleAsEverywhereElse() {
		java.util.Random random = new java.util.Random(7);
		String alphabet = "aZ09._~:@-/ \u00e9\n%+#";
		List<String> samples = new java.util.ArrayList<>(List.of("", "a", "-a", ".x", "c-42", "a".repeat(128), "a".repeat(129), "a\n", "é"));
		for (int i = 0; i < 20_000; i++) {
			StringBuilder id = new StringBuilder();
			for (int k = random.nextInt(6); k > 0; k--) {
				id.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			samples.add(id.toString());
		}
		for (String id : samples) {
			assertThat(EventReader.isSafeId(id)).as(id).isEqualTo(com.greenroom.system.Checks.isSafeId(id));
		}
	}

	@Test
	void linesReadWithoutJacksonComeOutExactlyAsJacksonReadsThem() {
		EventReader jackson = new EventReader(JsonMapper.builder().build(), properties, mock(Regions.class), Clock.fixed(NOW, ZoneOffset.UTC));
		jackson.plainLines = false;
		List<String> templates = List.of(follow("2026-11-24T09:00:00Z"),
				"{\"id\":\"g1\",\"type\":\"gift.sent\",\"occurredAt\":\"2026-11-24T09:00:00.250+07:00\",\"creatorId\":\"c-1\",\"streamId\":\"s-1\","
						+ "\"viewerId\":\"v-1\",\"amount\":{\"value\":\"15000\",\"currency\":\"IDR\"}}",
				" { \"type\" : \"subscription.started\" , \"id\":\"s1\", \"occurredAt\":\"2026-11-23T09:00:00Z\",\"creatorId\":\"c\",\"viewerId\":\"v\","
						+ "\"amount\": { \"currency\":\"USD\", \"value\":\"4.99\", \"extra\":null } ,\"plan\":\"gold\" }\r",
				"{\"id\":\"r1\",\"type\":\"creator.registered\",\"occurredAt\":\"2026-11-24T09:00:00Z\",\"creatorId\":\"c9\",\"handle\":\"Ana ~ 1\","
						+ "\"country\":\"BR\",\"language\":\"pt-BR\",\"timezone\":\"America/Sao_Paulo\",\"unknown\":\"x\",\"amount\":null}",
				"{\"id\":\"t1\",\"type\":\"stream.started\",\"occurredAt\":\"2026-11-24T09:00:00Z\",\"creatorId\":\"c\",\"streamId\":\"s\",\"title\":\"Hi\","
						+ "\"category\":\"music\",\"viewerId\":null}",
				"{\"id\":\"p1\",\"type\":\"report.filed\",\"occurredAt\":\"2026-11-24T09:00:00Z\",\"creatorId\":\"c\",\"viewerId\":\"v\","
						+ "\"category\":\"spam\",\"note\":\"said so twice\",\"note\":\"said so\"}",
				gift("null"), gift("\"4.99 USD\""), gift("{}"), gift("{\"value\":null,\"currency\":\"USD\"}"),
				gift("{\"value\":\"1\"} , \"amount\":null"),
				"{}", "{\"id\":null}");
		String[] pieces = { "{", "}", "[", "]", "\"", ":", ",", "\\", " ", "\t", "\r", "\n", "0", "4.5", "-", "e", "true", "false", "null", "nul",
				"é",
				"\\u0000", "\\\"", "\"x\"", "{}", "[]", "\u007f", "\u0001", "amount", "id", "\"amount\":", "\"value\":\"1\"", "a".repeat(200) };
		java.util.Random random = new java.util.Random(11);
		List<byte[]> records = new java.util.ArrayList<>();
		int plain = 0;
		for (String template : templates) {
			assertThat(EventReader.isPlain(template.getBytes(java.nio.charset.StandardCharsets.UTF_8))).as(template).isTrue();
			records.add(template.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			for (int i = 0; i < 2_000; i++) {
				StringBuilder line = new StringBuilder(template);
				for (int k = 1 + random.nextInt(3); k > 0; k--) {
					int at = random.nextInt(line.length() + 1);
					switch (random.nextInt(3)) {
						case 0 -> line.insert(at, pieces[random.nextInt(pieces.length)]);
						case 1 -> line.delete(at, Math.min(line.length(), at + 1 + random.nextInt(4)));
						default -> line.replace(at, Math.min(line.length(), at + 1), pieces[random.nextInt(pieces.length)]);
					}
				}
				byte[] bytes = line.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
				plain += EventReader.isPlain(bytes) ? 1 : 0;
				records.add(bytes);
			}
		}

		EventReader.Batch expected = jackson.readEach(records);
		EventReader.Batch actual = reader.readEach(records);

		assertThat(plain).as("mutated lines still in the plain shape").isGreaterThan(1_000);
		assertThat(actual.valid()).hasSizeGreaterThan(100);
		assertThat(actual.rejected()).hasSizeGreaterThan(1_000);
		assertThat(actual.valid()).isEqualTo(expected.valid());
		assertThat(actual.rejected()).isEqualTo(expected.rejected());
	}

	/** A body that arrives a few bytes at a time, as a slow client's would. */
	private static final class Trickle extends java.io.InputStream {

		private final byte[] bytes;

		private int position;

		Trickle(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public int read() {
			return position < bytes.length ? bytes[position++] & 0xFF : -1;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (position >= bytes.length) {
				return -1;
			}
			int n = Math.min(Math.min(len, 1 + position % 4093), bytes.length - position);
			System.arraycopy(bytes, position, b, off, n);
			position += n;
			return n;
		}
	}

	private EventReader.Batch read(String line) {
		return reader.readNdjson(line.getBytes());
	}

	private static String gift(String amount) {
		return "{\"id\":\"g\",\"type\":\"gift.sent\",\"occurredAt\":\"2026-11-24T09:00:00Z\",\"creatorId\":\"c\",\"streamId\":\"s\",\"viewerId\":\"v\","
				+ "\"amount\":" + amount + "}";
	}

	private static String follow(String at) {
		return "{\"id\":\"f\",\"type\":\"follow.created\",\"occurredAt\":\"" + at + "\",\"creatorId\":\"c\",\"viewerId\":\"v\"}";
	}
}
