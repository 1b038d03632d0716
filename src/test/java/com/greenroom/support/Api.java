package com.greenroom.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

	/**
	 * A POST that declares a body of {@code contentLength} bytes and sends none of it: how a body past the limit is
	 * refused by its declared length. See {@link #postRaw}.
	 */
	public Response postDeclaring(String path, String token, String contentType, long contentLength) {
		return postRaw(path, token, new byte[0], "Content-Type: " + contentType, "Content-Length: " + contentLength);
	}

	/**
	 * A POST of exactly these headers and body bytes over a socket, with the answer read as far as its framing says
	 * (the server may keep waiting for the rest of a body it refused). For bodies the server refuses: it closes the
	 * connection on a body it leaves unread, and a client still sending one may lose the answer to the reset, so the
	 * tests send nothing the server would leave unread (no HTTP client can be told that).
	 */
	public Response postRaw(String path, String token, byte[] body, String... headers) {
		String[] all = new String[headers.length + 1];
		all[0] = "Authorization: Bearer " + token;
		System.arraycopy(headers, 0, all, 1, headers.length);
		RawResponse answer = raw("POST", path, body, all);
		return new Response(answer.status(), answer.body(), answer.header("Content-Type"));
	}

	/**
	 * A request of exactly this method, path, headers (ISO-8859-1, as written: no client normalises or refuses them)
	 * and body bytes over a socket; the answer is read as far as its framing says, within {@link #RAW_TIMEOUT_MILLIS}
	 * (a server still waiting for more fails the test instead of hanging it).
	 */
	public RawResponse raw(String method, String path, byte[] body, String... headers) {
		try (Socket socket = new Socket("localhost", URI.create(baseUrl()).getPort())) {
			socket.setSoTimeout(RAW_TIMEOUT_MILLIS);
			StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
			for (String header : headers) {
				head.append(header).append("\r\n");
			}
			socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().write(body);
			InputStream in = new BufferedInputStream(socket.getInputStream());
			int status = Integer.parseInt(line(in).split(" ")[1]);
			List<String> lines = new ArrayList<>();
			for (String line = line(in); !line.isEmpty(); line = line(in)) {
				lines.add(line);
			}
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			String length = header(lines, "Content-Length");
			if (header(lines, "Transfer-Encoding").equalsIgnoreCase("chunked")) {
				for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
					answer.writeBytes(in.readNBytes(size));
					line(in);
				}
			}
			else if (!length.isEmpty()) {
				answer.writeBytes(in.readNBytes(Integer.parseInt(length)));
			}
			else {
				answer.writeBytes(in.readAllBytes());
			}
			return new RawResponse(status, lines, answer.toString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** How long {@link #raw} waits for each read of the answer. */
	public static final int RAW_TIMEOUT_MILLIS = 30_000;

	/** An answer read off a socket: its status, head lines and body. */
	public record RawResponse(int status, List<String> headerLines, String body) {

		/** The first value of the named header, "" when absent. */
		public String header(String name) {
			return Api.header(headerLines, name);
		}
	}

	/** The first value of the named header among these head lines, "" when absent. */
	private static String header(List<String> headerLines, String name) {
		return headerLines.stream()
			.filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
			.map(line -> line.substring(name.length() + 1).trim())
			.findFirst()
			.orElse("");
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("The connection closed in the middle of the answer's head");
			}
			line.write(b);
		}
		return line.toString(StandardCharsets.ISO_8859_1).strip();
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
