package com.greenroom.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.IntegrationTest;
import com.greenroom.support.KafkaBroker;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Against a real broker started in the test JVM (KRaft, see {@link KafkaBroker}). */
@IntegrationTest
@TestPropertySource(properties = { "greenroom.events.kafka.enabled=true",
		"greenroom.events.kafka.topic=" + KafkaEventConsumerIntegrationTest.TOPIC, "greenroom.events.kafka.group-id=greenroom-test" })
class KafkaEventConsumerIntegrationTest {

	static final String TOPIC = "platform-events-test";

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		KafkaBroker.createTopics(2, TOPIC, TOPIC + ".dlt");
		registry.add("greenroom.events.kafka.bootstrap-servers", KafkaBroker::bootstrapServers);
	}

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
	void validRecordsAreAppendedOnceInvalidOnesGoToTheDeadLetterTopicAndOffsetsAreCommitted() throws Exception {
		Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(1));
		var producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.<String, Object>of("bootstrap.servers",
				KafkaBroker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer()));
		send(producer, "c1", follow("k1", "c1", at));
		send(producer, "c2", follow("k2", "c2", at));
		send(producer, "c1", follow("k1", "c1", at));
		send(producer, "c1", "{\"id\":\"bad-type\",\"type\":\"stream.paused\",\"occurredAt\":\"" + at + "\",\"creatorId\":\"c1\"}");
		send(producer, "c2", "not json at all");
		producer.flush();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(committedOffsets()).isEqualTo(5));

		assertThat(jdbc.sql("select event_id from platform_event order by event_id").query(String.class).list()).containsExactly("k1", "k2");
		List<String> deadLetters = new ArrayList<>();
		try (Consumer<String, byte[]> dlt = new DefaultKafkaConsumerFactory<>(Map.<String, Object>of("bootstrap.servers",
				KafkaBroker.bootstrapServers(), "group.id", "dlt-reader", "auto.offset.reset", "earliest"), new StringDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			dlt.subscribe(List.of(TOPIC + ".dlt"));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				for (ConsumerRecord<String, byte[]> record : KafkaTestUtils.getRecords(dlt, Duration.ofSeconds(2))) {
					deadLetters.add(record.key() + " " + header(record, "greenroom-rejected-field") + " "
							+ header(record, "greenroom-rejected-reason").split(":")[0] + " | " + new String(record.value(), StandardCharsets.UTF_8));
				}
				assertThat(deadLetters).hasSize(2);
			});
		}
		assertThat(deadLetters).containsExactlyInAnyOrder(
				"c1 type must be one of creator.registered, stream.started, stream.ended, viewer.joined, viewer.left, gift.sent, "
						+ "subscription.started, follow.created, report.filed | {\"id\":\"bad-type\",\"type\":\"stream.paused\",\"occurredAt\":\""
						+ at + "\",\"creatorId\":\"c1\"}",
				"c2 body is not valid JSON | not json at all");
	}

	private long committedOffsets() throws Exception {
		long total = 0;
		for (int partition = 0; partition < 2; partition++) {
			OffsetAndMetadata offset = KafkaTestUtils.getCurrentOffset(KafkaBroker.bootstrapServers(), "greenroom-test", TOPIC, partition);
			total += offset == null ? 0 : offset.offset();
		}
		return total;
	}

	private static void send(KafkaTemplate<String, byte[]> producer, String key, String value) throws Exception {
		producer.send(new ProducerRecord<>(TOPIC, key, value.getBytes(StandardCharsets.UTF_8))).get();
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
	}

	private static String follow(String id, String creatorId, Instant at) {
		return "{\"id\":\"%s\",\"type\":\"follow.created\",\"occurredAt\":\"%s\",\"creatorId\":\"%s\",\"viewerId\":\"v1\"}".formatted(id, at,
				creatorId);
	}
}
