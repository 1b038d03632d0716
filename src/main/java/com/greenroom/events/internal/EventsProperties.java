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
 * long the raw log is kept, how many made-up events warm the ack path before the node is ready ({@link IngestWarmUp}),
 * how projections are fed, and the optional Kafka consumer.
 */
@ConfigurationProperties("greenroom.events")
public record EventsProperties(Map<String, BigDecimal> currencyRates, Integer maxBatchEvents, DataSize maxRequestSize,
		Integer retentionDays, Duration maxFutureSkew, Integer warmUpEvents, Projections projections, Kafka kafka) {

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
		warmUpEvents = warmUpEvents == null ? 500_000 : warmUpEvents;
		if (warmUpEvents < 0 || warmUpEvents > 10_000_000) {
			throw new IllegalArgumentException("greenroom.events.warm-up-events must be between 0 and 10000000, not " + warmUpEvents);
		}
		projections = projections == null ? new Projections(null, null, null, null, null, null, null, null, null, null) : projections;
		kafka = kafka == null ? new Kafka(false, null, null, null, null, null, null) : kafka;
	}

	/**
	 * How projections consume the log: {@code auto} runs them every {@code pollDelay} and right after
	 * an ingest commits; {@code batchSize} events per transaction. A sharded projection is split into
	 * {@code shards} shards of creators (a divisor of {@value #SLOTS}: the log's creator slots), each
	 * claimed by one thread of one node at a time; a node runs up to {@code workers} batches at once
	 * (default: its processors + 1; one projection takes at most all but one of them). Both can change from one start to the next (positions are kept per slot).
	 * <p>
	 * In an ingest burst (as many batches arriving at once as the node has processors, and at least {@code burstRate}
	 * events taken in over the last second; default 10,000 per processor, 0: never) the node's workers defer their
	 * batches to the acknowledgements, for as long as no projection is {@code burstBacklog} events or more behind the
	 * log (default 1,000,000; 0: never defer); past it they run as usual, so what a burst holds back stays what the node
	 * catches up with in seconds once it ends.
	 * <p>
	 * A shard that still has about {@code catchUpBacklog} events or more to apply after a full batch (default 40,000, two
	 * batches; 0: never) is catching up: its next batch takes up to {@code catchUpBatchSize} events (default 80,000)
	 * instead of a batch kept near {@code batchSize} and the worker's CPU target. Per-batch costs (a creator's or a
	 * stream's state read and written once per batch, the shard's slot read) then weigh less per event; a shard that far
	 * behind has its events visible seconds late whatever its batches, so nothing waits longer for it.
	 * <p>
	 * After an ingest burst the module listeners (onboarding, stall timers, support actions, milestone history,
	 * retention) wait while a projection is {@code catchUpBacklog} events or more behind the log, for at most
	 * {@code listenerHold} after the burst ended (default 30 s, at most 1 h; 0: never wait): they follow up what the projections find,
	 * and the cores they would take are the catch-up's. A node that was in no burst lately never holds them.
	 */
	public record Projections(Boolean auto, Duration pollDelay, Integer batchSize, Integer shards, Integer workers, Long burstBacklog,
			Long burstRate, Long catchUpBacklog, Integer catchUpBatchSize, Duration listenerHold) {

		/** Creator slots of the log ({@code platform_event.shard}, fixed by the schema). */
		public static final int SLOTS = 64;

		public Projections {
			auto = auto == null || auto;
			pollDelay = pollDelay == null ? Duration.ofSeconds(1) : pollDelay;
			batchSize = batchSize == null ? 20_000 : batchSize;
			if (batchSize < 1) {
				throw new IllegalArgumentException("greenroom.events.projections.batch-size must be at least 1, not " + batchSize);
			}
			shards = shards == null ? 8 : shards;
			if (shards < 1 || SLOTS % shards != 0) {
				throw new IllegalArgumentException(
						"greenroom.events.projections.shards must divide " + SLOTS + " (1, 2, 4, 8, 16, 32 or 64), not " + shards);
			}
			workers = workers == null ? Runtime.getRuntime().availableProcessors() + 1 : workers;
			if (workers < 1) {
				throw new IllegalArgumentException("greenroom.events.projections.workers must be at least 1, not " + workers);
			}
			burstBacklog = burstBacklog == null ? 1_000_000L : burstBacklog;
			if (burstBacklog < 0) {
				throw new IllegalArgumentException("greenroom.events.projections.burst-backlog must be 0 or more, not " + burstBacklog);
			}
			burstRate = burstRate == null ? 10_000L * Runtime.getRuntime().availableProcessors() : burstRate;
			if (burstRate < 0) {
				throw new IllegalArgumentException("greenroom.events.projections.burst-rate must be 0 or more, not " + burstRate);
			}
			catchUpBacklog = catchUpBacklog == null ? 40_000L : catchUpBacklog;
			if (catchUpBacklog < 0) {
				throw new IllegalArgumentException("greenroom.events.projections.catch-up-backlog must be 0 or more, not " + catchUpBacklog);
			}
			catchUpBatchSize = catchUpBatchSize == null ? 80_000 : catchUpBatchSize;
			if (catchUpBatchSize < 1) {
				throw new IllegalArgumentException("greenroom.events.projections.catch-up-batch-size must be at least 1, not " + catchUpBatchSize);
			}
			listenerHold = listenerHold == null ? Duration.ofSeconds(30) : listenerHold;
			if (listenerHold.isNegative() || listenerHold.compareTo(Duration.ofHours(1)) > 0) {
				throw new IllegalArgumentException("greenroom.events.projections.listener-hold must be between 0 and 1h, not " + listenerHold);
			}
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
