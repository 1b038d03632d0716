package com.greenroom.playbooks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feature releases: recording one raises a change request (source RELEASE, ref {@code release-<id>}) on every
 * global playbook it affects, so the guidance follows the product.
 */
@Service
class Releases {

	private final JdbcClient jdbc;

	private final PlaybookStore store;

	private final ChangeRequests changeRequests;

	private final AuditLog audit;

	private final Clock clock;

	Releases(JdbcClient jdbc, PlaybookStore store, ChangeRequests changeRequests, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.changeRequests = changeRequests;
		this.audit = audit;
		this.clock = clock;
	}

	List<Release> list() {
		return jdbc.sql("select id from playbook_release order by release_date desc, id desc limit 200").query(Long.class).list().stream()
			.map(this::load)
			.toList();
	}

	Release get(long id) {
		if (jdbc.sql("select count(*) from playbook_release where id = :id").param("id", id).query(Long.class).single() == 0) {
			throw new NotFoundException("Release", id);
		}
		return load(id);
	}

	@Transactional
	Release record(Viewer viewer, NewRelease release) {
		if (!viewer.isAdmin() && !viewer.has(Role.REGIONAL_LEAD)) {
			throw new AccessDeniedException("Only admins and regional leads record releases");
		}
		Checks checks = new Checks();
		checks.text(release.name(), "name", 200);
		LocalDate date = null;
		if (release.date() == null || release.date().isBlank()) {
			checks.require(false, "date", "is required (YYYY-MM-DD)");
		}
		else {
			try {
				date = LocalDate.parse(release.date().strip());
				checks.require(date.getYear() >= 2000 && date.getYear() <= 9999, "date", "must be between the years 2000 and 9999");
			}
			catch (DateTimeParseException ex) {
				checks.require(false, "date", "must be a date such as 2026-12-01");
			}
		}
		checks.optionalText(release.notes(), "notes", 10_000);
		List<String> keys = release.playbooks() == null ? List.of() : release.playbooks().stream().distinct().toList();
		checks.require(!keys.isEmpty(), "playbooks", "name at least one affected playbook key");
		for (int i = 0; i < keys.size(); i++) {
			String key = keys.get(i);
			checks.require(key != null && store.exists(key), "playbooks[" + i + "]", "is not a known playbook: " + key);
		}
		checks.throwIfAny();
		long id = jdbc.sql("""
				insert into playbook_release (name, release_date, notes, created_by, created_at)
				values (:name, :date, :notes, :by, :now) returning id""")
			.param("name", release.name().strip())
			.param("date", date)
			.param("notes", release.notes() == null ? "" : release.notes())
			.param("by", viewer.username())
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		for (String key : keys) {
			jdbc.sql("insert into playbook_release_playbook (release_id, playbook_key) values (:id, :key)").param("id", id).param("key", key)
				.update();
			String summary = "Release " + release.name().strip() + " (" + date + ")"
					+ (release.notes() == null || release.notes().isBlank() ? "" : ": " + release.notes().strip());
			changeRequests.raise(new ChangeRequestDraft(key, null, summary.length() > 2000 ? summary.substring(0, 1999) + "…" : summary, "RELEASE",
					"release-" + id), viewer.username());
		}
		Release recorded = load(id);
		audit.record("playbook_release", id, "recorded", null, null, recorded);
		return recorded;
	}

	private Release load(long id) {
		List<Release.Affected> affected = new ArrayList<>(jdbc.sql("""
				select rp.playbook_key, c.id as request, c.status from playbook_release_playbook rp
				left join playbook_change_request c on c.playbook_key = rp.playbook_key and c.source = 'RELEASE'
				     and c.source_ref = 'release-' || rp.release_id and c.region_code is null
				where rp.release_id = :id order by rp.playbook_key""")
			.param("id", id)
			.query((rs, n) -> new Release.Affected(rs.getString("playbook_key"), rs.getObject("request") == null ? null : rs.getLong("request"),
					rs.getString("status")))
			.list());
		return jdbc.sql("select * from playbook_release where id = :id")
			.param("id", id)
			.query((rs, n) -> new Release(rs.getLong("id"), rs.getString("name"), rs.getObject("release_date", LocalDate.class),
					rs.getString("notes"),
					affected, rs.getString("created_by"), rs.getTimestamp("created_at").toInstant()))
			.single();
	}

	/** A release to record: {@code date} as YYYY-MM-DD, {@code playbooks} the affected keys. */
	record NewRelease(String name, String date, String notes, List<String> playbooks) {
	}
}
