package com.greenroom.bench;

import java.util.Arrays;
import java.util.stream.Stream;

import com.greenroom.GreenroomApplication;
import com.greenroom.events.PlatformEvents;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replays the event log into every projection, as {@code greenroom rebuild} does, but with the web server
 * up on a free port (the {@code rebuild} command's context without a web server does not start on this
 * build: {@code ProblemErrorController} needs {@code ErrorAttributes}). Used by {@link ProjectionCostBenchmark}.
 */
public final class RebuildMain {

	private RebuildMain() {
	}

	public static void main(String[] args) {
		String[] settings = Stream.concat(Stream.of("--greenroom.events.projections.auto=false", "--greenroom.events.kafka.enabled=false",
				"--server.port=0"), Arrays.stream(args))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplication(GreenroomApplication.class).run(settings)) {
			PlatformEvents events = context.getBean(PlatformEvents.class);
			// --passes=N: rebuild N times in this JVM (the later passes run compiled code)
			int passes = Arrays.stream(args).filter(a -> a.startsWith("--passes=")).mapToInt(a -> Integer.parseInt(a.substring(9))).findFirst()
				.orElse(1);
			for (int pass = 1; pass <= passes; pass++) {
				long applied = events.rebuild();
				System.out.printf("Rebuilt the projections from the event log: %d events applied; positions %s%n", applied, events.positions());
			}
		}
		System.exit(0);
	}
}
