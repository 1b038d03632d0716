package com.greenroom.incidents;

import java.util.List;

import com.greenroom.identity.Viewer;
import com.greenroom.tickets.TicketInclusions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Lists, on a ticket's page, the incidents that include the ticket and touch one of the viewer's regions. */
@Component
class IncidentsOfTicket implements TicketInclusions {

	private final JdbcClient jdbc;

	IncidentsOfTicket(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String heading() {
		return "Incidents";
	}

	@Override
	public List<Inclusion> including(Viewer viewer, long ticketId) {
		return jdbc.sql("""
				select i.id, i.title, i.severity, i.status from incident i join incident_ticket t on t.incident_id = i.id
				where t.ticket_id = :ticket
				  and (cast(:regions as text[]) is null or exists (select 1 from incident_region r
				       where r.incident_id = i.id and r.region_code = any(cast(:regions as text[]))))
				order by i.declared_at desc, i.id desc""")
			.param("ticket", ticketId)
			.param("regions", viewer.regionFilter())
			.query((rs, n) -> new Inclusion("#" + rs.getLong("id") + " " + rs.getString("title") + " (" + rs.getString("severity") + ")",
					label(IncidentStatus.valueOf(rs.getString("status"))), IncidentLinks.page(rs.getLong("id"))))
			.list();
	}

	private static String label(IncidentStatus status) {
		return status.name().charAt(0) + status.name().substring(1).toLowerCase(java.util.Locale.ROOT);
	}
}
