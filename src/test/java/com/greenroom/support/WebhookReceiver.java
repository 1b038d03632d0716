package com.greenroom.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver in the test JVM (the JDK's own HTTP server on a free port): records every POST with its
 * path, headers and body, answers 200, or the status a test told it to answer for a path the next n times.
 * One per JVM, shared by the one application context; tests call {@link #clear()} first.
 */
public final class WebhookReceiver {

	private static final WebhookReceiver INSTANCE = new WebhookReceiver();

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Failing> failing = new ConcurrentHashMap<>();

	private WebhookReceiver() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
			Thread thread = new Thread(runnable, "webhook-receiver");
			thread.setDaemon(true);
			return thread;
		}));
		server.createContext("/", exchange -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String path = exchange.getRequestURI().getPath();
			Failing failure = failing.get(path);
			int status = failure != null && failure.remaining.getAndDecrement() > 0 ? failure.status : 200;
			received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders().entrySet().stream()
				.collect(java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT), e -> e.getValue().get(0),
						(a, b) -> a)),
					new String(body, StandardCharsets.UTF_8), status));
			byte[] answer = (status == 200 ? "ok" : "receiver told to fail").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
	}

	public static WebhookReceiver get() {
		return INSTANCE;
	}

	/** The receiver's URL for a path, such as {@code /hooks/team}. */
	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	/** Answers {@code status} to the next {@code times} POSTs to {@code path}. */
	public void failNext(String path, int status, int times) {
		failing.put(path, new Failing(status, new AtomicInteger(times)));
	}

	/** Every request answered 200, in arrival order. */
	public List<Received> delivered(String path) {
		return received.stream().filter(r -> r.path().equals(path) && r.status() == 200).toList();
	}

	/** Every request, including the ones answered with a failure. */
	public List<Received> all() {
		return List.copyOf(received);
	}

	public void clear() {
		received.clear();
		failing.clear();
	}

	/** One request as it arrived; header names in lower case. */
	public record Received(String method, String path, Map<String, String> headers, String body, int status) {

		public String header(String name) {
			return headers.get(name.toLowerCase(java.util.Locale.ROOT));
		}
	}

	private record Failing(int status, AtomicInteger remaining) {
	}
}
