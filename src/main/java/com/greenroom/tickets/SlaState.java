package com.greenroom.tickets;

/** Where a ticket stands against its SLA: a target missed is BREACHED for good; MET once resolved in time. */
public enum SlaState {
	ON_TRACK, WARNING, BREACHED, MET
}
