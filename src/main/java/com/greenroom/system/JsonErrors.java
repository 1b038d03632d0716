package com.greenroom.system;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Says what is wrong with a JSON body in the client's words: JSON types, never Java class names. */
final class JsonErrors {

	private JsonErrors() {
	}

	static String describe(DatabindException ex) {
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return "expected " + jsonTypeOf(mismatch.getTargetType());
		}
		return "not valid JSON here";
	}

	private static String jsonTypeOf(Class<?> type) {
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
				|| type == short.class || type == BigInteger.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
			return "a string";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "a date or time in ISO 8601 form";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "a list";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
			return "an object";
		}
		return "a different value";
	}
}
