package com.greenroom.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * {@code If-Match} on every PATCH and PUT of the API, without a line in any controller: before the change
 * runs, the resource's own GET is run for the same caller and its ETag ({@link EntityTags}) compared; a
 * stale tag is refused with 412 and nothing changes. Changes with If-Match to one resource are serialised
 * on this node, so two of them cannot both pass the check and then overwrite each other. If-Match stays
 * optional: scripts and the console keep working, and a client that wants the guarantee sends it.
 */
@Component
class IfMatchInterceptor implements HandlerInterceptor {

	private static final String HELD = IfMatchInterceptor.class.getName() + ".lock";

	private final ReentrantLock[] stripes = new ReentrantLock[64];

	private final ObjectProvider<RequestMappingHandlerMapping> mapping;

	private final ObjectProvider<RequestMappingHandlerAdapter> adapter;

	IfMatchInterceptor(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping,
			ObjectProvider<RequestMappingHandlerAdapter> adapter) {
		this.mapping = mapping;
		this.adapter = adapter;
		for (int i = 0; i < stripes.length; i++) {
			stripes[i] = new ReentrantLock();
		}
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
		String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
		if (ifMatch == null || !(handler instanceof HandlerMethod) || !("PATCH".equals(request.getMethod()) || "PUT".equals(request.getMethod()))
				|| !request.getRequestURI().startsWith("/api/")) {
			return true;
		}
		ReentrantLock lock = stripes[Math.floorMod(request.getRequestURI().hashCode(), stripes.length)];
		lock.lock();
		try {
			String current = currentTag(request);
			if (current == null) {
				throw new PreconditionFailedException("If-Match was sent, but this resource has no representation to compare it with");
			}
			if (!EntityTags.matches(ifMatch, current)) {
				throw new PreconditionFailedException(
						"The resource changed since you read it (If-Match " + ifMatch + ", now " + current + "): read it again, then retry");
			}
		}
		catch (Exception ex) {
			lock.unlock();
			throw ex;
		}
		request.setAttribute(HELD, lock);
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
		if (request.getAttribute(HELD) instanceof ReentrantLock lock) {
			request.removeAttribute(HELD);
			lock.unlock();
		}
	}

	/** Runs the GET of the same path for the same caller and returns the ETag it answered, or null. */
	private String currentTag(HttpServletRequest request) throws Exception {
		ReadOfSamePath read = new ReadOfSamePath(request);
		ServletRequestPathUtils.parseAndCache(read);
		HandlerExecutionChain chain = mapping.getObject().getHandler(read);
		if (chain == null) {
			return null;
		}
		CapturedResponse captured = new CapturedResponse(currentResponse());
		adapter.getObject().handle(read, captured, chain.getHandler());
		return captured.getStatus() == 200 ? captured.getHeader(HttpHeaders.ETAG) : null;
	}

	private static HttpServletResponse currentResponse() {
		return ((org.springframework.web.context.request.ServletRequestAttributes) org.springframework.web.context.request.RequestContextHolder
			.currentRequestAttributes()).getResponse();
	}

	/** The request as a GET without body or conditions; attributes it sets stay its own. */
	private static final class ReadOfSamePath extends HttpServletRequestWrapper {

		private final Map<String, Object> attributes = new HashMap<>();

		private final Set<String> removed = new HashSet<>();

		ReadOfSamePath(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getMethod() {
			return "GET";
		}

		@Override
		public String getHeader(String name) {
			return ignored(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return ignored(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		private static boolean ignored(String name) {
			return name.equalsIgnoreCase(HttpHeaders.IF_MATCH) || name.equalsIgnoreCase(HttpHeaders.IF_NONE_MATCH)
					|| name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) || name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH);
		}

		@Override
		public String getContentType() {
			return null;
		}

		@Override
		public int getContentLength() {
			return 0;
		}

		@Override
		public long getContentLengthLong() {
			return 0;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream empty = new ByteArrayInputStream(new byte[0]);
			return new ServletInputStream() {

				@Override
				public int read() {
					return empty.read();
				}

				@Override
				public boolean isFinished() {
					return true;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
				}
			};
		}

		@Override
		public Object getAttribute(String name) {
			if (attributes.containsKey(name)) {
				return attributes.get(name);
			}
			return removed.contains(name) ? null : super.getAttribute(name);
		}

		@Override
		public void setAttribute(String name, Object value) {
			attributes.put(name, value);
			removed.remove(name);
		}

		@Override
		public void removeAttribute(String name) {
			attributes.remove(name);
			removed.add(name);
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
			names.removeAll(removed);
			names.addAll(attributes.keySet());
			return Collections.enumeration(names);
		}
	}

	/** A response that keeps status, headers and body to itself. */
	private static final class CapturedResponse extends HttpServletResponseWrapper {

		private final Map<String, String> headers = new HashMap<>();

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private int status = 200;

		private String contentType;

		CapturedResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setStatus(int status) {
			this.status = status;
		}

		@Override
		public int getStatus() {
			return status;
		}

		@Override
		public void sendError(int status) {
			this.status = status;
		}

		@Override
		public void sendError(int status, String message) {
			this.status = status;
		}

		@Override
		public void setHeader(String name, String value) {
			headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
		}

		@Override
		public void addHeader(String name, String value) {
			headers.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), value);
		}

		@Override
		public void setIntHeader(String name, int value) {
			setHeader(name, String.valueOf(value));
		}

		@Override
		public void addIntHeader(String name, int value) {
			addHeader(name, String.valueOf(value));
		}

		@Override
		public void setDateHeader(String name, long date) {
			setHeader(name, String.valueOf(date));
		}

		@Override
		public void addDateHeader(String name, long date) {
			addHeader(name, String.valueOf(date));
		}

		@Override
		public String getHeader(String name) {
			return headers.get(name.toLowerCase(java.util.Locale.ROOT));
		}

		@Override
		public java.util.Collection<String> getHeaders(String name) {
			String value = getHeader(name);
			return value == null ? java.util.List.of() : java.util.List.of(value);
		}

		@Override
		public java.util.Collection<String> getHeaderNames() {
			return headers.keySet();
		}

		@Override
		public boolean containsHeader(String name) {
			return headers.containsKey(name.toLowerCase(java.util.Locale.ROOT));
		}

		@Override
		public void setContentType(String type) {
			this.contentType = type;
		}

		@Override
		public String getContentType() {
			return contentType;
		}

		@Override
		public void setCharacterEncoding(String charset) {
		}

		@Override
		public void setContentLength(int length) {
		}

		@Override
		public void setContentLengthLong(long length) {
		}

		@Override
		public void setBufferSize(int size) {
		}

		@Override
		public void flushBuffer() {
		}

		@Override
		public void reset() {
			headers.clear();
			body.reset();
			status = 200;
		}

		@Override
		public void resetBuffer() {
			body.reset();
		}

		@Override
		public boolean isCommitted() {
			return false;
		}

		@Override
		public ServletOutputStream getOutputStream() {
			return new ServletOutputStream() {

				@Override
				public void write(int b) {
					body.write(b);
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setWriteListener(WriteListener listener) {
				}
			};
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			return new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
		}
	}
}
