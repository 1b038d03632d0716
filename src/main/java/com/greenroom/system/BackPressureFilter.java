package com.greenroom.system;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Back-pressure instead of failure. Every console and API request but event ingest (which has its own
 * share, taken around the append) holds a permit of the web share of the pool, or of the export share for a download
 * ({@code .csv} or {@code .ics}: it holds its connection while the file streams to a client that may read slowly, and
 * must not hold one of the few permits every page needs); when none frees up in time, or the pool itself has no
 * connection in time (anywhere below: sign-in, a controller), the answer is an RFC 9457 problem with status 503 and
 * {@code Retry-After}, never a 500. Runs before the security filters, whose token look-ups use the database too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BackPressureFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(BackPressureFilter.class);

	private final Bulkheads bulkheads;

	BackPressureFilter(Bulkheads bulkheads) {
		this.bulkheads = bulkheads;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			if (needsWebShare(request)) {
				try (Bulkhead.Permit permit = (isDownload(request) ? bulkheads.export() : bulkheads.web()).acquire()) {
					chain.doFilter(request, response);
				}
			}
			else {
				chain.doFilter(request, response);
			}
		}
		catch (ServletException | RuntimeException ex) {
			Duration retryAfter = retryAfter(ex);
			if (retryAfter == null || response.isCommitted()) {
				throw ex;
			}
			log.warn("Answered 503 to {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
			unavailable(response, request, retryAfter, ex instanceof ServiceUnavailableException busy ? busy.getMessage()
					: "Greenroom is busy (no database connection was free in time); retry shortly");
		}
	}

	/** Whether the request holds a permit of a request share (the web share, or the export share for a download). */
	static boolean needsWebShare(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/") || path.equals("/favicon.ico")
				|| path.startsWith("/actuator/health")) {
			return false;
		}
		return !("POST".equals(request.getMethod()) && path.equals("/api/v1/events"));
	}

	/**
	 * A CSV export or an iCalendar feed: a GET whose path names a file to download, or a HEAD of one (which runs the
	 * same handler, the whole file written and discarded, to answer its length).
	 */
	static boolean isDownload(HttpServletRequest request) {
		String path = request.getRequestURI();
		String method = request.getMethod();
		return ("GET".equals(method) || "HEAD".equals(method)) && (path.endsWith(".csv") || path.endsWith(".ics"));
	}

	/** How long to wait when the failure is saturation; null for any other failure. */
	private static Duration retryAfter(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof ServiceUnavailableException busy) {
				return busy.retryAfter();
			}
			if (cause instanceof CannotGetJdbcConnectionException) {
				return Duration.ofSeconds(2);
			}
		}
		return null;
	}

	static void unavailable(HttpServletResponse response, HttpServletRequest request, Duration retryAfter, String detail)
			throws IOException {
		response.resetBuffer();
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds())));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		String instance = request.getRequestURI();
		response.getWriter()
			.write("""
					{"type":"https://greenroom.app/problems/service-unavailable","title":"Service unavailable","status":503,"detail":"%s","instance":"%s"}"""
				.formatted(json(detail), json(instance)));
	}

	private static String json(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}
}
