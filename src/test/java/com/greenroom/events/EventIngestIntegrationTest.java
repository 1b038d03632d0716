package com.greenroom.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.Role;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class EventIngestIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformEventLog log;

	@Autowired
	Clock clock;

	String token;

	Instant now;

	@BeforeEach
	void reset() {
		data.reset();
		token = data.integrationToken();
		now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	@Test
	void everyEventTypeOfTheContractIsAcceptedAndStoredWithItsAmountInUsd() {
		String at = now.minus(Duration.ofHours(1)).toString();
		Api.Response response = post(ndjson(
				"""
						{"id":"e1","type":"creator.registered","occurredAt":"%s","creatorId":"c1","handle":"ana","country":"BR","language":"pt-BR","timezone":"America/Sao_Paulo","region":"LATAM","ignored":{"deep":[1,2]}}""",
				"""
						{"id":"e2","type":"stream.started","occurredAt":"%s","creatorId":"c1","streamId":"s1","title":"Morning show","category":"music"}""",
				"""
						{"id":"e3","type":"viewer.joined","occurredAt":"%s","creatorId":"c1","streamId":"s1","viewerId":"v1"}""",
				"""
						{"id":"e4","type":"gift.sent","occurredAt":"%s","creatorId":"c1","streamId":"s1","viewerId":"v1","amount":{"value":"50.00","currency":"BRL"}}""",
				"""
						{"id":"e5","type":"viewer.left","occurredAt":"%s","creatorId":"c1","streamId":"s1","viewerId":"v1"}""",
				"""
						{"id":"e6","type":"stream.ended","occurredAt":"%s","creatorId":"c1","streamId":"s1"}""",
				"""
						{"id":"e7","type":"subscription.started","occurredAt":"%s","creatorId":"c1","viewerId":"v2","amount":{"value":"4.99","currency":"USD"},"plan":"monthly"}""",
				"""
						{"id":"e8","type":"follow.created","occurredAt":"%s","creatorId":"c1","viewerId":"v3"}""",
				"""
						{"id":"e9","type":"report.filed","occurredAt":"%s","creatorId":"c1","viewerId":"v4","category":"harassment","note":"said\\tthings\\n"}""")
			.formatted(at, at, at, at, at, at, at, at, at));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(9);
		assertThat(response.json().get("duplicates").asInt()).isZero();
		assertThat(response.json().get("rejected")).isEmpty();
		List<PlatformEvent> stored = log.eventsOf("c1");
		assertThat(stored).extracting(PlatformEvent::id).containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
		assertThat(stored).extracting(PlatformEvent::type).containsExactly(EventType.CREATOR_REGISTERED, EventType.STREAM_STARTED,
				EventType.VIEWER_JOINED, EventType.GIFT_SENT, EventType.VIEWER_LEFT, EventType.STREAM_ENDED, EventType.SUBSCRIPTION_STARTED,
				EventType.FOLLOW_CREATED, EventType.REPORT_FILED);
		PlatformEvent registered = stored.get(0);
		assertThat(registered.attributes()).containsEntry("handle", "ana").containsEntry("country", "BR")
			.containsEntry("timezone", "America/Sao_Paulo").containsEntry("region", "LATAM").doesNotContainKey("ignored");
		PlatformEvent gift = stored.get(3);
		assertThat(gift.amount().value()).isEqualByComparingTo("50.00");
		assertThat(gift.amount().currency()).isEqualTo("BRL");
		assertThat(gift.amount().usd()).isEqualByComparingTo(new BigDecimal("9.00"));
		assertThat(gift.occurredAt()).isEqualTo(Instant.parse(at));
		assertThat(stored.get(8).attribute("note")).isEqualTo("said\tthings\n");
		assertThat(log.eventsOfStream("s1")).extracting(PlatformEvent::id).containsExactly("e2", "e3", "e4", "e5", "e6");
	}

	@Test
	void awkwardTextSurvivesTheCopyIntoTheLogUnchanged() {
		String at = now.minus(Duration.ofMinutes(5)).toString().replace("Z", "+00:00");
		String note = "back\\slash \"quoted\" tab\t cr\r nl\n ctl\u0001 café 🎤 中文";
		Api.Response response = post(ndjson("""
				{"id":"ü\\tid\\\\1","type":"report.filed","occurredAt":"%s","creatorId":"c9","viewerId":"v1","category":"spam\\t🎤","note":"%s"}"""
			.formatted(at, note.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\r", "\\r")
				.replace("\n", "\\n").replace("\u0001", "\\u0001"))));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).as(response.json().toString()).isEqualTo(1);
		PlatformEvent stored = log.eventsOf("c9").get(0);
		assertThat(stored.id()).isEqualTo("ü\tid\\1");
		assertThat(stored.attribute("category")).isEqualTo("spam\t🎤");
		assertThat(stored.attribute("note")).isEqualTo(note);
		assertThat(stored.occurredAt()).isEqualTo(Instant.parse(at.replace("+00:00", "Z")));
	}

	@Test
	void aJsonArrayIsAcceptedLikeNdjson() {
		Api.Response response = api.post("/api/v1/events", token, """
				[{"id":"a1","type":"follow.created","occurredAt":"%s","creatorId":"c1","viewerId":"v1"},
				 {"id":"a2","type":"follow.created","occurredAt":"%s","creatorId":"c1","viewerId":"v2"}]""".formatted(now, now));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		assertThat(storedIds()).containsExactly("a1", "a2");
	}

	@Test
	void eachBadEventIsRejectedWithTheFieldAndReasonWhileTheRestOfTheBatchIsStored() {
		String t = now.minus(Duration.ofMinutes(5)).toString();
		Api.Response response = post(String.join("\n",
				"{\"id\":\"ok1\",\"type\":\"follow.created\",\"occurredAt\":\"" + t + "\",\"creatorId\":\"c1\",\"viewerId\":\"v1\"}",
				"{\"id\":\"broken\",\"type\":\"follow.created\",",
				"{\"id\":\"u1\",\"type\":\"stream.paused\",\"occurredAt\":\"" + t + "\",\"creatorId\":\"c1\"}",
				"{\"id\":\"m1\",\"type\":\"viewer.joined\",\"occurredAt\":\"" + t + "\",\"creatorId\":\"c1\",\"streamId\":\"s1\"}",
				"{\"id\":\"t1\",\"type\":\"follow.created\",\"occurredAt\":\"2026-11-24 09:30:00\",\"creatorId\":\"c1\",\"viewerId\":\"v1\"}",
				"{\"id\":\"t2\",\"type\":\"follow.created\",\"occurredAt\":\"2026-11-24T09:30:00\",\"creatorId\":\"c1\",\"viewerId\":\"v1\"}",
				"{\"id\":\"cur\",\"type\":\"gift.sent\",\"occurredAt\":\"" + t
						+ "\",\"creatorId\":\"c1\",\"streamId\":\"s1\",\"viewerId\":\"v1\",\"amount\":{\"value\":\"5\",\"currency\":\"XAU\"}}",
				"{\"id\":\"zero\",\"type\":\"gift.sent\",\"occurredAt\":\"" + t
						+ "\",\"creatorId\":\"c1\",\"streamId\":\"s1\",\"viewerId\":\"v1\",\"amount\":{\"value\":\"0.00\",\"currency\":\"USD\"}}",
				"{\"id\":\"neg\",\"type\":\"subscription.started\",\"occurredAt\":\"" + t
						+ "\",\"creatorId\":\"c1\",\"viewerId\":\"v1\",\"amount\":{\"value\":\"-3\",\"currency\":\"USD\"}}",
				"{\"id\":\"num\",\"type\":\"subscription.started\",\"occurredAt\":\"" + t
						+ "\",\"creatorId\":\"c1\",\"viewerId\":\"v1\",\"amount\":{\"value\":4.99,\"currency\":\"USD\"}}",
				"{\"id\":\"noamount\",\"type\":\"gift.sent\",\"occurredAt\":\"" + t
						+ "\",\"creatorId\":\"c1\",\"streamId\":\"s1\",\"viewerId\":\"v1\"}",
				"{\"type\":\"follow.created\",\"occurredAt\":\"" + t + "\",\"creatorId\":\"c1\",\"viewerId\":\"v1\"}",
				"{\"id\":\"" + "x".repeat(129) + "\",\"type\":\"follow.created\",\"occurredAt\":\"" + t
						+ "\",\"creatorId\":\"c1\",\"viewerId\":\"v1\"}",
				"{\"id\":\"nocreator\",\"type\":\"follow.created\",\"occurredAt\":\"" + t + "\",\"viewerId\":\"v1\"}",
				"{\"id\":\"country\",\"type\":\"creator.registered\",\"occurredAt\":\"" + t
						+ "\",\"creatorId\":\"c2\",\"handle\":\"b\",\"country\":\"Brazil\"}",
				"{\"id\":\"region\",\"type\":\"creator.registered\",\"occurredAt\":\"" + t
						+ "\",\"creatorId\":\"c2\",\"handle\":\"b\",\"country\":\"BR\",\"region\":\"MARS\"}",
				"{\"id\":\"zone\",\"type\":\"creator.registered\",\"occurredAt\":\"" + t
						+ "\",\"creatorId\":\"c2\",\"handle\":\"b\",\"country\":\"BR\",\"timezone\":\"GMT+3\"}",
				"{\"id\":\"nohandle\",\"type\":\"creator.registered\",\"occurredAt\":\"" + t + "\",\"creatorId\":\"c2\",\"country\":\"BR\"}",
				"{\"id\":\"report\",\"type\":\"report.filed\",\"occurredAt\":\"" + t + "\",\"creatorId\":\"c1\",\"viewerId\":\"v1\"}",
				"{\"id\":\"typed\",\"type\":\"follow.created\",\"occurredAt\":\"" + t + "\",\"creatorId\":42,\"viewerId\":\"v1\"}",
				"[1,2]",
				"",
				"{\"id\":\"ok2\",\"type\":\"follow.created\",\"occurredAt\":\"" + t + "\",\"creatorId\":\"c1\",\"viewerId\":\"v2\"}"));

		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("accepted").asInt()).isEqualTo(2);
		assertThat(body.get("duplicates").asInt()).isZero();
		assertThat(rejections(body)).containsExactly(
				"1 broken body is not valid JSON",
				"2 u1 type must be one of creator.registered, stream.started, stream.ended, viewer.joined, viewer.left, gift.sent, "
						+ "subscription.started, follow.created, report.filed",
				"3 m1 viewerId is required",
				"4 t1 occurredAt must be an RFC 3339 timestamp with offset, such as 2026-11-24T09:30:00+07:00",
				"5 t2 occurredAt must be an RFC 3339 timestamp with offset, such as 2026-11-24T09:30:00+07:00",
				"6 cur amount.currency has no configured rate: XAU",
				"7 zero amount.value must be greater than 0",
				"8 neg amount.value must be greater than 0",
				"9 num amount.value must be a string",
				"10 noamount amount is required",
				"11 null id is required",
				"12 null id must be at most 128 characters",
				"13 nocreator creatorId is required",
				"14 country country must be an ISO 3166-1 alpha-2 country code such as BR",
				"15 region region is not a known region: MARS",
				"16 zone timezone must be an IANA time zone such as Asia/Singapore",
				"17 nohandle handle is required",
				"18 report category is required",
				"19 typed creatorId must be a string",
				"20 null body must be a JSON object");
		assertThat(storedIds()).containsExactly("ok1", "ok2");
		assertThat(jdbc.sql("select count(*) from platform_event_id").query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void aRepeatedIdIsADuplicateWithinABatchAndAcrossBatchesAndIsStoredOnce() {
		String first = follow("d1", "v1", now) + "\n" + follow("d2", "v2", now) + "\n" + follow("d1", "v1", now);
		Api.Response response = post(first);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		assertThat(response.json().get("duplicates").asInt()).isEqualTo(1);

		Api.Response again = post(follow("d2", "v2", now) + "\n" + follow("d3", "v3", now));
		assertThat(again.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
		assertThat(storedIds()).containsExactlyInAnyOrder("d1", "d2", "d3");
	}

	@Test
	void aBatchWhoseClaimFailsOnARepeatedIdIsWrittenAgainWithItsNewEventsOnly() {
		// batches without repeats first: after a repeat the writer claims tolerantly for 16 batches
		// (EventLogWriter.TOLERANT_BATCHES), so the batch below takes the plain claim that fails and is retried
		for (int i = 0; i < 20; i++) {
			assertThat(post(follow("n" + i, "v" + i, now)).json().get("accepted").asInt()).isEqualTo(1);
		}
		Api.Response mixed = post(follow("n20", "v20", now) + "\n" + follow("n7", "v7", now) + "\n" + follow("n21", "v21", now));
		assertThat(mixed.json().get("accepted").asInt()).isEqualTo(2);
		assertThat(mixed.json().get("duplicates").asInt()).isEqualTo(1);
		Api.Response repeatedOnly = post(follow("n3", "v3", now));
		assertThat(repeatedOnly.json().get("accepted").asInt()).isZero();
		assertThat(repeatedOnly.json().get("duplicates").asInt()).isEqualTo(1);
		assertThat(storedIds()).hasSize(22).doesNotHaveDuplicates();
		assertThat(jdbc.sql("select count(*) from platform_event_id where event_id like 'n%'").query(Long.class).single()).isEqualTo(22);
		// the failed claim drew no seq: the log's seqs have no gap
		assertThat(jdbc.sql("select max(seq) - min(seq) + 1 from platform_event").query(Long.class).single()).isEqualTo(22);
	}

	@Test
	void prometheusCountsIngestOutcomesAndShowsHowFarProjectionsLag() {
		double acceptedBefore = metric("greenroom_events_ingested_total{outcome=\"accepted\"}");
		double duplicatesBefore = metric("greenroom_events_ingested_total{outcome=\"duplicate\"}");

		post(follow("m1", "v1", now) + "\n" + follow("m1", "v1", now) + "\n" + "{\"id\": \"bad\"}");

		assertThat(metric("greenroom_events_ingested_total{outcome=\"accepted\"}") - acceptedBefore).isEqualTo(1.0);
		assertThat(metric("greenroom_events_ingested_total{outcome=\"duplicate\"}") - duplicatesBefore).isEqualTo(1.0);
		assertThat(api.get("/actuator/prometheus", TestData.ADMIN_TOKEN).body()).contains("greenroom_projection_lag{projection=\"creators.roster\"}");
	}

	private double metric(String series) {
		return api.get("/actuator/prometheus", TestData.ADMIN_TOKEN).body().lines()
			.filter(line -> line.startsWith(series + " "))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElse(0);
	}

	@Test
	void lateAndOutOfOrderEventsAreKeptAndReadInEventTimeOrder() {
		Instant lastYear = now.minus(Duration.ofDays(300));
		Instant yesterday = now.minus(Duration.ofDays(1));
		Instant soon = now.plus(Duration.ofHours(2));
		Api.Response response = post(follow("late-2", "v2", yesterday) + "\n" + follow("future", "v3", soon) + "\n"
				+ follow("late-1", "v1", lastYear));

		assertThat(response.json().get("accepted").asInt()).isEqualTo(3);
		assertThat(log.eventsOf("c1")).extracting(PlatformEvent::id).containsExactly("late-1", "late-2", "future");
		assertThat(log.eventsOf("c1", yesterday, now)).extracting(PlatformEvent::id).containsExactly("late-2");
		assertThat(partitionOf("late-1")).isEqualTo("platform_event_p" + lastYear.toString().substring(0, 10).replace("-", ""));
	}

	@Test
	void aCreatorsWindowsAreReadAcrossDayPartitionsInEventTimeThenArrivalOrder() {
		// a creator day of UTC-3: from 03:00 UTC of one day partition to 03:00 of the next
		Instant midnight = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
		Instant from = midnight.minus(Duration.ofHours(3));
		Instant to = midnight.plus(Duration.ofHours(21));
		Instant same = midnight.plus(Duration.ofHours(5));
		Api.Response response = post(String.join("\n", follow("before", "v1", from.minusSeconds(1)), follow("first", "v1", from),
				"{\"id\":\"gift\",\"type\":\"gift.sent\",\"occurredAt\":\"%s\",\"creatorId\":\"c1\",\"streamId\":\"s1\",\"viewerId\":\"v2\",\"amount\":{\"value\":\"5.00\",\"currency\":\"USD\"}}"
					.formatted(midnight.minus(Duration.ofHours(1))),
				follow("arrived-second", "v3", same), follow("after-midnight", "v4", midnight.plus(Duration.ofHours(2))),
				follow("arrived-third", "v5", same), follow("at-the-end", "v6", to),
				"{\"id\":\"other\",\"type\":\"follow.created\",\"occurredAt\":\"%s\",\"creatorId\":\"c2\",\"viewerId\":\"v1\"}"
					.formatted(midnight.plus(Duration.ofHours(2)))));
		assertThat(response.json().get("accepted").asInt()).as(response.json().toString()).isEqualTo(8);

		assertThat(log.eventsOf("c1", from, to)).extracting(PlatformEvent::id)
			.containsExactly("first", "gift", "after-midnight", "arrived-second", "arrived-third");
		List<PlatformEventLog.CreatorWindow> windows = List.of(new PlatformEventLog.CreatorWindow("c1", from, to),
				new PlatformEventLog.CreatorWindow("c2", from, to), new PlatformEventLog.CreatorWindow("c1", to, to.plus(Duration.ofDays(1))),
				new PlatformEventLog.CreatorWindow("c3", from, to));
		assertThat(log.eventsOf(windows, null)).map(events -> events.stream().map(PlatformEvent::id).toList())
			.containsExactly(List.of("first", "gift", "after-midnight", "arrived-second", "arrived-third"), List.of("other"), List.of("at-the-end"),
					List.of());
		assertThat(log.eventsOf(windows, java.util.Set.of(EventType.GIFT_SENT))).map(events -> events.stream().map(PlatformEvent::id).toList())
			.containsExactly(List.of("gift"), List.of(), List.of(), List.of());
		assertThat(log.eventsOfStream("s1", java.util.Set.of("c1", "c2"), from, to)).extracting(PlatformEvent::id).containsExactly("gift");
	}

	@Test
	void eventsBeyondTheRetentionOrTooFarInTheFutureAreRejected() {
		Api.Response response = post(follow("ancient", "v1", now.minus(Duration.ofDays(402))) + "\n"
				+ follow("later", "v1", now.plus(Duration.ofDays(3))));

		assertThat(rejections(response.json())).hasSize(2);
		assertThat(response.json().get("rejected").get(0).get("reason").asString()).contains("the event log keeps 400 days");
		assertThat(response.json().get("rejected").get(1).get("reason").asString()).isEqualTo("is more than 24 hours in the future");
		assertThat(storedIds()).isEmpty();
	}

	@Test
	void aMalformedJsonArrayIsRefusedWhole() {
		Api.Response response = api.post("/api/v1/events", token, "[" + follow("x1", "v1", now) + ", {\"id\": ");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo("body");
		assertThat(response.json().get("detail").asString()).contains("is not valid JSON").contains("nothing was stored");
		assertThat(storedIds()).isEmpty();
	}

	@Test
	void aBatchOverTheEventLimitIsRefusedWith413AndNothingIsStored() {
		String batch = IntStream.range(0, 10_001).mapToObj(i -> follow("n" + i, "v" + i, now)).collect(Collectors.joining("\n"));

		Api.Response response = post(batch);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains("more than 10000 events");
		assertThat(storedIds()).isEmpty();
	}

	@Test
	void aBodyOverTheByteLimitIsRefusedWith413WithOrWithoutAContentLength() {
		int limit = 16 * 1024 * 1024;
		String line = follow("b", "v".repeat(120), now);
		byte[] big = IntStream.range(0, 9_000)
			.mapToObj(i -> line.replace("\"id\":\"b\"", "\"id\":\"b" + i + "\"") + " ".repeat(1800))
			.collect(Collectors.joining("\n"))
			.substring(0, limit + 1)
			.getBytes(StandardCharsets.UTF_8);
		// sent in chunks of 64 KiB with no last chunk: the server refuses on the byte past the limit, having read all
		// that was sent (what it left unread would reset the connection and could lose the answer)
		ByteArrayOutputStream chunks = new ByteArrayOutputStream();
		for (int from = 0; from < big.length; from += 65_536) {
			int length = Math.min(65_536, big.length - from);
			chunks.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			chunks.write(big, from, length);
			chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}

		Api.Response declared = api.postDeclaring("/api/v1/events", token, "application/x-ndjson", big.length);
		Api.Response chunked = api.postRaw("/api/v1/events", token, chunks.toByteArray(), "Content-Type: application/x-ndjson",
				"Transfer-Encoding: chunked");

		assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
		assertThat(chunked.status()).as(chunked.toString()).isEqualTo(413);
		assertThat(chunked.json().get("type").asString()).endsWith("/payload-too-large");
		assertThat(storedIds()).isEmpty();
	}

	@Test
	void onlyIntegrationTokensMayPostEvents() {
		String personal = data.tokenOf(data.user("lead", List.of(Role.ADMIN.name())));
		String body = follow("p1", "v1", now);

		assertThat(api.send(api.request("/api/v1/events", personal).header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build()).status()).isEqualTo(403);
		assertThat(api.send(api.request("/api/v1/events", null).header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build()).status()).isEqualTo(401);
		assertThat(storedIds()).isEmpty();
	}

	@Test
	void otherContentTypesAreUnsupported() {
		Api.Response response = api.send(api.request("/api/v1/events", token).header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(follow("x", "v", now))).build());

		assertThat(response.status()).isEqualTo(415);
		assertThat(storedIds()).isEmpty();
	}

	@Test
	void theOpenApiDocumentDescribesEventIngest() {
		JsonNode docs = api.get("/v3/api-docs", null).json();

		JsonNode post = docs.get("paths").get("/api/v1/events").get("post");
		assertThat(post.get("requestBody").get("content").propertyNames()).contains("application/x-ndjson", "application/json");
		assertThat(post.get("responses").propertyNames()).contains("200", "400", "413");
	}

	@Test
	void theContractsLimitsAreWhatTheProjectionsCanStoreAndEachBreachIsRejectedNamingTheField() {
		String t = now.minus(Duration.ofMinutes(5)).toString();
		String gift = "{\"id\":\"%s\",\"type\":\"gift.sent\",\"occurredAt\":\"%s\",\"creatorId\":\"%s\",\"streamId\":\"%s\",\"viewerId\":\"%s\","
				+ "\"amount\":{\"value\":\"%s\",\"currency\":\"%s\"}}";
		Api.Response response = post(ndjson(gift.formatted("ok", t, "c-1.a_b~c:d@e", "s1", "v1", "10000000", "USD"),
				gift.formatted("usd", t, "c1", "s1", "v1", "10000000.000001", "USD"),
				gift.formatted("digits", t, "c1", "s1", "v1", "100000000000000", "IDR"),
				gift.formatted("converted", t, "c1", "s1", "v1", "9300000", "GBP"),
				gift.formatted("slash", t, "c/1", "s1", "v1", "1", "USD"),
				gift.formatted("space", t, "c1", "s 1", "v1", "1", "USD"),
				gift.formatted("dot", t, "c1", "s1", ".v1", "1", "USD"),
				gift.formatted("nul", t, "c1", "s1", "v1\\u0000", "1", "USD"),
				gift.formatted("year1", "0001-01-01T00:00:00Z", "c1", "s1", "v1", "1", "USD"),
				gift.formatted("year9999", "9999-12-31T23:59:59+14:00", "c1", "s1", "v1", "1", "USD"),
				gift.formatted("year10000", "+10000-01-01T00:00:00Z", "c1", "s1", "v1", "1", "USD")));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).as(response.body()).isEqualTo(1);
		assertThat(rejections(response.json())).extracting(r -> r.substring(0, r.indexOf(' ', r.indexOf(' ', r.indexOf(' ') + 1) + 1)))
			.containsExactly("1 usd amount.value", "2 digits amount.value", "3 converted amount.value", "4 slash creatorId", "5 space streamId",
					"6 dot viewerId", "7 nul viewerId", "8 year1 occurredAt", "9 year9999 occurredAt", "10 year10000 occurredAt");
		assertThat(rejections(response.json()).get(0)).endsWith("one event may carry at most 10000000 USD");
		assertThat(rejections(response.json()).get(3))
			.endsWith("must be 1 to 128 ASCII letters, digits or . _ ~ : @ -, starting with a letter or digit");
		assertThat(storedIds()).containsExactly("ok");
	}

	private Api.Response post(String ndjson) {
		return api.send(api.request("/api/v1/events", token)
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(ndjson))
			.build());
	}

	private static String ndjson(String... lines) {
		return String.join("\n", lines) + "\n";
	}

	private static String follow(String id, String viewer, Instant at) {
		return "{\"id\":\"%s\",\"type\":\"follow.created\",\"occurredAt\":\"%s\",\"creatorId\":\"c1\",\"viewerId\":\"%s\"}".formatted(id, at,
				viewer);
	}

	private List<String> storedIds() {
		return jdbc.sql("select event_id from platform_event order by seq").query(String.class).list();
	}

	private String partitionOf(String id) {
		return jdbc.sql("select tableoid::regclass::text from platform_event where event_id = :id").param("id", id).query(String.class).single();
	}

	/** "index id field reason", with reasons cut at the first colon-free prefix the test states. */
	private static List<String> rejections(JsonNode body) {
		return body.get("rejected").valueStream()
			.map(r -> r.get("index").asInt() + " " + (r.get("id") == null || r.get("id").isNull() ? "null" : r.get("id").asString()) + " "
					+ r.get("field").asString() + " " + shorten(r.get("reason").asString()))
			.toList();
	}

	private static String shorten(String reason) {
		if (reason.startsWith("is not valid JSON")) {
			return "is not valid JSON";
		}
		int configured = reason.indexOf(" (configured:");
		return configured > 0 ? reason.substring(0, configured) : reason;
	}
}
