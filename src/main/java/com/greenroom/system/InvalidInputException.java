package com.greenroom.system;

import java.util.List;

/**
 * Input that breaks a rule; answered as a 400 problem naming each offending field. Thrown before
 * anything is changed.
 */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
public class InvalidInputException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidInputException(String field, String reason) {
		this(List.of(new FieldError(field, reason)));
	}

	public InvalidInputException(List<FieldError> errors) {
		super(errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return errors;
	}

	/** One broken rule: the field (JSON name or query parameter) and what is wrong with it. */
	public record FieldError(String field, String reason) {
	}
}
