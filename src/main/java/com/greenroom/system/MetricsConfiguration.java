package com.greenroom.system;

import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps what /actuator/prometheus exposes bounded, whatever a library registers. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	/** Tags whose values grow with client restarts (client ids count up per consumer created). */
	static final Set<String> UNBOUNDED_KAFKA_TAGS = Set.of("client.id", "client-id", "node.id", "node-id");

	/**
	 * Kafka client meters per partition are dropped (a topic with many partitions would multiply every
	 * series), and client and node ids are removed from the rest: consumers get new client ids each time
	 * they are created, so those series would grow without bound. What remains is per topic and group.
	 */
	@Bean
	MeterFilter boundedKafkaMeters() {
		return new MeterFilter() {

			@Override
			public MeterFilterReply accept(Meter.Id id) {
				return isKafka(id) && id.getTag("partition") != null ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
			}

			/** Runs before {@link #accept}, so the partition tag stays for it to see. */
			@Override
			public Meter.Id map(Meter.Id id) {
				if (!isKafka(id)) {
					return id;
				}
				List<Tag> kept = id.getTags().stream().filter(tag -> !UNBOUNDED_KAFKA_TAGS.contains(tag.getKey())).toList();
				return kept.size() == id.getTags().size() ? id : id.replaceTags(kept);
			}
		};
	}

	private static boolean isKafka(Meter.Id id) {
		return id.getName().startsWith("kafka.");
	}
}
