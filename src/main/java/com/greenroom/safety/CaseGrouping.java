package com.greenroom.safety;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts one report into its case, in the caller's transaction: it joins the creator's case of the same policy
 * category whose reports lie within the grouping window of it (an open case first; a closed case takes only
 * reports filed before it was closed, since those are what it was decided on), raising its count and perhaps
 * its severity; otherwise it opens a new case. A report of the platform is kept once per event id, so
 * replaying the log changes nothing. Reports of one creator are grouped one at a time (an advisory lock), so a
 * flag and an event arriving together cannot open two cases.
 */
@Component
class CaseGrouping {

	private final JdbcClient jdbc;

	private final SafetyProperties properties;

	private final AuditLog audit;

	private final Clock clock;

	CaseGrouping(JdbcClient jdbc, SafetyProperties properties, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
	}

	/** A report to group: from an event ({@code eventId}) or a person's flag ({@code flaggedBy}). */
	record IncomingReport(String eventId, String creatorId, String reportCategory, String categoryCode, String streamId,
			String reporter, String note, Instant occurredAt, String flaggedBy) {
	}

	/** What grouping did: the case, and whether the report opened it (false also for a repeated event). */
	record Grouped(long caseId, boolean opened, boolean duplicate) {
	}

	Grouped attach(IncomingReport report) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('safety:' || :c))").param("c", report.creatorId()).query(rs -> {
		});
		if (report.eventId() != null) {
			Optional<Long> existing = jdbc.sql("select case_id from safety_report where event_id = :e")
				.param("e", report.eventId())
				.query(Long.class)
				.optional();
			if (existing.isPresent()) {
				return new Grouped(existing.get(), false, true);
			}
		}
		Severity base = jdbc.sql("select severity from safety_category where code = :c")
			.param("c", report.categoryCode())
			.query((rs, n) -> Severity.valueOf(rs.getString(1)))
			.single();
		Timestamp at = Timestamp.from(report.occurredAt());
		Timestamp now = Timestamp.from(clock.instant());
		String window = properties.groupingWindow().toSeconds() + " seconds";
		Optional<long[]> joined = jdbc.sql("""
				select id, report_count from safety_case
				where creator_id = :c and category_code = :cat
				  and opened_at - cast(:window as interval) <= :at and last_report_at + cast(:window as interval) >= :at
				  and (status in ('NEW', 'TRIAGING') or closed_at is not null and :at <= closed_at)
				order by (status in ('NEW', 'TRIAGING')) desc, last_report_at desc, id desc
				limit 1 for update""")
			.param("c", report.creatorId())
			.param("cat", report.categoryCode())
			.param("window", window)
			.param("at", at)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getInt(2) })
			.optional();
		long caseId;
		boolean opened = joined.isEmpty();
		if (joined.isPresent()) {
			caseId = joined.get()[0];
			int count = (int) joined.get()[1] + 1;
			jdbc.sql("""
					update safety_case set report_count = :count, severity = :severity, opened_at = least(opened_at, :at),
					    last_report_at = greatest(last_report_at, :at), stream_id = coalesce(stream_id, :stream), updated_at = :now
					where id = :id""")
				.param("count", count)
				.param("severity", properties.severityOf(base, count).name())
				.param("at", at)
				.param("stream", report.streamId())
				.param("now", now)
				.param("id", caseId)
				.update();
		}
		else {
			caseId = jdbc.sql("""
					insert into safety_case (creator_id, category_code, status, severity, report_count, opened_at, last_report_at, stream_id,
					                         created_at, updated_at)
					values (:c, :cat, 'NEW', :severity, 1, :at, :at, :stream, :now, :now) returning id""")
				.param("c", report.creatorId())
				.param("cat", report.categoryCode())
				.param("severity", properties.severityOf(base, 1).name())
				.param("at", at)
				.param("stream", report.streamId())
				.param("now", now)
				.query(Long.class)
				.single();
		}
		jdbc.sql("""
				insert into safety_report (case_id, event_id, creator_id, report_category, stream_id, reporter, note, occurred_at, flagged_by,
				                           created_at)
				values (:case, :event, :c, :category, :stream, :reporter, :note, :at, :flaggedBy, :now)""")
			.param("case", caseId)
			.param("event", report.eventId())
			.param("c", report.creatorId())
			.param("category", PolicyTaxonomy.normalize(report.reportCategory()))
			.param("stream", report.streamId())
			.param("reporter", report.reporter())
			.param("note", report.note())
			.param("at", at)
			.param("flaggedBy", report.flaggedBy())
			.param("now", now)
			.update();
		if (opened) {
			Map<String, Object> after = new LinkedHashMap<>();
			after.put("creatorId", report.creatorId());
			after.put("category", report.categoryCode());
			after.put("severity", properties.severityOf(base, 1).name());
			after.put("openedAt", report.occurredAt().toString());
			after.put("source", report.flaggedBy() == null ? "report " + report.eventId() : "flag");
			if (report.flaggedBy() == null) {
				audit.recordAs("platform", "safety_case", caseId, "opened", null, null, after);
			}
			else {
				audit.record("safety_case", caseId, "opened", null, null, after);
			}
		}
		return new Grouped(caseId, opened, false);
	}
}
