package com.greenroom.simulator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.events.EventType;

/** The platform event contract v1 as a checker: what is wrong with one NDJSON line, field by field. */
final class PlatformEventContract {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern RFC_3339 = Pattern
		.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private PlatformEventContract() {
	}

	/** The violations of one line; empty when the event follows the contract. */
	static List<String> violations(String line) {
		List<String> problems = new ArrayList<>();
		if (line.contains("\n")) {
			problems.add("line break inside the line");
		}
		JsonNode event = JSON.readTree(line);
		String id = text(event, "id");
		if (id == null || id.isEmpty() || id.length() > 128) {
			problems.add("id must be 1-128 characters");
		}
		EventType type = EventType.fromWire(text(event, "type")).orElse(null);
		if (type == null) {
			problems.add("type is not a contract type: " + text(event, "type"));
			return problems;
		}
		String occurredAt = text(event, "occurredAt");
		if (occurredAt == null || !RFC_3339.matcher(occurredAt).matches()) {
			problems.add("occurredAt must be RFC 3339 with an offset: " + occurredAt);
		}
		else {
			OffsetDateTime.parse(occurredAt);
		}
		require(problems, event, "creatorId");
		switch (type) {
			case CREATOR_REGISTERED -> {
				require(problems, event, "handle");
				if (!COUNTRIES.contains(text(event, "country"))) {
					problems.add("country must be ISO 3166-1 alpha-2: " + text(event, "country"));
				}
				String language = text(event, "language");
				if (language != null && !Locale.forLanguageTag(language).toLanguageTag().equals(language)) {
					problems.add("language must be BCP 47: " + language);
				}
				String zone = text(event, "timezone");
				if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
					problems.add("timezone must be an IANA zone: " + zone);
				}
			}
			case STREAM_STARTED, STREAM_ENDED -> require(problems, event, "streamId");
			case VIEWER_JOINED, VIEWER_LEFT -> {
				require(problems, event, "streamId");
				require(problems, event, "viewerId");
			}
			case GIFT_SENT -> {
				require(problems, event, "streamId");
				require(problems, event, "viewerId");
				amount(problems, event);
			}
			case SUBSCRIPTION_STARTED -> {
				require(problems, event, "viewerId");
				amount(problems, event);
			}
			case FOLLOW_CREATED -> require(problems, event, "viewerId");
			case REPORT_FILED -> {
				require(problems, event, "viewerId");
				require(problems, event, "category");
			}
		}
		return problems;
	}

	private static void amount(List<String> problems, JsonNode event) {
		JsonNode amount = event.get("amount");
		if (amount == null || !amount.path("value").isString()) {
			problems.add("amount.value must be a decimal string");
			return;
		}
		try {
			if (new BigDecimal(amount.path("value").asString()).signum() <= 0) {
				problems.add("amount.value must be > 0");
			}
		}
		catch (NumberFormatException ex) {
			problems.add("amount.value is not a decimal: " + amount.path("value").asString());
		}
		if (Geography.CURRENCIES.stream().noneMatch(c -> c.code().equals(amount.path("currency").asString()))) {
			problems.add("amount.currency is not one of the simulated currencies: " + amount.path("currency"));
		}
	}

	private static void require(List<String> problems, JsonNode event, String field) {
		String value = text(event, field);
		if (value == null || value.isBlank()) {
			problems.add(field + " is required");
		}
	}

	static String text(JsonNode event, String field) {
		JsonNode node = event.get(field);
		return node == null || node.isNull() ? null : node.asString();
	}
}
