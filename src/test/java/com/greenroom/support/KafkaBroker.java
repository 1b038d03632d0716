package com.greenroom.support;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real single-node Kafka (KRaft) per test JVM, started on first use. spring-kafka-test's
 * {@code @EmbeddedKafka} is built for the 4.2 test kit and does not run against the 4.3.1 broker the
 * pom pins, so tests start Kafka's own test kit directly.
 */
public final class KafkaBroker {

	private static KafkaClusterTestKit cluster;

	private KafkaBroker() {
	}

	/** The bootstrap servers of the running broker, starting it if needed. */
	public static synchronized String bootstrapServers() {
		if (cluster == null) {
			try {
				KafkaClusterTestKit started = new KafkaClusterTestKit.Builder(
						new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
					.setConfigProp("offsets.topic.replication.factor", "1")
					.setConfigProp("transaction.state.log.replication.factor", "1")
					.setConfigProp("group.initial.rebalance.delay.ms", "0")
					.build();
				started.format();
				started.startup();
				started.waitForReadyBrokers();
				cluster = started;
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						started.close();
					}
					catch (Exception ex) {
						// the JVM is going away
					}
				}));
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not start the test Kafka broker", ex);
			}
		}
		return cluster.bootstrapServers();
	}

	public static void createTopics(int partitions, String... topics) {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
			admin.createTopics(List.of(topics).stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList()).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create topics " + List.of(topics), ex);
		}
	}
}
