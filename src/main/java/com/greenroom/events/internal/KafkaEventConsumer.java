package com.greenroom.events.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.events.IngestResult;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.SendResult;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Platform events from Kafka (off unless {@code greenroom.events.kafka.enabled}): one event per record,
 * read in batches and checked like HTTP batches. Valid events are appended in one COPY transaction;
 * invalid records go, unchanged, to the dead-letter topic with the reason in headers; only then are the
 * batch's offsets committed. A failed append commits nothing and the batch is redelivered (ids make
 * the redelivery harmless). So delivery is at least once and the log's de-duplication by event id makes
 * it exact: a node killed between its append's commit and the offset commit leaves the batch to the node
 * that takes the partition over, whose append counts every event of it as a duplicate.
 * <p>
 * Several nodes: every node's consumer joins the same group, so Kafka spreads the topic's partitions
 * (keyed by creator id by the producer) over them and moves a dead node's partitions to the others.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("greenroom.events.kafka.enabled")
class KafkaEventConsumer {

	static final String REJECTED_FIELD = "greenroom-rejected-field";

	static final String REJECTED_REASON = "greenroom-rejected-reason";

	static final String ORIGINAL = "greenroom-original-record";

	private static final Logger log = LoggerFactory.getLogger(KafkaEventConsumer.class);

	@Bean(destroyMethod = "destroy")
	DefaultKafkaProducerFactory<String, byte[]> deadLetterProducerFactory(EventsProperties properties) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	@Bean
	ConcurrentMessageListenerContainer<String, byte[]> platformEventListener(EventsProperties properties, EventReader reader,
			EventIngest ingest, DefaultKafkaProducerFactory<String, byte[]> producers, IngestLoad load) {
		EventsProperties.Kafka kafka = properties.kafka();
		Map<String, Object> config = new HashMap<>(kafka.consumer());
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(properties.maxBatchEvents(), 10_000));
		config.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
		config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
		var consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		ContainerProperties container = new ContainerProperties(kafka.topic());
		container.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
		KafkaTemplate<String, byte[]> deadLetters = new KafkaTemplate<>(producers);
		container.setMessageListener((BatchAcknowledgingMessageListener<String, byte[]>) (records, ack) -> {
			try (IngestLoad.Arrival arrival = load.arrive()) {
				consume(records, ack, reader, ingest, deadLetters, kafka.deadLetterTopic());
			}
		});
		var listener = new ConcurrentMessageListenerContainer<>(consumers, container);
		listener.setConcurrency(kafka.concurrency());
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
		backOff.setMaxInterval(30_000);
		listener.setCommonErrorHandler(new DefaultErrorHandler(backOff));
		return listener;
	}

	static void consume(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack, EventReader reader, EventIngest ingest,
			KafkaTemplate<String, byte[]> deadLetters, String deadLetterTopic) {
		List<byte[]> values = new ArrayList<>(records.size());
		records.forEach(r -> values.add(r.value()));
		IngestResult result = ingest.ingest(reader.readEach(values));
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
		for (IngestResult.Rejection rejection : result.rejected()) {
			ConsumerRecord<String, byte[]> record = records.get(rejection.index());
			ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
			dead.headers().add(REJECTED_FIELD, rejection.field().getBytes(StandardCharsets.UTF_8));
			dead.headers().add(REJECTED_REASON, rejection.reason().getBytes(StandardCharsets.UTF_8));
			dead.headers().add(ORIGINAL, (record.topic() + "/" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
			sends.add(deadLetters.send(dead));
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not write rejected events to " + deadLetterTopic + "; the batch will be redelivered", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while writing rejected events", ex);
		}
		ack.acknowledge();
		if (!result.rejected().isEmpty()) {
			log.warn("Kafka batch: {} accepted, {} duplicates, {} rejected to {}", result.accepted(), result.duplicates(),
					result.rejected().size(), deadLetterTopic);
		}
	}
}
