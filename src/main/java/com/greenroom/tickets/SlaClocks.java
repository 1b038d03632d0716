package com.greenroom.tickets;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import com.greenroom.calendar.BusinessCalendars;
import org.springframework.stereotype.Component;

/** Builds a ticket's {@link SlaClock} from its row, its priority's policy and its region's calendar. */
@Component
class SlaClocks {

	private final EscalationMap map;

	private final BusinessCalendars calendars;

	private final java.time.Clock clock;

	SlaClocks(EscalationMap map, BusinessCalendars calendars, java.time.Clock clock) {
		this.map = map;
		this.calendars = calendars;
		this.clock = clock;
	}

	/** SLAs of many tickets as of {@code now}, reading the map once and each region's calendar once. */
	Function<TicketRow, Sla> slaAsOf(Instant now) {
		Map<Priority, EscalationPolicy> policies = policies();
		Map<String, WorkingTime> calendarsByRegion = new HashMap<>();
		return row -> clockOf(row, policies.get(row.priority()), calendarsByRegion).at(now);
	}

	Sla sla(TicketRow row) {
		return slaAsOf(clock.instant()).apply(row);
	}

	private Map<Priority, EscalationPolicy> policies() {
		Map<Priority, EscalationPolicy> policies = new EnumMap<>(Priority.class);
		map.all().forEach(p -> policies.put(p.priority(), p));
		return policies;
	}

	SlaClock clockOf(TicketRow row, EscalationPolicy policy) {
		return clockOf(row, policy, new HashMap<>());
	}

	private SlaClock clockOf(TicketRow row, EscalationPolicy policy, Map<String, WorkingTime> cache) {
		WorkingTime time = policy.calendar() == SlaCalendar.ALWAYS ? WorkingTime.always()
				: cache.computeIfAbsent(row.region(), region -> WorkingTime.of(calendars.of(region)));
		return SlaClock.of(row.openedAt(), row.statusHistory(), row.firstResponseAt(), policy.targets(), time);
	}

}
