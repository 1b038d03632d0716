package com.greenroom.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser session on the console over plain HTTP (cookies and CSRF, no redirects followed):
 * for security tests that need exact status codes rather than a rendered page.
 */
public final class ConsoleSession {

	private static final Pattern CSRF = Pattern
		.compile("name=\"_csrf\"[^>]*?(?:value|content)=\"([^\"]+)\"|(?:value|content)=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

	private ConsoleSession(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** Signs in with the login form; the result tells whether it succeeded ({@link #signedIn()}). */
	public static ConsoleSession signIn(Api api, String username, String password) {
		ConsoleSession session = new ConsoleSession(api.baseUrl());
		session.lastSignIn = session.post("/login", Map.of("username", username, "password", password), "/login");
		return session;
	}

	private HttpResponse<String> lastSignIn;

	/** The answer to the sign-in form post (302 to the home page on success, to /login?... otherwise). */
	public HttpResponse<String> signInResponse() {
		return lastSignIn;
	}

	public boolean signedIn() {
		return lastSignIn.statusCode() == 302 && !lastSignIn.headers().firstValue("Location").orElse("").contains("/login");
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
	}

	/** Posts a form as the page at {@code formPage} would, with that page's CSRF token. */
	public HttpResponse<String> post(String path, Map<String, String> fields, String formPage) {
		String page = get(formPage).body();
		Matcher csrf = CSRF.matcher(page);
		Map<String, String> form = new LinkedHashMap<>(fields);
		if (csrf.find()) {
			form.put("_csrf", csrf.group(1) != null ? csrf.group(1) : csrf.group(2));
		}
		String body = form.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
