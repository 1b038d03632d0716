package com.greenroom.tickets;

import java.util.List;

/**
 * One row of the escalation map: what a priority means, which role owns its tickets, the time its targets
 * count in, the first-response and resolution targets in minutes, the warning threshold and the escalation
 * levels after a breach.
 */
public record EscalationPolicy(Priority priority, String meaning, String ownerRole, SlaCalendar calendar, Integer firstResponseMinutes,
		Integer resolutionMinutes, Integer warnAtPercent, List<EscalationLevel> levels) {

	SlaClock.Targets targets() {
		return new SlaClock.Targets(firstResponseMinutes, resolutionMinutes, warnAtPercent);
	}
}
