package com.greenroom.system;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.databind.DatabindException;

/** Turns every API error into an RFC 9457 problem; console pages have their own error views. */
@RestControllerAdvice(annotations = RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalidInput(InvalidInputException ex) {
		return Problems.invalidInput(ex.errors());
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "conflict", "Conflict", ex.getMessage());
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ProblemDetail tooLarge(PayloadTooLargeException ex) {
		return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", ex.getMessage());
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
	ProblemDetail forbidden(RuntimeException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your roles do not allow this action");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return Problems.invalidInput(List.of(new InvalidInputException.FieldError(ex.getName(), "is not a valid value: " + ex.getValue())));
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
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
			}
			if (cause instanceof InvalidInputException invalid) {
				return ResponseEntity.badRequest().body(invalidInput(invalid));
			}
			if (cause instanceof DatabindException databind) {
				String field = fieldOf(databind);
				return ResponseEntity.badRequest().body(Problems.invalidInput(List.of(new InvalidInputException.FieldError(field,
						"is malformed: " + databind.getOriginalMessage()))));
			}
			cause = cause.getCause();
		}
		return ResponseEntity.badRequest().body(Problems.invalidInput(List.of(new InvalidInputException.FieldError("body",
				"is not valid JSON"))));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.is5xxServerError()) {
			log.error("Request failed", ex);
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
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
