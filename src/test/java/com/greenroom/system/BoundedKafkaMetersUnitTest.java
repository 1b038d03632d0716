package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BoundedKafkaMetersUnitTest {

	@Test
	void kafkaClientMetersKeepOneSeriesPerTopicWhateverThePartitionsAndClientIds() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		registry.config().meterFilter(new MetricsConfiguration().boundedKafkaMeters());

		for (int client = 0; client < 5; client++) {
			for (int partition = 0; partition < 12; partition++) {
				Gauge.builder("kafka.consumer.fetch.manager.records.lag", () -> 1.0)
					.tags(Tags.of("client.id", "consumer-greenroom-" + client, "topic", "greenroom.platform-events", "partition",
							String.valueOf(partition)))
					.register(registry);
			}
			Gauge.builder("kafka.consumer.fetch.manager.records.lag.max", () -> 1.0)
				.tags(Tags.of("client.id", "consumer-greenroom-" + client, "topic", "greenroom.platform-events"))
				.register(registry);
		}
		Gauge.builder("greenroom.projection.lag", () -> 0.0).tags("partition", "kept-outside-kafka").register(registry);

		assertThat(registry.find("kafka.consumer.fetch.manager.records.lag").meters()).isEmpty();
		assertThat(registry.find("kafka.consumer.fetch.manager.records.lag.max").meters()).singleElement()
			.satisfies(meter -> assertThat(meter.getId().getTags()).containsExactly(io.micrometer.core.instrument.Tag.of("topic",
					"greenroom.platform-events")));
		assertThat(registry.find("greenroom.projection.lag").tag("partition", "kept-outside-kafka").meters()).hasSize(1);
	}
}
