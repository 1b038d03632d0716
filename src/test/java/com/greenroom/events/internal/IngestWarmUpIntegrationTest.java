package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.EventType;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The start-up warm-up runs the ack path's per-event code over valid events of every type (a rejected event would warm
 * the rejection's code instead) and stores nothing: no log row, no claimed id, no append noted.
 */
@IntegrationTest
class IngestWarmUpIntegrationTest {

	@Autowired
	IngestWarmUp warmUp;

	@Autowired
	EventReader reader;

	@Autowired
	EventsProperties properties;

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
	void everyMadeUpEventIsValidAndEncodedAndNothingIsStored() {
		IngestWarmUp.Done done = warmUp.warmUp(12_345);

		assertThat(done.events()).isEqualTo(12_345);
		assertThat(done.valid()).isEqualTo(12_345);
		assertThat(done.rows()).isEqualTo(12_345);
		assertThat(done.bytes()).isGreaterThan(12_345L * 100);
		assertThat(count("platform_event")).isZero();
		assertThat(count("platform_event_id")).isZero();
		assertThat(count("platform_event_append_day")).isZero();
	}

	@Test
	void theMadeUpEventsHoldEveryTypeAndEveryConfiguredCurrency() {
		EventReader.Batch batch = reader.readNdjson(IngestWarmUp.batch(0, 5_000, clock.instant(), properties.currencyRates()));

		assertThat(batch.rejected()).isEmpty();
		Set<EventType> types = EnumSet.noneOf(EventType.class);
		Set<String> paid = new java.util.TreeSet<>();
		for (IncomingEvent event : batch.valid()) {
			types.add(event.type());
			if (event.currency() != null) {
				paid.add(event.currency());
			}
		}
		assertThat(types).containsExactlyInAnyOrder(EventType.values());
		assertThat(paid).isEqualTo(properties.currencyRates().keySet());
	}

	@Test
	void theWarmUpDefaultsToHalfAMillionEventsAndRefusesANegativeCountOrMoreThanTenMillionAtStartUp() {
		assertThat(new EventsProperties(null, null, null, null, null, null, null, null).warmUpEvents()).isEqualTo(500_000);
		assertThat(new EventsProperties(null, null, null, null, null, 0, null, null).warmUpEvents()).isZero();
		assertThatThrownBy(() -> new EventsProperties(null, null, null, null, null, -1, null, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("greenroom.events.warm-up-events");
		assertThatThrownBy(() -> new EventsProperties(null, null, null, null, null, 10_000_001, null, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("greenroom.events.warm-up-events");
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}
}
