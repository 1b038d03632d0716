package com.greenroom.tickets;

import java.io.IOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.CsvCells;
import com.greenroom.system.Cursor;
import com.greenroom.system.PageOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Ticket lists for the API, the console queues and the CSV export, scoped to the viewer's regions in SQL. */
@Service
public class TicketSearch {

	private static final int CSV_BATCH = 500;

	private final JdbcClient jdbc;

	private final TicketStore store;

	private final SlaClocks clocks;

	private final Tickets tickets;

	private final Clock clock;

	TicketSearch(JdbcClient jdbc, TicketStore store, SlaClocks clocks, Tickets tickets, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.clocks = clocks;
		this.tickets = tickets;
		this.clock = clock;
	}

	/** Newest first, cursor-paginated. */
	public PageOf<Ticket> search(Viewer viewer, TicketFilter filter, String cursor, int limit) {
		Instant now = clock.instant();
		Query query = where(viewer, filter, now);
		Cursor.parse(cursor).ifPresent(c -> {
			query.where.add("t.id < :after");
			query.params.put("after", c.id());
		});
		query.params.put("limit", limit + 1);
		List<TicketRow> rows = jdbc.sql(TicketStore.SELECT + " where " + String.join(" and ", query.where) + " order by t.id desc limit :limit")
			.params(query.params)
			.query(store::row)
			.list();
		Function<TicketRow, Sla> sla = clocks.slaAsOf(now);
		return PageOf.fromOverfetch(rows, limit, r -> new Cursor("", r.id())).map(r -> tickets.view(r, sla.apply(r)));
	}

	/** A console queue: open tickets, the most urgent deadline first, at most {@code limit}. */
	public List<Ticket> queue(Viewer viewer, TicketFilter filter, int limit) {
		Instant now = clock.instant();
		Query query = where(viewer, filter, now);
		query.params.put("limit", limit);
		List<TicketRow> rows = jdbc.sql(TicketStore.SELECT + " where " + String.join(" and ", query.where)
				+ " order by t.sla_breached desc, t.sla_due_at nulls last, t.priority, t.id limit :limit")
			.params(query.params).query(store::row).list();
		Function<TicketRow, Sla> sla = clocks.slaAsOf(now);
		return rows.stream().map(r -> tickets.view(r, sla.apply(r))).toList();
	}

	public long count(Viewer viewer, TicketFilter filter) {
		Query query = where(viewer, filter, clock.instant());
		return jdbc.sql("select count(*) from ticket t where " + String.join(" and ", query.where)).params(query.params).query(Long.class).single();
	}

	/** Every matching ticket with its SLA columns, newest first, in batches. */
	public void exportCsv(Viewer viewer, TicketFilter filter, Writer writer) throws IOException {
		Instant now = clock.instant();
		Query query = where(viewer, filter, now);
		Function<TicketRow, Sla> sla = clocks.slaAsOf(now);
		CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT);
		csv.printRecord("id", "externalId", "subject", "region", "creatorId", "category", "priority", "status", "assignee", "ownerRole", "tags",
				"openedAt", "firstResponseDueAt", "firstResponseAt", "resolutionDueAt", "resolvedAt", "slaState", "paused", "elapsedMinutes",
				"remainingMinutes", "outcome");
		long after = Long.MAX_VALUE;
		while (true) {
			Map<String, Object> params = new HashMap<>(query.params);
			params.put("after", after);
			params.put("limit", CSV_BATCH);
			List<TicketRow> rows = jdbc.sql(TicketStore.SELECT + " where " + String.join(" and ", query.where)
					+ " and t.id < :after order by t.id desc limit :limit")
				.params(params).query(store::row).list();
			for (TicketRow row : rows) {
				Sla s = sla.apply(row);
				csv.printRecord(CsvCells.guard(row.id(), row.externalId(), row.subject(), row.region(), row.creatorId(), row.category(),
						row.priority().name(), row.status().name(), row.assigneeName(), row.ownerRole(), String.join(" ", row.tags()),
						row.openedAt(), s.firstResponseDueAt(), s.firstResponseAt(), s.resolutionDueAt(), s.resolvedAt(), s.state().name(),
						s.paused(), s.elapsedMinutes(), s.remainingMinutes(), row.outcome()));
				after = row.id();
			}
			if (rows.size() < CSV_BATCH) {
				break;
			}
		}
		csv.flush();
	}

	private static final class Query {

		final List<String> where = new ArrayList<>();

		final Map<String, Object> params = new HashMap<>();
	}

	/** The SQL of a filter; every value is a parameter, every bad value a problem naming its field. */
	private Query where(Viewer viewer, TicketFilter filter, Instant now) {
		Query query = new Query();
		Checks checks = new Checks();
		query.where.add("true");
		String[] regions = viewer.regionFilter();
		if (regions != null) {
			query.where.add("t.region_code = any(:regions)");
			query.params.put("regions", regions);
		}
		if (filter.region() != null && !filter.region().isBlank()) {
			query.where.add("t.region_code = :region");
			query.params.put("region", filter.region().strip());
		}
		if (filter.status() != null && !filter.status().isBlank()) {
			String status = filter.status().strip();
			if (status.equalsIgnoreCase("active")) {
				query.where.add("t.status in ('NEW', 'OPEN', 'WAITING_ON_CREATOR')");
			}
			else {
				TicketStatus parsed = TicketStatus.parse(status);
				checks.require(parsed != null, "status", "is not a status; use active or one of " + List.of(TicketStatus.values()));
				query.where.add("t.status = :status");
				query.params.put("status", parsed == null ? "" : parsed.name());
			}
		}
		if (filter.priority() != null && !filter.priority().isBlank()) {
			Priority priority = Tickets.parsePriority(filter.priority(), "priority", checks, true);
			query.where.add("t.priority = :priority");
			query.params.put("priority", priority == null ? "" : priority.name());
		}
		if (filter.assignee() != null && !filter.assignee().isBlank()) {
			String assignee = filter.assignee().strip().toLowerCase(Locale.ROOT);
			if (assignee.equals("me")) {
				query.where.add("t.assignee_id = :assignee");
				query.params.put("assignee", viewer.userId());
			}
			else if (assignee.equals("none")) {
				query.where.add("t.assignee_id is null");
			}
			else {
				try {
					query.params.put("assignee", Long.parseLong(assignee));
					query.where.add("t.assignee_id = :assignee");
				}
				catch (NumberFormatException ex) {
					checks.require(false, "assignee", "must be me, none or a user id");
				}
			}
		}
		if (filter.breached() != null) {
			query.where.add((filter.breached() ? "" : "not ") + "(t.sla_breached or coalesce(t.sla_due_at <= :now, false))");
			query.params.put("now", Timestamp.from(now));
		}
		if (filter.breachingWithin() != null && !filter.breachingWithin().isBlank()) {
			try {
				Duration within = Duration.parse(filter.breachingWithin().strip());
				checks.require(!within.isNegative() && !within.isZero() && within.toDays() <= 366, "breaching-within",
						"must be a positive ISO 8601 duration up to a year, such as PT1H");
				query.where.add("not t.sla_breached and t.sla_due_at > :now and t.sla_due_at <= :until");
				query.params.put("now", Timestamp.from(now));
				query.params.put("until", Timestamp.from(now.plus(within.isNegative() || within.toDays() > 366 ? Duration.ZERO : within)));
			}
			catch (DateTimeParseException ex) {
				checks.require(false, "breaching-within", "must be an ISO 8601 duration such as PT1H");
			}
		}
		if (filter.creator() != null && !filter.creator().isBlank()) {
			query.where.add("t.creator_id = :creator");
			query.params.put("creator", filter.creator().strip());
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			checks.optionalText(filter.text(), "text", 200);
			String like = "%" + filter.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			query.where.add("(t.subject ilike :text or t.description ilike :text or t.external_id = :exact or cast(t.id as text) = :exact)");
			query.params.put("text", like);
			query.params.put("exact", filter.text().strip());
		}
		checks.throwIfAny();
		return query;
	}

	/**
	 * Filters of a ticket list; null or blank means any. {@code status} is a status or {@code active} (new,
	 * open or waiting); {@code assignee} is me, none or a user id; {@code breached} true lists tickets that
	 * missed a target; {@code breachingWithin} (ISO 8601, e.g. PT1H) those whose running clock runs out within it.
	 */
	public record TicketFilter(String region, String status, String priority, String assignee, Boolean breached, String breachingWithin,
			String creator, String text) {

		/** A console queue: mine, region, p1, breaching, breached or unassigned (all of them open tickets). */
		public static TicketFilter queue(String queue, String region) {
			String r = region == null || region.isBlank() ? null : region;
			return switch (queue == null ? "" : queue) {
				case "mine" -> new TicketFilter(r, "active", null, "me", null, null, null, null);
				case "p1" -> new TicketFilter(r, "active", "P1", null, null, null, null, null);
				case "breaching" -> new TicketFilter(r, "active", null, null, null, "PT1H", null, null);
				case "breached" -> new TicketFilter(r, "active", null, null, true, null, null, null);
				case "unassigned" -> new TicketFilter(r, "active", null, "none", null, null, null, null);
				default -> new TicketFilter(r, "active", null, null, null, null, null, null);
			};
		}
	}
}
