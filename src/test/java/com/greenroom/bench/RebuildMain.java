package com.greenroom.bench;

import java.util.Arrays;

import com.greenroom.GreenroomApplication;
import com.greenroom.events.PlatformEvents;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replays the event log into every projection, as {@code greenroom rebuild} does, {@code --passes=N} times in one
 * JVM (the later passes run compiled code). Used by {@link ProjectionCostBenchmark}.
 */
public final class RebuildMain {

	private RebuildMain() {
	}

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = GreenroomApplication.startForRebuild(args)) {
			PlatformEvents events = context.getBean(PlatformEvents.class);
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
