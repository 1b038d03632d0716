package com.greenroom;

import com.greenroom.events.PlatformEvents;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Greenroom: the creator-operations platform. One jar, several commands (see {@link Command}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GreenroomApplication {

	public static void main(String[] args) {
		Command.run(args);
	}

	/** Starts the web application with the given Spring arguments. */
	public static void serve(String[] args) {
		SpringApplication.run(GreenroomApplication.class, args);
	}

	/** Replays the event log into every projection in a context of {@link #startForRebuild} and stops; returns the exit code. */
	static int rebuild(String[] args) {
		try (ConfigurableApplicationContext context = startForRebuild(args)) {
			PlatformEvents events = context.getBean(PlatformEvents.class);
			long applied = events.rebuild();
			System.out.printf(
					"Rebuilt the projections from the event log: %d event applications (an event counts once per projection that reads it); positions %s%n",
					applied, events.positions());
			return 0;
		}
	}

	/**
	 * Starts Greenroom without the projection poller, the Kafka consumer or the ingest warm-up, for a rebuild. The web
	 * layer's beans need a servlet context, so it runs one on an ephemeral port of the loopback interface, reachable by
	 * nobody else, for the context's life.
	 */
	public static ConfigurableApplicationContext startForRebuild(String[] args) {
		String[] withoutBackgroundWork = java.util.stream.Stream
			.concat(java.util.stream.Stream.of("--greenroom.events.projections.auto=false", "--greenroom.events.kafka.enabled=false",
					"--greenroom.events.warm-up-events=0",
					"--server.port=0", "--server.address=127.0.0.1"),
					java.util.Arrays.stream(args))
			.toArray(String[]::new);
		return new SpringApplication(GreenroomApplication.class).run(withoutBackgroundWork);
	}
}
