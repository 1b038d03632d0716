package com.greenroom.system;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page for everything no controller answered (unknown routes, 405, 406, the firewall's
 * rejections, errors in filters): an RFC 9457 problem for the API and for any client that does not ask
 * for HTML; the console's HTML error page for browsers on console paths.
 */
@Controller
class ProblemErrorController extends BasicErrorController {

	/** Set by whoever rejects a request before MVC sees it, to explain the rejection in the problem. */
	static final String REJECTION = ProblemErrorController.class.getName() + ".rejection";

	private final ErrorAttributes errorAttributes;

	ProblemErrorController(ErrorAttributes errorAttributes, WebProperties web, List<ErrorViewResolver> resolvers) {
		super(errorAttributes, web.getError(), resolvers);
		this.errorAttributes = errorAttributes;
	}

	@Override
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		if (isApi(request)) {
			writeProblem(request, response);
			return null;
		}
		return super.errorHtml(request, response);
	}

	@Override
	public ResponseEntity<java.util.Map<String, Object>> error(HttpServletRequest request) {
		writeProblem(request, currentResponse(request));
		return null;
	}

	@Override
	public ResponseEntity<String> mediaTypeNotAcceptable(HttpServletRequest request) {
		writeProblem(request, currentResponse(request));
		return null;
	}

	private void writeProblem(HttpServletRequest request, HttpServletResponse response) {
		try {
			Problems.write(request, response, problemFor(request, response));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private ProblemDetail problemFor(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = getStatus(request);
		Throwable error = errorAttributes.getError(new ServletWebRequest(request));
		if (request.getAttribute(REJECTION) instanceof String reason) {
			return Problems.of(HttpStatus.BAD_REQUEST, "rejected-request", "Rejected request", reason);
		}
		if (status.is5xxServerError()) {
			return Problems.of(status, "internal-error", "Internal error",
					"Greenroom could not complete this request. The error was logged.");
		}
		if (error instanceof ErrorResponse spring && spring.getStatusCode().value() == status.value() && status != HttpStatus.NOT_FOUND) {
			return Problems.ofStatus(status, spring.getBody().getDetail());
		}
		return Problems.ofStatus(status, detailFor(status, request, response));
	}

	private static String detailFor(HttpStatus status, HttpServletRequest request, HttpServletResponse response) {
		String path = String.valueOf(Problems.instanceOf(request));
		return switch (status) {
			case NOT_FOUND -> "Nothing is served at " + path;
			case METHOD_NOT_ALLOWED -> "This method is not allowed on " + path
					+ (response.getHeader(HttpHeaders.ALLOW) == null ? "" : "; allowed: " + response.getHeader(HttpHeaders.ALLOW));
			case NOT_ACCEPTABLE -> "None of the media types in the Accept header can be produced for " + path;
			case UNSUPPORTED_MEDIA_TYPE -> "The request's Content-Type is not accepted by " + path;
			case BAD_REQUEST -> "The request could not be understood";
			default -> status.getReasonPhrase();
		};
	}

	/** API paths always answer problems, whatever the Accept header says. */
	private static boolean isApi(HttpServletRequest request) {
		String path = String.valueOf(Problems.instanceOf(request));
		return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator");
	}

	private static HttpServletResponse currentResponse(HttpServletRequest request) {
		return ((org.springframework.web.context.request.ServletRequestAttributes) org.springframework.web.context.request.RequestContextHolder
			.currentRequestAttributes()).getResponse();
	}
}
