package com.greenroom.creators;

/**
 * A panel on a creator's console page, contributed by another module (activity, onboarding, tasks...).
 * The page loads each panel with htmx from {@code /creators/{creatorId}/{fragment}}, a route the
 * contributing module serves, so the creators module knows no other module's pages. Panels are shown in
 * {@link #order()} within their {@link #column()}.
 */
public interface CreatorPanel {

	/** Where on the page the panel goes. */
	enum Column {
		MAIN, SIDE
	}

	/** The last path segment of the panel's route, e.g. {@code activity-panel}. */
	String fragment();

	/** What the placeholder says while the panel loads, e.g. "activity". */
	String label();

	Column column();

	int order();
}
