package com.greenroom.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * What an audited change changed, field by field, for a person to read: only the fields whose value
 * differs between before and after (every field of a creation or a removal), each value as short text.
 */
final class AuditDiff {

	/** Longest value shown; the API keeps the whole document. */
	static final int MAX_VALUE = 160;

	/** One changed field; {@code before} is null when the field is new, {@code after} when it is gone. */
	record FieldChange(String field, String before, String after) {
	}

	private AuditDiff() {
	}

	static List<FieldChange> between(JsonNode before, JsonNode after) {
		boolean objects = (before == null || before.isObject()) && (after == null || after.isObject());
		if (!objects) {
			return Objects.equals(before, after) ? List.of() : List.of(new FieldChange("value", text(before), text(after)));
		}
		Set<String> fields = new LinkedHashSet<>();
		if (before != null) {
			fields.addAll(before.propertyNames());
		}
		if (after != null) {
			fields.addAll(after.propertyNames());
		}
		List<FieldChange> changes = new ArrayList<>();
		for (String field : fields) {
			JsonNode was = before == null ? null : before.get(field);
			JsonNode now = after == null ? null : after.get(field);
			if (absent(was) && absent(now) || Objects.equals(was, now)) {
				continue;
			}
			changes.add(new FieldChange(field, absent(was) ? null : text(was), absent(now) ? null : text(now)));
		}
		return changes;
	}

	private static boolean absent(JsonNode node) {
		return node == null || node.isNull() || node.isMissingNode();
	}

	/** Text as a person reads it: strings bare, lists joined with commas, anything else as compact JSON. */
	static String text(JsonNode node) {
		if (absent(node)) {
			return null;
		}
		String text;
		if (node.isString()) {
			text = node.asString();
		}
		else if (node.isArray() && node.values().stream().allMatch(JsonNode::isValueNode)) {
			text = node.values().stream().map(v -> v.isNull() ? "—" : v.asString()).reduce((a, b) -> a + ", " + b).orElse("none");
		}
		else if (node.isValueNode()) {
			text = node.asString();
		}
		else {
			text = node.toString();
		}
		return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "…";
	}
}
