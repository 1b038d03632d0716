package com.greenroom.system;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies past their limit with 413 before anything reads them: by the declared length
 * at once, and by counting for bodies sent without one. Modules with larger bodies (event ingest)
 * declare a {@link BodyLimit} for their path.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long defaultLimit;

	private final List<BodyLimit> limits;

	RequestBodyLimitFilter(@Value("${greenroom.http.max-body-size:1MB}") DataSize defaultLimit, ObjectProvider<BodyLimit> limits) {
		this.defaultLimit = defaultLimit.toBytes();
		this.limits = limits.orderedStream().toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limitFor(request.getRequestURI());
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
					"The request body has %d bytes; the limit for this endpoint is %d bytes".formatted(declared, limit));
			problem.setProperty("field", "body");
			Problems.write(request, response, problem);
			return;
		}
		chain.doFilter(declared < 0 ? new LimitedRequest(request, limit) : request, response);
	}

	private long limitFor(String path) {
		for (BodyLimit limit : limits) {
			if (path.startsWith(limit.pathPrefix())) {
				return limit.maxBytes();
			}
		}
		return defaultLimit;
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingStream(super.getInputStream(), limit);
			}
			return stream;
		}
	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long count;

		CountingStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			count += n;
			if (count > limit) {
				throw new PayloadTooLargeException("The request body is larger than the limit of " + limit + " bytes for this endpoint");
			}
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
}
