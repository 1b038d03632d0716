package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every operation of the OpenAPI document, as an admin, with odd values: each path, query and header parameter in turn,
 * malformed and odd JSON bodies, and each property of a body built from the operation's schema in turn. None may answer
 * a server error: a value the server cannot take is a 400 naming it. A sweep like this one (a script, stop 33) found
 * cursors crafted with instants PostgreSQL cannot hold answering 500 on five lists, and so did the calendar's window.
 */
@IntegrationTest
class OddInputSweepIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Path, query and header values. */
	private static final List<String> ODD_TEXT = List.of(" ", "x", "-1", "0", "99999999999999999999", "1.5", "2026-13-45",
			"2026-02-30T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "a".repeat(3000), "'; select 1 --", "%",
			"\\", "\u202e\uD83D\uDE00", "NaN", "P999999999999D", "Europe/Nowhere", new Cursor("+999999999-12-31T23:59:59Z", 1).encode(),
			new Cursor("1|-999999999-01-01T00:00:00Z", -1).encode());

	/** Values of one body property, as JSON. */
	private static final List<String> ODD_JSON = List.of("null", "\"\"", "\"x\"", "\"" + "a".repeat(20_000) + "\"", "-1", "0",
			"99999999999999999999", "1.5", "-1e308", "true", "[]", "{}", "[null]", "[\"x\"]", "{\"a\": 1}", "\"2026-02-30T00:00:00Z\"",
			"\"+999999999-12-31T23:59:59Z\"", "\"-0001-01-01T00:00:00Z\"", "\"PT-5M\"", "\"Not/AZone\"", "9223372036854775808");

	/** Whole bodies. */
	private static final List<String> ODD_BODIES = List.of("null", "[]", "\"x\"", "1", "{", "{\"a\":", "{}", "[".repeat(3000) + "]".repeat(3000),
			"{\"x\":".repeat(1000) + "1" + "}".repeat(1000));

	@Autowired
	Api api;

	@Autowired
	TestData data;

	private final List<String> failures = new ArrayList<>();

	private int requests;

	@Test
	void everyOperationAnswersOddInputWithoutAServerError() {
		data.reset();
		data.creator("c-1", "luna", "BR");
		JsonNode document = api.get("/v3/api-docs", null).json();
		JsonNode schemas = document.path("components").path("schemas");
		for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
			for (String method : List.of("get", "post", "put", "patch", "delete")) {
				JsonNode operation = path.getValue().get(method);
				if (operation != null) {
					sweep(method.toUpperCase(java.util.Locale.ROOT), path.getKey(), operation, schemas);
				}
			}
		}
		assertThat(requests).as("requests sent").isGreaterThan(5_000);
		assertThat(failures).as("server errors").isEmpty();
	}

	private void sweep(String method, String template, JsonNode operation, JsonNode schemas) {
		List<JsonNode> parameters = new ArrayList<>();
		operation.path("parameters").forEach(parameters::add);
		boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
		String emptyBody = hasBody ? "{}" : null;
		for (JsonNode parameter : parameters) {
			String name = parameter.get("name").asString();
			for (String value : ODD_TEXT) {
				switch (parameter.get("in").asString()) {
					case "path" -> send(method, fill(template, Map.of(name, value)), emptyBody, Map.of(), name + "=" + value);
					case "query" ->
						send(method, fill(template, Map.of()) + "?" + name + "=" + encode(value), emptyBody, Map.of(), name + "=" + value);
					case "header" -> send(method, fill(template, Map.of()), emptyBody, Map.of(name, "\"" + value.replace("\\", "") + "\""),
							name + "=" + value);
					default -> {
					}
				}
			}
		}
		JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
		if (!hasBody || body.isMissingNode()) {
			return;
		}
		String path = fill(template, Map.of());
		for (String raw : ODD_BODIES) {
			send(method, path, raw, Map.of(), "body " + raw);
		}
		JsonNode schema = resolve(body, schemas);
		JsonNode sample = sample(schema, schemas, 0);
		if (!(sample instanceof ObjectNode object)) {
			return;
		}
		for (Iterator<String> names = schema.path("properties").propertyNames().iterator(); names.hasNext();) {
			String property = names.next();
			for (String odd : ODD_JSON) {
				ObjectNode changed = object.deepCopy();
				changed.set(property, JSON.readTree(odd));
				send(method, path, JSON.writeValueAsString(changed), Map.of(), property + "=" + odd);
			}
		}
	}

	private void send(String method, String path, String body, Map<String, String> headers, String what) {
		HttpRequest.Builder request;
		try {
			request = api.request(path, TestData.ADMIN_TOKEN);
		}
		catch (IllegalArgumentException ex) {
			return; // not a URI any client could send
		}
		headers.forEach((name, value) -> {
			if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
				request.header(name, value);
			}
		});
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		requests++;
		Api.Response response = api.send(request.build());
		if (response.status() >= 500) {
			failures.add(method + " " + path.substring(0, Math.min(path.length(), 120)) + " with " + what.substring(0, Math.min(what.length(), 60))
					+ ": " + response.status() + " " + response.body().substring(0, Math.min(response.body().length(), 200)));
		}
	}

	/** The path with each parameter named in {@code values} set to its value, every other one to 1. */
	private static String fill(String template, Map<String, String> values) {
		String path = template;
		for (Map.Entry<String, String> value : values.entrySet()) {
			path = path.replace("{" + value.getKey() + "}", URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
		}
		path = path.replaceAll("\\{[^}]+}", "1");
		return URI.create(path).toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
		JsonNode resolved = schema;
		for (int i = 0; i < 5 && resolved.has("$ref"); i++) {
			String ref = resolved.get("$ref").asString();
			resolved = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
		}
		return resolved;
	}

	/** A plausible value of the schema, so that one odd property at a time reaches its own check. */
	private static JsonNode sample(JsonNode given, JsonNode schemas, int depth) {
		JsonNode schema = resolve(given, schemas);
		if (schema.has("enum")) {
			return schema.get("enum").get(0);
		}
		String type = schema.path("type").asString("");
		if (type.equals("object") || schema.has("properties")) {
			ObjectNode object = JSON.createObjectNode();
			if (depth < 3) {
				for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
					object.set(property.getKey(), sample(property.getValue(), schemas, depth + 1));
				}
			}
			return object;
		}
		return switch (type) {
			case "array" -> JSON.createArrayNode().add(sample(schema.path("items"), schemas, depth + 1));
			case "integer" -> JSON.getNodeFactory().numberNode(1);
			case "number" -> JSON.getNodeFactory().numberNode(1.0);
			case "boolean" -> JSON.getNodeFactory().booleanNode(true);
			default -> JSON.getNodeFactory().stringNode(switch (schema.path("format").asString("")) {
				case "date-time" -> "2026-12-01T10:00:00Z";
				case "date" -> "2026-12-01";
				default -> "x";
			});
		};
	}
}
