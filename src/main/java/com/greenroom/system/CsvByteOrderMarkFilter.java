package com.greenroom.system;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code ?bom=true} on any CSV download (API or console) starts the file with a UTF-8 byte order mark, so
 * spreadsheet programs that would otherwise guess a legacy encoding show names in every script correctly.
 * Applies to whatever answers {@code text/csv}, so a new CSV endpoint needs nothing to offer it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 25)
class CsvByteOrderMarkFilter extends OncePerRequestFilter {

	static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || request.getParameter("bom") == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String bom = request.getParameter("bom");
		if (!bom.equals("true") && !bom.equals("false")) {
			Problems.write(request, response, Problems.invalidInput(List.of(new InvalidInputException.FieldError("bom", "must be true or false"))));
			return;
		}
		if (bom.equals("false")) {
			chain.doFilter(request, response);
			return;
		}
		WithByteOrderMark marked = new WithByteOrderMark(response);
		chain.doFilter(request, marked);
		marked.flushWriter();
	}

	/** Writes the mark before the first byte of a text/csv body; other bodies pass untouched. */
	private static final class WithByteOrderMark extends HttpServletResponseWrapper {

		private ServletOutputStream stream;

		private PrintWriter writer;

		WithByteOrderMark(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (stream == null) {
				ServletOutputStream target = super.getOutputStream();
				boolean csv = getContentType() != null && getContentType().startsWith("text/csv");
				stream = !csv ? target : new ServletOutputStream() {

					private boolean marked;

					private void mark() throws IOException {
						if (!marked) {
							marked = true;
							target.write(BOM);
						}
					}

					@Override
					public void write(int b) throws IOException {
						mark();
						target.write(b);
					}

					@Override
					public void write(byte[] bytes, int offset, int length) throws IOException {
						mark();
						target.write(bytes, offset, length);
					}

					@Override
					public void flush() throws IOException {
						target.flush();
					}

					@Override
					public boolean isReady() {
						return target.isReady();
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						target.setWriteListener(listener);
					}
				};
			}
			return stream;
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (writer == null) {
				Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
				writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
			}
			return writer;
		}

		@Override
		public void flushBuffer() throws IOException {
			flushWriter();
			super.flushBuffer();
		}

		void flushWriter() {
			if (writer != null) {
				writer.flush();
			}
		}
	}
}
