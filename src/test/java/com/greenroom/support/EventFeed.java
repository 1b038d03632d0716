package com.greenroom.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.greenroom.events.IngestResult;
import com.greenroom.events.PlatformEvents;
import org.springframework.boot.test.context.TestComponent;

/**
 * Sends platform events the way the platform does (NDJSON through ingest) and brings the projections up
 * to date, so a test sees the settled state. Event builders are named after the contract's types.
 */
@TestComponent
public class EventFeed {

	private final PlatformEvents events;

	EventFeed(PlatformEvents events) {
		this.events = events;
	}

	/** Ingests the events, asserts none was rejected, and runs the projections. */
	public IngestResult send(String... lines) {
		return send(List.of(lines));
	}

	public IngestResult send(List<String> lines) {
		IngestResult result = events.ingestNdjson(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
		assertThat(result.rejected()).as("rejected events").isEmpty();
		events.catchUp();
		return result;
	}

	public long rebuild() {
		return events.rebuild();
	}

	public static String registered(String id, String creatorId, String country, String timezone, Instant at) {
		return """
				{"id":"%s","type":"creator.registered","occurredAt":"%s","creatorId":"%s","handle":"%s","country":"%s"%s}"""
			.formatted(id, at, creatorId, creatorId, country, timezone == null ? "" : ",\"timezone\":\"" + timezone + "\"");
	}

	public static String started(String id, String creatorId, String streamId, Instant at) {
		return """
				{"id":"%s","type":"stream.started","occurredAt":"%s","creatorId":"%s","streamId":"%s","title":"Live with %s"}"""
			.formatted(id, at, creatorId, streamId, creatorId);
	}

	public static String ended(String id, String creatorId, String streamId, Instant at) {
		return """
				{"id":"%s","type":"stream.ended","occurredAt":"%s","creatorId":"%s","streamId":"%s"}""".formatted(id, at, creatorId, streamId);
	}

	public static String joined(String id, String creatorId, String streamId, String viewerId, Instant at) {
		return viewer("viewer.joined", id, creatorId, streamId, viewerId, at);
	}

	public static String left(String id, String creatorId, String streamId, String viewerId, Instant at) {
		return viewer("viewer.left", id, creatorId, streamId, viewerId, at);
	}

	public static String gift(String id, String creatorId, String streamId, String viewerId, String usd, Instant at) {
		return """
				{"id":"%s","type":"gift.sent","occurredAt":"%s","creatorId":"%s","streamId":"%s","viewerId":"%s","amount":{"value":"%s","currency":"USD"}}"""
			.formatted(id, at, creatorId, streamId, viewerId, usd);
	}

	public static String subscription(String id, String creatorId, String viewerId, String usd, Instant at) {
		return """
				{"id":"%s","type":"subscription.started","occurredAt":"%s","creatorId":"%s","viewerId":"%s","amount":{"value":"%s","currency":"USD"},"plan":"monthly"}"""
			.formatted(id, at, creatorId, viewerId, usd);
	}

	public static String follow(String id, String creatorId, String viewerId, Instant at) {
		return """
				{"id":"%s","type":"follow.created","occurredAt":"%s","creatorId":"%s","viewerId":"%s"}""".formatted(id, at, creatorId, viewerId);
	}

	public static String report(String id, String creatorId, String streamId, String viewerId, Instant at) {
		return """
				{"id":"%s","type":"report.filed","occurredAt":"%s","creatorId":"%s","streamId":"%s","viewerId":"%s","category":"spam"}"""
			.formatted(id, at, creatorId, streamId, viewerId);
	}

	/** A report of a viewer in a policy category code of the platform's ({@code spam}, {@code harassment}...), with a note. */
	public static String report(String id, String creatorId, String streamId, String viewerId, String category, String note, Instant at) {
		return """
				{"id":"%s","type":"report.filed","occurredAt":"%s","creatorId":"%s","streamId":"%s","viewerId":"%s","category":"%s","note":"%s"}"""
			.formatted(id, at, creatorId, streamId, viewerId, category, note);
	}

	/** {@code count} viewers ({@code prefix}1..n) joining one stream, a second apart from {@code at}. */
	public static List<String> joins(String idPrefix, String creatorId, String streamId, String viewerPrefix, int count, Instant at) {
		List<String> lines = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			lines.add(joined(idPrefix + i, creatorId, streamId, viewerPrefix + i, at.plusSeconds(i - 1)));
		}
		return lines;
	}

	private static String viewer(String type, String id, String creatorId, String streamId, String viewerId, Instant at) {
		return """
				{"id":"%s","type":"%s","occurredAt":"%s","creatorId":"%s","streamId":"%s","viewerId":"%s"}"""
			.formatted(id, type, at, creatorId, streamId, viewerId);
	}
}
