package com.greenroom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Feeding a Greenroom over HTTP, against a stand-in for {@code POST /api/v1/events}. */
class IngestClientTest {

	private HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Deque<int[]> answers = new ArrayDeque<>();

	private final List<Duration> waits = new ArrayList<>();

	private record Request(String contentType, String authorization, String body) {
	}

	@BeforeEach
	void startStandIn() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/api/v1/events", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			requests.add(new Request(exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("Authorization"), body));
			int[] answer;
			synchronized (answers) {
				answer = answers.isEmpty() ? new int[] { 200 } : answers.poll();
			}
			long lines = body.lines().count();
			byte[] response = (answer[0] == 200
					? "{\"accepted\":%d,\"duplicates\":1,\"rejected\":[{\"line\":1,\"reason\":\"amount.currency: no rate for XYZ\"}]}"
						.formatted(lines - 2)
					: "{\"title\":\"busy\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer[0], response.length);
			exchange.getResponseBody().write(response);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stopStandIn() {
		server.stop(0);
	}

	@Test
	void postsNdjsonBatchesWithTheTokenAndAddsUpTheAnswers() throws Exception {
		IngestClient client = client();

		client.send(List.of("{\"id\":\"a\"}", "{\"id\":\"b\"}", "{\"id\":\"c\"}"));
		client.send(List.of("{\"id\":\"d\"}", "{\"id\":\"e\"}", "{\"id\":\"f\"}"));

		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).contentType()).isEqualTo("application/x-ndjson");
		assertThat(requests.get(0).authorization()).isEqualTo("Bearer integration-token-123456");
		assertThat(requests.get(0).body()).isEqualTo("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n");
		assertThat(client.tally().summary()).isEqualTo("sent 6, accepted 2, duplicates 2, rejected 2");
		assertThat(client.tally().sampleRejections()).first().asString().contains("no rate for XYZ");
	}

	@Test
	void aBusyGreenroomGetsTheSameBatchAgainAfterABackoff() throws Exception {
		answers.add(new int[] { 503 });
		answers.add(new int[] { 429 });
		IngestClient client = client();

		client.send(List.of("{\"id\":\"a\"}", "{\"id\":\"b\"}"));

		assertThat(requests).hasSize(3).extracting(Request::body).containsOnly("{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
		assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
	}

	@Test
	void aRefusedTokenStopsTheFeedWithAMessageSayingWhatToChange() {
		answers.add(new int[] { 401 });

		assertThatThrownBy(() -> client().send(List.of("{}"))).isInstanceOf(IngestClient.IngestException.class)
			.hasMessageContaining("integration token");
		assertThat(requests).hasSize(1);
	}

	@Test
	void connectionErrorsAreRetriedThenReported() {
		server.stop(0);

		assertThatThrownBy(() -> client().send(List.of("{}"))).hasMessageContaining("Gave up after 10 attempts")
			.hasMessageContaining("connection error");
		assertThat(waits).hasSize(9).last().isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aLiveFeedSendsHistoryAtOnceThenNeverAnEventBeforeItHappened() throws Exception {
		TestClock clock = new TestClock(Instant.parse("2026-11-10T12:00:00Z"));
		Instant start = Instant.parse("2026-11-03T00:00:00Z");
		Timeline timeline = new Timeline(new SimulationOptions(5, 40, 14, start, 0), true);
		RecordingSink sink = new RecordingSink(clock);
		List<Instant> sentAt = sink.sentAt;
		List<Instant> occurredAt = sink.occurredAt;
		Instant liveFrom = clock.instant();
		Feed feed = new Feed(timeline, sink, clock, clock::advance, 500, 0,
				new Feed.Pace(liveFrom.minus(Duration.ofHours(2)), 60), message -> {
				});

		feed.run(() -> clock.instant().isAfter(liveFrom.plus(Duration.ofHours(1))));

		assertThat(sentAt).isNotEmpty();
		for (int i = 0; i < sentAt.size(); i++) {
			assertThat(occurredAt.get(i)).isBeforeOrEqualTo(sentAt.get(i));
		}
		// the history up to two hours ago went out before the clock moved a second
		long backfill = occurredAt.stream().filter(at -> at.isBefore(liveFrom.minus(Duration.ofHours(2)))).count();
		assertThat(sentAt.get((int) backfill - 1)).isBefore(liveFrom.plusSeconds(1));
		// the last two hours were replayed 60 times faster: done after about two minutes, then real time
		assertThat(occurredAt).anyMatch(at -> at.isAfter(liveFrom.plus(Duration.ofMinutes(10))));
	}

	@Test
	void aTimeLapsePlaysTheFutureFasterStampedWithTheRealTimeItIsSent() throws Exception {
		TestClock clock = new TestClock(Instant.parse("2026-11-10T12:00:00Z"));
		Timeline timeline = new Timeline(new SimulationOptions(5, 40, 14, Instant.parse("2026-11-03T00:00:00Z"), 0), true);
		RecordingSink sink = new RecordingSink(clock);
		List<Instant> sentAt = sink.sentAt;
		List<Instant> occurredAt = sink.occurredAt;
		Instant liveFrom = clock.instant();
		Feed feed = new Feed(timeline, sink, clock, clock::advance, 500, 0, new Feed.Pace(liveFrom, 60, true), message -> {
		});

		feed.run(() -> clock.instant().isAfter(liveFrom.plus(Duration.ofMinutes(10))));

		long future = occurredAt.stream().filter(at -> !at.isBefore(liveFrom)).count();
		assertThat(future).as("ten real minutes play ten simulated hours").isGreaterThan(100);
		for (int i = 0; i < sentAt.size(); i++) {
			assertThat(occurredAt.get(i)).isBeforeOrEqualTo(sentAt.get(i));
			if (!occurredAt.get(i).isBefore(liveFrom)) {
				assertThat(Duration.between(occurredAt.get(i), sentAt.get(i))).isLessThan(Duration.ofSeconds(2));
			}
		}
	}

	@Test
	void aDemoStartedInTheQuietHoursPlaysItsLiveliestHourOfTheLastDayNowWithNoStreamStretchedOverAGap() throws Exception {
		SimulationOptions options = new SimulationOptions(42, 2500, 19, Instant.parse("2026-11-29T00:00:00Z"), 0);
		Instant now = Instant.parse("2026-12-04T06:30:00Z");

		Instant liveliest = DemoFeed.liveliestHour(options, now);

		assertThat(liveliest).isAfter(now.minus(Duration.ofDays(1))).isBefore(now).isEqualTo(liveliest.truncatedTo(ChronoUnit.HOURS));
		assertThat(Duration.between(liveliest, now)).as("a gap a stretched stream would show").isGreaterThan(Duration.ofHours(6));
		List<JsonNode> asBefore = firstMinuteOfATimeLapse(options, now, new Feed.Pace(now, 30, true));
		List<JsonNode> lively = firstMinuteOfATimeLapse(options, now, new Feed.Pace(liveliest, 30, true, Duration.between(liveliest, now)));
		long before = asBefore.stream().filter(e -> !occurredAt(e).isBefore(now)).count();
		long after = lively.stream().filter(e -> !occurredAt(e).isBefore(now)).count();
		assertThat(after).as("events stamped in the first real minute, against %d from now", before).isGreaterThan(10 * Math.max(1, before));
		assertThat(lively).allSatisfy(event -> assertThat(occurredAt(event)).isBefore(now.plus(Duration.ofMinutes(2))));
		// no stream is stretched over the gap (longer than any pause of a simulated stream): the streams live at the
		// liveliest hour go on from their history without a pause
		Map<String, List<Instant>> streams = new HashMap<>();
		for (JsonNode event : lively) {
			if (event.has("streamId")) {
				streams.computeIfAbsent(event.get("streamId").asString(), k -> new ArrayList<>()).add(occurredAt(event));
			}
		}
		assertThat(streams.values()).as("streams live across the time-lapse's start")
			.anyMatch(times -> times.stream().anyMatch(at -> at.isBefore(now)) && times.stream().anyMatch(at -> !at.isBefore(now)));
		for (List<Instant> times : streams.values()) {
			times.sort(null);
			for (int k = 1; k < times.size(); k++) {
				assertThat(Duration.between(times.get(k - 1), times.get(k))).isLessThan(Duration.ofHours(6));
			}
		}
	}

	/** Every event a feed paced so, started at {@code now}, sends by the end of its first real minute. */
	private static List<JsonNode> firstMinuteOfATimeLapse(SimulationOptions options, Instant now, Feed.Pace pace) throws Exception {
		TestClock clock = new TestClock(now);
		List<JsonNode> sent = new ArrayList<>();
		EventSink sink = new EventSink() {

			private final Tally tally = new Tally();

			@Override
			public void send(List<String> lines) {
				lines.forEach(line -> sent.add(PlatformEventContract.JSON.readTree(line)));
				tally.add(lines.size(), lines.size(), 0, List.of());
			}

			@Override
			public Tally tally() {
				return tally;
			}
		};
		Feed feed = new Feed(new Timeline(options, true), sink, clock, clock::advance, 500, 0, pace, message -> {
		});
		feed.run(() -> clock.instant().isAfter(now.plus(Duration.ofMinutes(1))));
		return sent;
	}

	private static Instant occurredAt(JsonNode event) {
		return OffsetDateTime.parse(event.get("occurredAt").asString()).toInstant();
	}

	/** Notes when each event was sent (by the test clock) and when it says it occurred. */
	private static final class RecordingSink implements EventSink {

		final List<Instant> sentAt = new ArrayList<>();

		final List<Instant> occurredAt = new ArrayList<>();

		private final Clock clock;

		private final Tally tally = new Tally();

		RecordingSink(Clock clock) {
			this.clock = clock;
		}

		@Override
		public void send(List<String> lines) {
			for (String line : lines) {
				sentAt.add(clock.instant());
				occurredAt.add(OffsetDateTime.parse(PlatformEventContract.JSON.readTree(line).get("occurredAt").asString()).toInstant());
			}
			tally.add(lines.size(), lines.size(), 0, List.of());
		}

		@Override
		public Tally tally() {
			return tally;
		}
	}

	private IngestClient client() {
		return new IngestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "integration-token-123456",
				waits::add, () -> false, message -> {
				});
	}

	/** A clock that only moves when the feed sleeps. */
	private static final class TestClock extends Clock {

		private Instant now;

		TestClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	}
}
