package com.greenroom.timeline;

import java.time.Instant;
import java.util.List;

/**
 * One thing that happened to a creator: when, what kind, a one-line title, optional detail, who did it
 * (a person's name, or null when the platform or the system did) and a link to where it is worked.
 */
public record TimelineEntry(Instant at, String kind, String title, String detail, String actor, String link) {

	public static final String MILESTONE = "MILESTONE";

	public static final String ONBOARDING = "ONBOARDING";

	public static final String CHECKLIST_STEP = "CHECKLIST_STEP";

	public static final String TASK = "TASK";

	public static final String COACHING = "COACHING";

	public static final String SUPPORT_ACTION = "SUPPORT_ACTION";

	public static final String SAFETY = "SAFETY";

	public static final String MESSAGE = "MESSAGE";

	public static final String TICKET = "TICKET";

	/** Kinds a client may filter by; contributors use these. */
	public static final List<String> KINDS = List.of(MILESTONE, ONBOARDING, CHECKLIST_STEP, TASK, COACHING, SUPPORT_ACTION,
			SAFETY, MESSAGE, TICKET);
}
