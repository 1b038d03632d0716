package com.greenroom.milestones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** First reaches travel in events of at most 64 (a listener's savepoints stay within PostgreSQL's cached subtransactions). */
class MilestonesReachedUnitTest {

	private static final Instant AT = Instant.parse("2026-12-04T12:00:00Z");

	@Test
	void reachesAreSplitIntoEventsOfAtMost64InOrder() {
		List<MilestoneReached> reached = IntStream.range(0, 130).mapToObj(i -> new MilestoneReached("c-" + i, "FIRST_STREAM", AT)).toList();

		List<MilestonesReached> events = MilestonesReached.inEventsOf(reached);

		assertThat(events).extracting(e -> e.reached().size()).containsExactly(64, 64, 2);
		assertThat(events.stream().flatMap(e -> e.reached().stream())).containsExactlyElementsOf(reached);
		assertThat(MilestonesReached.inEventsOf(List.of())).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> new MilestonesReached(reached.subList(0, 65)));
	}
}
