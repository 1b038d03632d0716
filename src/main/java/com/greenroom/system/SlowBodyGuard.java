package com.greenroom.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps clients that send request bodies slowly (a byte every few seconds) from taking every request
 * thread: at most {@code greenroom.http.max-concurrent-body-reads} requests may be reading a body at
 * once (more get an immediate 503 with {@code Retry-After}, so requests without a body, such as
 * {@code /actuator/health}, always find a thread), and a body must keep arriving: within
 * {@code greenroom.http.body-read-timeout} plus one second per {@value #MIN_BYTES_PER_SECOND} bytes
 * received so far, or the request is refused with 408 (a dripping sender is cut off after the timeout;
 * a 16 MB event batch may take over 15 minutes). Console forms, and the JSON bodies of console and API
 * requests up to {@code greenroom.http.max-body-size}, are read here in full, under that deadline, before
 * anything else parses them: a request then takes its permit of the web share ({@link BackPressureFilter},
 * a few per core) only once its body has arrived, so slow senders cannot hold those permits. Event ingest
 * and multipart uploads stream their bodies under the deadline instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class SlowBodyGuard extends OncePerRequestFilter {

	/** The slowest sustained body rate accepted past the base timeout. */
	static final long MIN_BYTES_PER_SECOND = 16 * 1024;

	private final Semaphore readers;

	private final Duration deadline;

	private final long bufferLimit;

	SlowBodyGuard(@Value("${greenroom.http.max-concurrent-body-reads:50}") int maxConcurrentReads,
			@Value("${greenroom.http.body-read-timeout:10s}") Duration deadline,
			@Value("${greenroom.http.max-body-size:1MB}") org.springframework.util.unit.DataSize bufferLimit) {
		this.readers = new Semaphore(maxConcurrentReads);
		this.deadline = deadline;
		this.bufferLimit = bufferLimit.toBytes();
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() == 0 || request.getContentLengthLong() < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
			chain.doFilter(request, response);
			return;
		}
		if (!readers.tryAcquire()) {
			refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "too-busy", "Too busy",
					"Too many requests are sending their bodies right now; retry shortly");
			return;
		}
		Permit permit = new Permit(readers);
		try {
			long started = System.nanoTime();
			HttpServletRequest guarded;
			if (request.getContentLengthLong() >= 0 && request.getContentLengthLong() <= bufferLimit
					&& (isForm(request) || !isMultipart(request) && BackPressureFilter.needsWebShare(request))) {
				byte[] body;
				try {
					body = new DeadlineStream(request.getInputStream(), started, deadline, permit).readAllBytes();
				}
				catch (BodyTooSlowException ex) {
					refuse(response, HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request timeout", ex.getMessage());
					return;
				}
				permit.release();
				guarded = isForm(request) ? new ReadForm(request, body) : new ReadBody(request, body);
			}
			else {
				guarded = new DeadlineRequest(request, started, permit);
			}
			chain.doFilter(guarded, response);
		}
		catch (BodyTooSlowException ex) {
			if (!response.isCommitted()) {
				response.reset();
				refuse(response, HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request timeout", ex.getMessage());
			}
		}
		finally {
			permit.release();
		}
	}

	private static boolean isForm(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
	}

	private static void refuse(HttpServletResponse response, HttpStatus status, String type, String title, String detail) throws IOException {
		response.setStatus(status.value());
		response.setHeader(HttpHeaders.CONNECTION, "close");
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write("""
				{"type":"https://greenroom.app/problems/%s","title":"%s","status":%d,"detail":"%s"}""".formatted(type, title, status.value(),
				detail));
	}

	/** One slot of the body-reading cap, given back once (when the body is read or the request ends). */
	private static final class Permit {

		private final Semaphore semaphore;

		private final AtomicBoolean held = new AtomicBoolean(true);

		Permit(Semaphore semaphore) {
			this.semaphore = semaphore;
		}

		void release() {
			if (held.compareAndSet(true, false)) {
				semaphore.release();
			}
		}
	}

	static final class BodyTooSlowException extends IOException {

		BodyTooSlowException(Duration deadline) {
			super("The request body arrived too slowly (allowed: " + deadline.toSeconds() + " seconds plus one per "
					+ MIN_BYTES_PER_SECOND / 1024 + " KiB)");
		}
	}

	/**
	 * Reads a body and fails once the deadline since the request started has passed; frees the permit at
	 * the end. Elapsed network time is measured with {@code System.nanoTime()}, not the domain clock: it is
	 * a socket deadline, not a business instant, and must run even when tests fix the clock.
	 */
	private static final class DeadlineStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long started;

		private final Duration deadline;

		private final Permit permit;

		private long received;

		DeadlineStream(ServletInputStream delegate, long started, Duration deadline, Permit permit) {
			this.delegate = delegate;
			this.started = started;
			this.deadline = deadline;
			this.permit = permit;
		}

		private int after(int n) throws IOException {
			if (n < 0) {
				permit.release();
			}
			else {
				received += n;
				long allowed = deadline.toNanos() + received * 1_000_000_000L / MIN_BYTES_PER_SECOND;
				if (System.nanoTime() - started > allowed) {
					throw new BodyTooSlowException(deadline);
				}
			}
			return n;
		}

		@Override
		public int read() throws IOException {
			return after(delegate.read());
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			return after(delegate.read(buffer, offset, length));
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}
	}

	private final class DeadlineRequest extends HttpServletRequestWrapper {

		private final long started;

		private final Permit permit;

		private ServletInputStream stream;

		DeadlineRequest(HttpServletRequest request, long started, Permit permit) {
			super(request);
			this.started = started;
			this.permit = permit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new DeadlineStream(super.getInputStream(), started, deadline, permit);
			}
			return stream;
		}
	}

	/** A request whose body was already read: the body comes from memory. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new BodyStream(new ByteArrayInputStream(body));
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body), charset()));
		}

		private java.nio.charset.Charset charset() {
			try {
				return getCharacterEncoding() == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(getCharacterEncoding());
			}
			catch (IllegalArgumentException ex) {
				return StandardCharsets.UTF_8;
			}
		}
	}

	/** A body held in memory, read as a blocking servlet stream. */
	private static final class BodyStream extends ServletInputStream {

		private final ByteArrayInputStream in;

		BodyStream(ByteArrayInputStream in) {
			this.in = in;
		}

		@Override
		public int read() {
			return in.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return in.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return in.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException();
		}
	}

	/** A form post whose body was already read: parameters come from the query string and that body. */
	private static final class ReadForm extends HttpServletRequestWrapper {

		private final byte[] body;

		private final Map<String, String[]> parameters;

		ReadForm(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
			Map<String, List<String>> merged = new LinkedHashMap<>();
			request.getParameterMap()
				.forEach((name, values) -> merged.computeIfAbsent(name, k -> new java.util.ArrayList<>()).addAll(List.of(values)));
			String text = new String(body, StandardCharsets.UTF_8);
			for (String pair : text.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				String name = decode(eq < 0 ? pair : pair.substring(0, eq));
				String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
				merged.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
			}
			Map<String, String[]> result = new LinkedHashMap<>();
			merged.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
			this.parameters = Collections.unmodifiableMap(result);
		}

		private static String decode(String value) {
			try {
				return URLDecoder.decode(value, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return value;
			}
		}

		@Override
		public String getParameter(String name) {
			String[] values = parameters.get(name);
			return values == null || values.length == 0 ? null : values[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			String[] values = parameters.get(name);
			return values == null ? null : values.clone();
		}

		@Override
		public ServletInputStream getInputStream() {
			return new BodyStream(new ByteArrayInputStream(body));
		}
	}
}
