package com.greenroom.tickets;

import java.util.List;

import com.greenroom.identity.Viewer;

/**
 * What another module groups tickets into (an incident declared from them...), listed on the ticket's console
 * page. The contributing module implements this, so tickets knows no module that depends on it.
 */
public interface TicketInclusions {

	/** The heading of the list on the ticket page, e.g. "Incidents". */
	String heading();

	/** What includes the ticket and the viewer may see (region-scoped in SQL), newest first. */
	List<Inclusion> including(Viewer viewer, long ticketId);

	/** One thing that includes the ticket: its name, its status as a word, and the console path that opens it. */
	record Inclusion(String title, String status, String link) {
	}
}
