package com.greenroom.system;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriUtils;

/** The one way Greenroom describes an error: RFC 9457 problem details with stable type URIs. */
public final class Problems {

	private static final String TYPE_BASE = "https://greenroom.app/problems/";

	/** {@code application/problem+json;charset=UTF-8}, the content type of every problem Greenroom answers. */
	public static final MediaType MEDIA_TYPE = new MediaType(MediaType.APPLICATION_PROBLEM_JSON, StandardCharsets.UTF_8);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
	}

	/** A problem for a bare status: its type named after the status (e.g. {@code method-not-allowed}). */
	public static ProblemDetail ofStatus(HttpStatusCode status, String detail) {
		String title = titleOf(status.value());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail == null ? title : detail);
		problem.setType(URI.create(TYPE_BASE + slug(title)));
		problem.setTitle(title);
		return problem;
	}

	/** A 400 naming every offending field; {@code field} holds the first for simple clients. */
	public static ProblemDetail invalidInput(List<InvalidInputException.FieldError> errors) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
				errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
		if (!errors.isEmpty()) {
			problem.setProperty("field", errors.get(0).field());
		}
		problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "reason", e.reason())).toList());
		return problem;
	}

	/**
	 * Fills what RFC 9457 lets a producer leave out, so every Greenroom problem carries all five members:
	 * a Greenroom type instead of {@code about:blank}, the status's title, a detail, and the request path
	 * as {@code instance}.
	 */
	public static ProblemDetail complete(ProblemDetail problem, HttpServletRequest request) {
		String reason = titleOf(problem.getStatus());
		if (problem.getTitle() == null || problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setTitle(reason);
		}
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(URI.create(TYPE_BASE + slug(reason)));
		}
		if (problem.getDetail() == null) {
			problem.setDetail(problem.getTitle());
		}
		if (problem.getInstance() == null && request != null) {
			problem.setInstance(instanceOf(request));
		}
		return problem;
	}

	/** The problem as a response entity whose content type is fixed, so no Accept header can turn it into a 406. */
	public static ResponseEntity<Object> response(ProblemDetail problem, HttpHeaders headers, HttpServletRequest request) {
		HttpHeaders all = new HttpHeaders();
		if (headers != null) {
			all.putAll(headers);
		}
		all.setContentType(MEDIA_TYPE);
		return ResponseEntity.status(problem.getStatus()).headers(all).body(complete(problem, request));
	}

	/** Writes the problem straight to the servlet response: for filters, entry points and the error page. */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
		complete(problem, request);
		response.setStatus(problem.getStatus());
		response.setContentType(MEDIA_TYPE.toString());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		byte[] body = JSON.writeValueAsBytes(asMap(problem));
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private static Map<String, Object> asMap(ProblemDetail problem) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("type", problem.getType().toString());
		map.put("title", problem.getTitle());
		map.put("status", problem.getStatus());
		map.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			map.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			problem.getProperties().forEach(map::putIfAbsent);
		}
		return map;
	}

	/** The path the client asked for (the original one when rendering an error dispatch), as a relative URI. */
	static URI instanceOf(HttpServletRequest request) {
		Object original = request.getAttribute("jakarta.servlet.error.request_uri");
		String path = original instanceof String s ? s : request.getRequestURI();
		try {
			return URI.create(path);
		}
		catch (IllegalArgumentException ex) {
			return URI.create(UriUtils.encodePath(path, StandardCharsets.UTF_8));
		}
	}

	/** The status's reason phrase in sentence case ("Method not allowed"), like Greenroom's own titles. */
	private static String titleOf(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		if (known == null) {
			return "Error " + status;
		}
		String reason = known.getReasonPhrase();
		return reason.charAt(0) + reason.substring(1).toLowerCase(Locale.ROOT);
	}

	private static String slug(String reason) {
		return reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}
}
