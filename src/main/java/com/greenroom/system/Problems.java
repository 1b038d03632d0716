package com.greenroom.system;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The one way Greenroom describes an error: RFC 9457 problem details with stable type URIs. */
public final class Problems {

	private static final String TYPE_BASE = "https://greenroom.app/problems/";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
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
}
