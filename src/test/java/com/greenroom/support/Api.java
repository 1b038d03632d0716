package com.greenroom.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

/** Calls the running application over real HTTP, as a script would. */
@TestComponent
public class Api {

	private final HttpClient http = HttpClient.newHttpClient();

	private final Environment environment;

	private final JsonMapper json = JsonMapper.builder().build();

	Api(Environment environment) {
		this.environment = environment;
	}

	public String baseUrl() {
		return "http://localhost:" + environment.getProperty("local.server.port");
	}

	public Response get(String path, String token) {
		return send(request(path, token).GET().build());
	}

	public Response post(String path, String token, String body) {
		return send(request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	public Response patch(String path, String token, String body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public Response put(String path, String token, String body) {
		return send(request(path, token).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	public Response delete(String path, String token) {
		return send(request(path, token).DELETE().build());
	}

	public Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	/** A response with its body parsed on demand. */
	public final class Response {

		private final int status;

		private final String body;

		private final String contentType;

		Response(int status, String body, String contentType) {
			this.status = status;
			this.body = body;
			this.contentType = contentType;
		}

		public int status() {
			return status;
		}

		public String body() {
			return body;
		}

		public String contentType() {
			return contentType;
		}

		public JsonNode json() {
			return json.readTree(body);
		}

		@Override
		public String toString() {
			return status + " " + body;
		}
	}
}
