package com.greenroom.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real single-node Kafka (KRaft) per test JVM, started on first use. spring-kafka-test's
 * {@code @EmbeddedKafka} is built for the 4.2 test kit and does not run against the 4.3.1 broker the
 * pom pins, so tests start Kafka's own test kit directly.
 * <p>
 * The broker must not decide how the test JVM ends. The test kit deletes its log directories in shutdown hooks of its
 * own, which the JVM runs at the same time as the hook that closes the broker; a broker that finds its log directory
 * gone halts the JVM with status 1 ({@code LogManager} through {@link Exit#halt}), and surefire then reports "Error
 * occurred in starting fork" after every test has passed. So the kit's hooks are collected and run after the broker
 * is closed, in one hook, and Kafka's exit and halt only log.
 */
public final class KafkaBroker {

	private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

	private static final List<Runnable> kitShutdownHooks = new ArrayList<>();

	private static KafkaClusterTestKit cluster;

	private KafkaBroker() {
	}

	/** The bootstrap servers of the running broker, starting it if needed. */
	public static synchronized String bootstrapServers() {
		if (cluster == null) {
			Exit.setExitProcedure((status, message) -> log.error("Kafka asked to exit the JVM ({}): {}", status, message));
			Exit.setHaltProcedure((status, message) -> log.error("Kafka asked to halt the JVM ({}): {}", status, message));
			Exit.setShutdownHookAdder((name, hook) -> {
				synchronized (kitShutdownHooks) {
					kitShutdownHooks.add(hook);
				}
			});
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
					synchronized (kitShutdownHooks) {
						for (Runnable hook : kitShutdownHooks) {
							try {
								hook.run();
							}
							catch (RuntimeException ex) {
								log.warn("A test kit shutdown hook failed", ex);
							}
						}
					}
				}, "test-kafka-broker-close"));
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
