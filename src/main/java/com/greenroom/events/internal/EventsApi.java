package com.greenroom.events.internal;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.events.IngestResult;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Platform events over HTTP, for integration tokens only. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Platform events", description = "Ingest of the streaming platform's events (integration tokens only)")
@SecurityRequirement(name = "bearer")
class EventsApi {

	static final String NDJSON = "application/x-ndjson";

	private final EventReader reader;

	private final EventIngest ingest;

	private final EventsProperties properties;

	private final IngestLoad load;

	EventsApi(EventReader reader, EventIngest ingest, EventsProperties properties, IngestLoad load) {
		this.reader = reader;
		this.ingest = ingest;
		this.properties = properties;
		this.load = load;
	}

	@PostMapping(value = "/events", consumes = { NDJSON, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Append a batch of platform events",
			description = """
					Send NDJSON (one event object per line, application/x-ndjson) or a JSON array (application/json) of events \
					following the platform event contract v1. Each event is checked on its own: valid events are stored even when \
					others are rejected, and a repeated id (in the batch or already stored) counts as a duplicate and is stored once. \
					The answer comes after the accepted events are committed. A malformed NDJSON line rejects that line only; a \
					malformed JSON array fails the request with 400. Past the event-count or byte limit the whole request is refused \
					with 413 and nothing is stored. 'index' in a rejection is the 0-based position of the event in the batch \
					(blank NDJSON lines are not counted).""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
					@Content(mediaType = NDJSON, schema = @Schema(implementation = EventDocument.class)),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							array = @ArraySchema(schema = @Schema(implementation = EventDocument.class))) }),
			responses = {
					@ApiResponse(responseCode = "200", description = "What became of each event",
							content = @Content(schema = @Schema(implementation = IngestResult.class))),
					@ApiResponse(responseCode = "400", description = "The JSON array is malformed; nothing was stored",
							content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
									schema = @Schema(implementation = ProblemDetail.class))),
					@ApiResponse(responseCode = "413", description = "More events or bytes than the limits allow; nothing was stored",
							content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
									schema = @Schema(implementation = ProblemDetail.class))) })
	IngestResult append(HttpServletRequest request) throws IOException {
		// read as it streams in (never held whole), refused with 413 past the limit with or without a Content-Length
		long limit = properties.maxRequestSize().toBytes();
		MediaType type = request.getContentType() == null ? MediaType.APPLICATION_JSON : MediaType.parseMediaType(request.getContentType());
		try (IngestLoad.Arrival arrival = load.arrive()) {
			EventReader.Batch batch;
			try (InputStream in = request.getInputStream()) {
				batch = type.isCompatibleWith(MediaType.APPLICATION_JSON) ? reader.readArray(in, limit) : reader.readNdjson(in, limit);
			}
			return ingest.ingest(batch);
		}
	}

	/** One event of the platform event contract v1 (documentation only; unknown fields are ignored). */
	@Schema(name = "PlatformEventDocument", description = "One platform event; which fields are required depends on type")
	record EventDocument(
			@Schema(description = "Idempotency key, 1-128 characters", requiredMode = Schema.RequiredMode.REQUIRED) String id,
			@Schema(description = "creator.registered, stream.started, stream.ended, viewer.joined, viewer.left, gift.sent, "
					+ "subscription.started, follow.created or report.filed", requiredMode = Schema.RequiredMode.REQUIRED) String type,
			@Schema(description = "RFC 3339 timestamp with offset", example = "2026-11-24T09:30:00+07:00",
					requiredMode = Schema.RequiredMode.REQUIRED) String occurredAt,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String creatorId, String streamId, String viewerId, Amount amount,
			@Schema(description = "creator.registered") String handle,
			@Schema(description = "creator.registered: ISO 3166-1 alpha-2") String country,
			@Schema(description = "creator.registered: BCP 47, optional") String language,
			@Schema(description = "creator.registered: IANA zone, optional (default from region)") String timezone,
			@Schema(description = "creator.registered: region code, optional (default mapped from country)") String region,
			@Schema(description = "stream.started/ended, optional") String title,
			@Schema(description = "stream.started/ended (optional) or report.filed (required: policy category)") String category,
			@Schema(description = "subscription.started, optional") String plan,
			@Schema(description = "report.filed, optional") String note) {
	}

	/** An amount: a decimal string greater than 0 and a currency with a configured rate. */
	record Amount(@Schema(example = "4.99") String value, @Schema(example = "USD") String currency) {
	}
}
