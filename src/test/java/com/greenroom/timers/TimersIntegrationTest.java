package com.greenroom.timers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class TimersIntegrationTest {

	private static final Instant T = TestClock.START.plus(Duration.ofHours(1));

	@Autowired
	TestData data;

	@Autowired
	Timers timers;

	@Autowired
	ProbeTimerHandler probe;

	@BeforeEach
	void reset() {
		data.reset();
		probe.fired.clear();
	}

	@Test
	void aTimerFiresOnceAtItsInstantAndNeverAgain() {
		timers.schedule(TimerRequest.of(ProbeTimerHandler.KIND, "probe:1", T));

		assertThat(timers.fireDue(T.minusSeconds(1))).isZero();
		assertThat(timers.fireDue(T)).isEqualTo(1);
		assertThat(timers.fireDue(T.plusSeconds(60))).isZero();

		assertThat(probe.fired).containsExactly("probe:1");
		Timer timer = timers.find("probe:1").orElseThrow();
		assertThat(timer.status()).isEqualTo(TimerStatus.FIRED);
		assertThat(timer.firedAt()).isEqualTo(T);
	}

	@Test
	void reschedulingMovesAPendingTimerButNeverRearmsAFiredOne() {
		timers.schedule(TimerRequest.of(ProbeTimerHandler.KIND, "probe:move", T));
		assertThat(timers.schedule(TimerRequest.of(ProbeTimerHandler.KIND, "probe:move", T.plusSeconds(600)))).isTrue();
		assertThat(timers.fireDue(T)).isZero();
		assertThat(timers.fireDue(T.plusSeconds(600))).isEqualTo(1);

		assertThat(timers.schedule(TimerRequest.of(ProbeTimerHandler.KIND, "probe:move", T.plusSeconds(900)))).isFalse();
		assertThat(timers.fireDue(T.plusSeconds(900))).isZero();
		assertThat(probe.fired).containsExactly("probe:move");
	}

	@Test
	void aCancelledTimerDoesNotFireUntilScheduledAgain() {
		timers.schedule(TimerRequest.of(ProbeTimerHandler.KIND, "probe:cancel", T));
		assertThat(timers.cancel("probe:cancel")).isTrue();
		assertThat(timers.fireDue(T)).isZero();

		timers.schedule(TimerRequest.of(ProbeTimerHandler.KIND, "probe:cancel", T.plusSeconds(5)));
		assertThat(timers.fireDue(T.plusSeconds(5))).isEqualTo(1);
		assertThat(probe.fired).containsExactly("probe:cancel");
	}

	@Test
	void aFailingHandlerIsRetriedWithBackoffItsWritesRolledBackThenKeptAsFailed() {
		timers.schedule(new TimerRequest(ProbeTimerHandler.KIND, "probe:fail", T, "fail"));
		timers.schedule(TimerRequest.of(ProbeTimerHandler.KIND, "probe:ok", T));

		assertThat(timers.fireDue(T)).isEqualTo(1);
		Timer failing = timers.find("probe:fail").orElseThrow();
		assertThat(failing.status()).isEqualTo(TimerStatus.PENDING);
		assertThat(failing.attempts()).isEqualTo(1);
		assertThat(failing.lastError()).contains("probe told to fail").doesNotContain("handler wrote this");
		assertThat(failing.dueAt()).isEqualTo(T.plusSeconds(10));

		Instant now = T;
		for (int attempt = 2; attempt <= Timers.MAX_ATTEMPTS; attempt++) {
			now = timers.find("probe:fail").orElseThrow().dueAt();
			timers.fireDue(now);
		}
		failing = timers.find("probe:fail").orElseThrow();
		assertThat(failing.status()).isEqualTo(TimerStatus.FAILED);
		assertThat(failing.attempts()).isEqualTo(Timers.MAX_ATTEMPTS);
		assertThat(probe.fired).containsExactly("probe:ok");

		assertThat(timers.retry(failing.id(), now)).isTrue();
		assertThat(timers.find("probe:fail").orElseThrow().status()).isEqualTo(TimerStatus.PENDING);
	}

	@Test
	void aTimerOfAnUnknownKindIsKeptAsFailedAndTheRestFire() {
		timers.schedule(TimerRequest.of("no-such-kind", "orphan:1", T));
		timers.schedule(TimerRequest.of(ProbeTimerHandler.KIND, "probe:after-orphan", T.plusSeconds(1)));

		assertThat(timers.fireDue(T.plusSeconds(1))).isEqualTo(1);
		Timer orphan = timers.find("orphan:1").orElseThrow();
		assertThat(orphan.status()).isEqualTo(TimerStatus.FAILED);
		assertThat(orphan.lastError()).contains("no handler");
	}

	@Test
	void runnersOnSeveralThreadsFireEachTimerExactlyOnce() throws Exception {
		int count = 1_000;
		for (int i = 0; i < count; i++) {
			timers.schedule(TimerRequest.of(ProbeTimerHandler.KIND, "probe:race:" + i, T.plusMillis(i)));
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(pool.submit((Callable<Integer>) () -> timers.fireDue(T.plusSeconds(5))));
			}
			int fired = 0;
			for (Future<Integer> run : runs) {
				fired += run.get();
			}
			assertThat(fired).isEqualTo(count);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(probe.fired).hasSize(count).doesNotHaveDuplicates();
	}
}
