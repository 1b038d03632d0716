package com.greenroom.tickets;

import java.util.List;

/** The escalation map changed for these priorities (published inside the change's transaction). */
record EscalationMapChanged(List<Priority> priorities) {
}
