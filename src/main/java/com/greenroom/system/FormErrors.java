package com.greenroom.system;

import java.util.LinkedHashMap;
import java.util.Map;

/** Console forms show the same broken rules the API reports, next to the field they concern. */
public final class FormErrors {

	private FormErrors() {
	}

	/** Field to message for a rule broken by a form submission. */
	public static Map<String, String> of(RuntimeException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (ex instanceof InvalidInputException invalid) {
			invalid.errors().forEach(e -> errors.merge(baseField(e.field()), e.reason(), (a, b) -> a + "; " + b));
		}
		else if (ex instanceof ConflictException conflict) {
			errors.put(conflict.field(), conflict.getMessage());
		}
		else {
			errors.put("form", ex.getMessage());
		}
		return errors;
	}

	/**
	 * The broken rules as one line for a flash message, where no field stands beside them: each reason after
	 * the field it concerns ({@code columns: has an unknown column 'x'; ...}), the form's own reasons alone.
	 */
	public static String summary(RuntimeException ex) {
		return String.join(" ", of(ex).entrySet().stream().map(e -> {
			String line = "form".equals(e.getKey()) ? e.getValue() : e.getKey() + ": " + e.getValue();
			return line.endsWith(".") ? line : line + ".";
		}).toList());
	}

	/** {@code roles[2]} is shown beside the roles field. */
	private static String baseField(String field) {
		int bracket = field.indexOf('[');
		return bracket < 0 ? field : field.substring(0, bracket);
	}
}
