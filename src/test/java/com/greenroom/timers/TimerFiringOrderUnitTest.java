package com.greenroom.timers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimerFiringOrderUnitTest {

	private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

	@Test
	void everyBatchTakesItsSubjectsInOneOrderAndASubjectsTimersInDueOrder() {
		Timer breach42 = timer(1, "ticket-sla", "ticket:42:v1:first-response:breach", T.plusSeconds(60));
		Timer warning42 = timer(2, "ticket-sla", "ticket:42:v1:first-response:warning", T);
		Timer warning7 = timer(3, "ticket-sla", "ticket:7:v2:resolution:warning", T.plusSeconds(30));
		Timer routine = timer(4, "routine", "routine:3:2026-11-30", T.minusSeconds(600));

		// two nodes claimed the same timers in different orders: both fire them in the same one
		List<Timer> nodeA = sorted(List.of(breach42, warning7, routine, warning42));
		List<Timer> nodeB = sorted(List.of(warning42, routine, breach42, warning7));

		assertThat(nodeA).isEqualTo(nodeB).containsExactly(routine, warning42, breach42, warning7);
	}

	@Test
	void theSubjectIsTheKeyUpToItsSecondColon() {
		assertThat(Timers.subject("ticket:42:v1:first-response:warning")).isEqualTo("ticket:42");
		assertThat(Timers.subject("review:7")).isEqualTo("review:7");
		assertThat(Timers.subject("plain")).isEqualTo("plain");
	}

	private static List<Timer> sorted(List<Timer> timers) {
		List<Timer> copy = new ArrayList<>(timers);
		copy.sort(Timers.FIRING_ORDER);
		return copy;
	}

	private static Timer timer(long id, String kind, String key, Instant due) {
		return new Timer(id, kind, key, due, null, TimerStatus.PENDING, 0, null, T.minusSeconds(3600), null);
	}
}
