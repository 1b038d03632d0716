package com.greenroom.tickets;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.greenroom.schedule.CalendarFeeds;
import com.greenroom.schedule.FeedSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts the SLA due times of open tickets in the iCalendar feeds: first response due while no one has answered,
 * and resolution due, as the ticket's SLA clock computes them now (business hours, pauses). Region-scoped in SQL.
 */
@Component
class TicketSlaFeed implements FeedSource {

	/** A feed lists at most this many open tickets, the most urgent first. */
	static final int LIMIT = 1000;

	private final JdbcClient jdbc;

	private final TicketStore store;

	private final SlaClocks clocks;

	private final Clock clock;

	TicketSlaFeed(JdbcClient jdbc, TicketStore store, SlaClocks clocks, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.clocks = clocks;
		this.clock = clock;
	}

	@Override
	public List<FeedItem> items(String[] regions, CalendarFeeds.Scope scope, String scopeId, Instant since) {
		String where = switch (scope) {
			case REGION -> "t.region_code = :scopeId";
			case USER -> "t.assignee_id = cast(:scopeId as bigint)";
			case CREATOR -> "t.creator_id = :scopeId";
		};
		List<TicketRow> rows = jdbc.sql(TicketStore.SELECT + " where t.status in ('NEW', 'OPEN', 'WAITING_ON_CREATOR') and " + where + """
				  and (cast(:regions as text[]) is null or t.region_code = any(cast(:regions as text[])))
				order by t.sla_due_at nulls last, t.id limit :limit""")
			.param("scopeId", scopeId)
			.param("regions", regions)
			.param("limit", LIMIT)
			.query(store::row)
			.list();
		Function<TicketRow, Sla> slas = clocks.slaAsOf(clock.instant());
		List<FeedItem> items = new ArrayList<>();
		for (TicketRow row : rows) {
			Sla sla = slas.apply(row);
			String about = row.priority() + " ticket · " + row.region() + (row.creatorId() == null ? "" : " · creator " + row.creatorId())
					+ "\nAssignee: " + (row.assigneeName() == null ? "the " + row.ownerRole() + " queue" : row.assigneeName())
					+ (sla.paused() ? "\nPaused while waiting on the creator: the due time moves when the clock runs again" : "");
			String link = "/tickets/" + row.id();
			if (sla.firstResponseAt() == null && sla.firstResponseDueAt() != null && sla.firstResponseDueAt().isAfter(since)) {
				items.add(new FeedItem("ticket-" + row.id() + "-first-response@greenroom", "First response due: #" + row.id() + " " + row.subject(),
						about, sla.firstResponseDueAt(), row.region(), "Ticket SLA", link));
			}
			if (sla.resolutionDueAt() != null && sla.resolutionDueAt().isAfter(since)) {
				items.add(new FeedItem("ticket-" + row.id() + "-resolution@greenroom", "Resolution due: #" + row.id() + " " + row.subject(), about,
						sla.resolutionDueAt(), row.region(), "Ticket SLA", link));
			}
		}
		return items;
	}
}
