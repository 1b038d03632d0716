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

	/** Kinds a client may filter by; contributors use these (tickets and messages will add theirs). */
	public static final String TICKET = "TICKET";

	public static final List<String> KINDS = List.of(MILESTONE, ONBOARDING, CHECKLIST_STEP, TASK, COACHING, SUPPORT_ACTION, TICKET);
}
