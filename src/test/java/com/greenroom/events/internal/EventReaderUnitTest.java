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
			null, 30, null, null, null);

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
	void rfc3339NeedsSecondsAndAnOffset() {
		for (String bad : List.of("2026-11-24T09:00Z", "2026-11-24T09:00:00", "2026-11-24", "1732440000", "2026-11-24T09:00:00+0700")) {
			assertThat(read(follow(bad)).rejected()).as(bad).extracting(r -> r.field()).containsExactly("occurredAt");
		}
		assertThat(read(follow("2026-11-24T09:00:00.123456-03:00")).valid()).hasSize(1);
	}

	private EventReader.Batch read(String line) {
		return reader.readNdjson(line.getBytes());
	}

	private static String follow(String at) {
		return "{\"id\":\"f\",\"type\":\"follow.created\",\"occurredAt\":\"" + at + "\",\"creatorId\":\"c\",\"viewerId\":\"v\"}";
	}
}
