package com.greenroom.tickets;

/** Which time an SLA target counts: the ticket region's business hours, or every minute (24/7). */
public enum SlaCalendar {
	BUSINESS, ALWAYS
}
