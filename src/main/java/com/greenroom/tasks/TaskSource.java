package com.greenroom.tasks;

import com.greenroom.system.Checks;

/**
 * What created a task: a {@code type} (an onboarding step, a support action, a coaching follow-up, a
 * person's to-do), the id of that thing in its module, and an optional link to where the work is done.
 */
public record TaskSource(String type, String id, String url) {

	public static final String MANUAL = "MANUAL";

	/** A to-do a person added, optionally linking to where it is done. */
	public static TaskSource manual(String url) {
		return new TaskSource(MANUAL, null, Checks.blankToNull(url));
	}

	/** The kind of work, for filters and grouping. */
	public TaskKind kind() {
		return TaskKind.of(type);
	}

	void check(Checks checks) {
		checks.require(type != null && type.matches("^[A-Z][A-Z0-9_]{1,39}$"), "sourceType",
				"must be 2 to 40 upper-case letters, digits or underscores");
		checks.optionalText(id, "sourceId", 200);
		if (url != null && !url.isBlank()) {
			checks.require(url.length() <= 500 && (url.startsWith("/") && !url.startsWith("//") || url.startsWith("https://")
					|| url.startsWith("http://")), "sourceUrl", "must be a path in Greenroom (/...) or an http(s) URL");
		}
	}
}
