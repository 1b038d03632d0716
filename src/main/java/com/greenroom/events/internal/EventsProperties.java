package com.greenroom.events.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of event ingest ({@code greenroom.events.*}): USD rates per currency, request limits, how
 * long the raw log is kept, how projections are fed, and the optional Kafka consumer.
 */
@ConfigurationProperties("greenroom.events")
public record EventsProperties(Map<String, BigDecimal> currencyRates, Integer maxBatchEvents, DataSize maxRequestSize,
		Integer retentionDays, Duration maxFutureSkew, Projections projections, Kafka kafka) {

	public EventsProperties {
		TreeMap<String, BigDecimal> rates = new TreeMap<>();
		if (currencyRates != null) {
			// environment variables arrive lower-cased (GREENROOM_EVENTS_CURRENCYRATES_KES -> kes)
			currencyRates.forEach((code, rate) -> rates.put(code.toUpperCase(Locale.ROOT), rate));
		}
		rates.putIfAbsent("USD", BigDecimal.ONE);
		currencyRates = java.util.Collections.unmodifiableMap(rates);
		maxBatchEvents = maxBatchEvents == null ? 10_000 : maxBatchEvents;
		maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(16) : maxRequestSize;
		retentionDays = retentionDays == null ? 400 : retentionDays;
		maxFutureSkew = maxFutureSkew == null ? Duration.ofDays(1) : maxFutureSkew;
		projections = projections == null ? new Projections(null, null, null) : projections;
		kafka = kafka == null ? new Kafka(false, null, null, null, null, null, null) : kafka;
	}

	/**
	 * How projections consume the log: {@code auto} runs them every {@code pollDelay} and right after
	 * an ingest commits; {@code batchSize} events per transaction.
	 */
	public record Projections(Boolean auto, Duration pollDelay, Integer batchSize) {

		public Projections {
			auto = auto == null || auto;
			pollDelay = pollDelay == null ? Duration.ofSeconds(1) : pollDelay;
			batchSize = batchSize == null ? 20_000 : batchSize;
		}
	}

	/**
	 * The Kafka consumer, off unless {@code enabled}; invalid records go to {@code deadLetterTopic}. Every node
	 * joins {@code groupId}, so the topic's partitions are spread over the nodes' consumers. {@code consumer}
	 * passes further Kafka consumer settings (e.g. {@code session.timeout.ms}, {@code security.protocol});
	 * the ones Greenroom's guarantees rest on (group, manual offset commit) cannot be overridden.
	 */
	public record Kafka(boolean enabled, String bootstrapServers, String topic, String groupId, String deadLetterTopic,
			Integer concurrency, Map<String, String> consumer) {

		public Kafka {
			bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
			topic = topic == null ? "greenroom.platform-events" : topic;
			groupId = groupId == null ? "greenroom" : groupId;
			deadLetterTopic = deadLetterTopic == null ? topic + ".dlt" : deadLetterTopic;
			concurrency = concurrency == null ? 1 : concurrency;
			consumer = consumer == null ? Map.of() : Map.copyOf(consumer);
		}
	}
}
