package com.greenroom.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts NDJSON batches to Greenroom's {@code POST /api/v1/events} with an integration token. A batch is
 * retried with backoff on connection errors and on answers that mean "try later" (429, 502–504, and a few
 * 500s); resending is safe because event ids are idempotency keys. Answers that retrying cannot fix (a
 * refused token, no such endpoint, a batch too large) stop the feed with a message saying what to change.
 */
final class IngestClient implements EventSink {

	static final String PATH = "/api/v1/events";

	private static final int MAX_ATTEMPTS = 10;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final URI endpoint;

	private final String token;

	private final Feed.Sleeper sleeper;

	private final BooleanSupplier stopping;

	private final Consumer<String> log;

	private final Tally tally = new Tally();

	IngestClient(URI baseUrl, String token, Feed.Sleeper sleeper, BooleanSupplier stopping, Consumer<String> log) {
		String base = baseUrl.toString().replaceAll("/+$", "");
		this.endpoint = URI.create(base + PATH);
		this.token = token;
		this.sleeper = sleeper;
		this.stopping = stopping;
		this.log = log;
	}

	@Override
	public void send(List<String> lines) throws IOException, InterruptedException {
		byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(endpoint)
			.timeout(Duration.ofMinutes(2))
			.header("Content-Type", "application/x-ndjson")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		Duration backoff = Duration.ofMillis(500);
		for (int attempt = 1;; attempt++) {
			String problem;
			Duration wait = backoff;
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status >= 200 && status < 300) {
					record(lines.size(), response.body());
					return;
				}
				problem = "HTTP " + status + ": " + abbreviate(response.body());
				switch (status) {
					case 401, 403 -> throw new IngestException(
							"Greenroom refused the token (" + problem + "); it must be an integration token (role INTEGRATION)");
					case 404 -> throw new IngestException("No ingest endpoint at " + endpoint + " (" + problem + ")");
					case 413 -> throw new IngestException("A batch of " + lines.size() + " events (" + body.length
							+ " bytes) is too large for Greenroom (" + problem + "); use a smaller --batch");
					case 429, 500, 502, 503, 504 -> {
						wait = response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,4}"))
							.map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(backoff);
					}
					default -> throw new IngestException("Greenroom did not accept the batch (" + problem + ")");
				}
			}
			catch (IngestException ex) {
				throw ex;
			}
			catch (IOException ex) {
				problem = "connection error: " + ex;
			}
			if (attempt >= MAX_ATTEMPTS || stopping.getAsBoolean()) {
				throw new IngestException("Gave up after " + attempt + " attempts; last: " + problem);
			}
			log.accept("Batch of " + lines.size() + " events not delivered (" + problem + "); retrying in " + wait.toMillis() + " ms");
			sleeper.sleep(wait);
			backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
		}
	}

	private void record(int sent, String body) {
		JsonNode answer = JSON.readTree(body);
		List<String> rejections = new ArrayList<>();
		JsonNode rejected = answer.path("rejected");
		if (rejected.isArray()) {
			rejected.forEach(r -> rejections.add(r.toString()));
		}
		tally.add(sent, answer.path("accepted").asLong(0), answer.path("duplicates").asLong(0), rejections);
	}

	@Override
	public Tally tally() {
		return tally;
	}

	private static String abbreviate(String text) {
		String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
		return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
	}

	/** A failure that retrying cannot fix; the message says what to change. */
	static final class IngestException extends IOException {

		IngestException(String message) {
			super(message);
		}
	}
}
