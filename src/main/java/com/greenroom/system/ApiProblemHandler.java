package com.greenroom.system;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every API error into an RFC 9457 problem; console pages have their own error views. */
@RestControllerAdvice(annotations = RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Object> invalidInput(InvalidInputException ex, HttpServletRequest request) {
		return Problems.response(Problems.invalidInput(ex.errors()), null, request);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<Object> notFound(NotFoundException ex, HttpServletRequest request) {
		return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage()), null, request);
	}

	@ExceptionHandler(ConflictException.class)
	ResponseEntity<Object> conflict(ConflictException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "conflict", "Conflict", ex.getMessage());
		problem.setProperty("field", ex.field());
		return Problems.response(problem, null, request);
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<Object> tooLarge(PayloadTooLargeException ex, HttpServletRequest request) {
		return Problems.response(tooLargeProblem(ex), null, request);
	}

	@ExceptionHandler(PreconditionFailedException.class)
	ResponseEntity<Object> preconditionFailed(PreconditionFailedException ex, HttpServletRequest request) {
		return Problems.response(Problems.of(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed", ex.getMessage()),
				null, request);
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
	ResponseEntity<Object> forbidden(RuntimeException ex, HttpServletRequest request) {
		return Problems.response(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your roles do not allow this action"),
				null, request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		return Problems.response(Problems.invalidInput(List.of(new InvalidInputException.FieldError(ex.getName(),
				"is not a valid value: " + ex.getValue()))), null, request);
	}

	/**
	 * Anything else: an exception that declares its status keeps it; the rest is a 500 whose detail
	 * gives a reference to the log entry, never the exception's class or message.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) throws Exception {
		if (ex instanceof AuthenticationException || isSaturation(ex)) {
			throw ex; // the security entry point (401) or BackPressureFilter (503 with Retry-After) answers it
		}
		if (ex instanceof ErrorResponse spring) {
			return Problems.response(spring.getBody(), spring.getHeaders(), request);
		}
		ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		if (declared != null && !declared.code().is5xxServerError()) {
			String detail = declared.reason().isEmpty() ? ex.getMessage() : declared.reason();
			return Problems.response(Problems.ofStatus(declared.code(), detail), null, request);
		}
		String reference = UUID.randomUUID().toString();
		log.error("Request {} {} failed (reference {})", request.getMethod(), request.getRequestURI(), reference, ex);
		ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"Greenroom could not complete this request. The error was logged with reference " + reference + ".");
		problem.setProperty("reference", reference);
		return Problems.response(problem, null, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		List<InvalidInputException.FieldError> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors()
			.forEach(e -> errors.add(new InvalidInputException.FieldError(e.getField(), e.getDefaultMessage())));
		ex.getBindingResult().getGlobalErrors()
			.forEach(e -> errors.add(new InvalidInputException.FieldError(e.getObjectName(), e.getDefaultMessage())));
		return ResponseEntity.badRequest().body(Problems.invalidInput(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return Problems.response(tooLargeProblem(tooLarge), null, servletRequest(request));
			}
			if (cause instanceof InvalidInputException invalid) {
				return Problems.response(Problems.invalidInput(invalid.errors()), null, servletRequest(request));
			}
			if (cause instanceof DatabindException databind) {
				String field = fieldOf(databind);
				return Problems.response(Problems.invalidInput(List.of(new InvalidInputException.FieldError(field,
						"is malformed: " + JsonErrors.describe(databind)))), null, servletRequest(request));
			}
			cause = cause.getCause();
		}
		return Problems.response(Problems.invalidInput(List.of(new InvalidInputException.FieldError("body",
				"is not valid JSON"))), null, servletRequest(request));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.is5xxServerError()) {
			log.error("Request failed", ex);
		}
		ProblemDetail problem = body instanceof ProblemDetail given ? given : Problems.ofStatus(statusCode, null);
		if (statusCode.is5xxServerError()) {
			problem.setDetail("Greenroom could not complete this request. The error was logged.");
		}
		return Problems.response(problem, headers, servletRequest(request));
	}

	private static boolean isSaturation(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof ServiceUnavailableException
					|| cause instanceof org.springframework.jdbc.CannotGetJdbcConnectionException) {
				return true;
			}
		}
		return false;
	}

	private static ProblemDetail tooLargeProblem(PayloadTooLargeException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", ex.getMessage());
		problem.setProperty("field", "body");
		return problem;
	}

	private static HttpServletRequest servletRequest(WebRequest request) {
		return request instanceof ServletWebRequest servlet ? servlet.getRequest() : null;
	}

	private static String fieldOf(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}
}
