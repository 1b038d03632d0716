package com.greenroom.safety;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policy taxonomy: categories seeded from common community-standard areas, editable by admins and trust &
 * safety (audited), and the mapping of the platform's {@code report.filed} category codes onto them. A report
 * category nobody mapped yet counts toward {@value #UNMAPPED}, and the taxonomy lists it so someone maps it.
 */
@Service
public class PolicyTaxonomy {

	/** Where reports with an unmapped platform category go. */
	public static final String UNMAPPED = "other";

	private static final String CODE_RULE = "must be 2 to 40 lower-case letters, digits or dashes, starting with a letter";

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final SafetyProperties properties;

	private final Clock clock;

	PolicyTaxonomy(JdbcClient jdbc, AuditLog audit, SafetyProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/** Every category in the taxonomy's order, each with its mapped report categories. */
	public List<PolicyCategory> all() {
		Map<String, List<String>> mapped = new LinkedHashMap<>();
		jdbc.sql("select report_category, category_code from safety_report_category order by report_category")
			.query(rs -> {
				mapped.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(1));
			});
		return jdbc.sql("select code, name, description, severity, guidance from safety_category order by position, code")
			.query((rs, n) -> new PolicyCategory(rs.getString(1), rs.getString(2), rs.getString(3), Severity.valueOf(rs.getString(4)),
					rs.getString(5), List.copyOf(mapped.getOrDefault(rs.getString(1), List.of()))))
			.list();
	}

	public Optional<PolicyCategory> find(String code) {
		return code == null ? Optional.empty() : all().stream().filter(c -> c.code().equals(code)).findFirst();
	}

	/** The category, or a 400 naming {@code field}. */
	public PolicyCategory require(String code, String field) {
		if (code == null || code.isBlank()) {
			throw new InvalidInputException(field, "is required; use one of " + codes());
		}
		return find(code.strip()).orElseThrow(
				() -> new InvalidInputException(field, "is not a policy category: " + code.strip() + "; use one of " + codes()));
	}

	public List<String> codes() {
		return jdbc.sql("select code from safety_category order by position, code").query(String.class).list();
	}

	/** The policy category a platform report category counts toward ({@value #UNMAPPED} when none is mapped). */
	public String categoryOfReport(String reportCategory) {
		return jdbc.sql("select category_code from safety_report_category where report_category = :r")
			.param("r", normalize(reportCategory))
			.query(String.class)
			.optional()
			.orElse(UNMAPPED);
	}

	/** Platform report categories seen in reports but mapped to nothing, with how many reports each has. */
	public Map<String, Long> unmappedReportCategories() {
		Map<String, Long> unmapped = new LinkedHashMap<>();
		jdbc.sql("""
				select r.report_category, count(*) from safety_report r
				where r.report_category is not null
				  and not exists (select 1 from safety_report_category m where m.report_category = r.report_category)
				group by r.report_category order by count(*) desc, r.report_category""")
			.query(rs -> {
				unmapped.put(rs.getString(1), rs.getLong(2));
			});
		return unmapped;
	}

	public boolean mayEdit(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.SAFETY);
	}

	@Transactional
	public PolicyCategory create(Viewer viewer, CategoryChanges draft) {
		requireEditor(viewer);
		Checks checks = new Checks();
		String code = draft.code() == null ? null : draft.code().strip();
		checks.require(code != null && code.matches("^[a-z][a-z0-9-]{1,39}$"), "code", CODE_RULE);
		checks.text(draft.name(), "name", 100);
		checks.text(draft.description(), "description", 2000);
		checks.text(draft.guidance(), "guidance", 4000);
		Severity severity = parseSeverity(draft.severity(), checks, true);
		checks.throwIfAny();
		if (find(code).isPresent()) {
			throw new ConflictException("code", "A policy category " + code + " already exists");
		}
		int position = jdbc.sql("select coalesce(max(position), 0) + 1 from safety_category").query(Integer.class).single();
		jdbc.sql("""
				insert into safety_category (code, name, description, severity, guidance, position, updated_at)
				values (:code, :name, :description, :severity, :guidance, :position, :now)""")
			.param("code", code)
			.param("name", draft.name().strip())
			.param("description", draft.description().strip())
			.param("severity", severity.name())
			.param("guidance", draft.guidance().strip())
			.param("position", position)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		PolicyCategory created = find(code).orElseThrow();
		audit.record("safety_category", code, "created", null, null, created);
		return created;
	}

	/** Changes the given fields (null ones stay); a new severity applies to the category's open cases at once. */
	@Transactional
	public PolicyCategory update(Viewer viewer, String code, CategoryChanges changes) {
		requireEditor(viewer);
		PolicyCategory before = find(code).orElseThrow(() -> new NotFoundException("Policy category", code));
		Checks checks = new Checks();
		if (changes.name() != null) {
			checks.text(changes.name(), "name", 100);
		}
		if (changes.description() != null) {
			checks.text(changes.description(), "description", 2000);
		}
		if (changes.guidance() != null) {
			checks.text(changes.guidance(), "guidance", 4000);
		}
		Severity severity = parseSeverity(changes.severity(), checks, false);
		checks.require(changes.code() == null || changes.code().strip().equals(code), "code", "cannot be changed");
		checks.throwIfAny();
		jdbc.sql("""
				update safety_category set name = coalesce(:name, name), description = coalesce(:description, description),
				    severity = coalesce(:severity, severity), guidance = coalesce(:guidance, guidance), updated_at = :now
				where code = :code""")
			.param("name", Checks.blankToNull(changes.name()))
			.param("description", Checks.blankToNull(changes.description()))
			.param("severity", severity == null ? null : severity.name())
			.param("guidance", Checks.blankToNull(changes.guidance()))
			.param("now", Timestamp.from(clock.instant()))
			.param("code", code)
			.update();
		if (severity != null && severity != before.severity()) {
			jdbc.sql("select id, report_count from safety_case where category_code = :code and status in ('NEW', 'TRIAGING')")
				.param("code", code)
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getInt(2) })
				.list()
				.forEach(row -> jdbc.sql("update safety_case set severity = :s where id = :id")
					.param("s", properties.severityOf(severity, (int) row[1]).name())
					.param("id", row[0])
					.update());
		}
		PolicyCategory after = find(code).orElseThrow();
		audit.record("safety_category", code, "updated", null, before, after);
		return after;
	}

	/**
	 * Maps a platform report category onto a policy category (or removes the mapping when {@code categoryCode}
	 * is null). Applies to reports ingested from now on: existing cases keep their category.
	 */
	@Transactional
	public PolicyCategory map(Viewer viewer, String reportCategory, String categoryCode) {
		requireEditor(viewer);
		String report = normalize(reportCategory);
		Checks checks = new Checks();
		checks.require(report != null && report.length() <= 100, "reportCategory", "is required, at most 100 characters");
		checks.throwIfAny();
		String before = jdbc.sql("select category_code from safety_report_category where report_category = :r")
			.param("r", report)
			.query(String.class)
			.optional()
			.orElse(null);
		if (categoryCode == null) {
			jdbc.sql("delete from safety_report_category where report_category = :r").param("r", report).update();
			audit.record("safety_report_category", report, "unmapped", null, Map.of("category", String.valueOf(before)), null);
			return find(UNMAPPED).orElseThrow();
		}
		PolicyCategory category = require(categoryCode, "category");
		jdbc.sql("""
				insert into safety_report_category (report_category, category_code, updated_at) values (:r, :c, :now)
				on conflict (report_category) do update set category_code = excluded.category_code, updated_at = excluded.updated_at""")
			.param("r", report)
			.param("c", category.code())
			.param("now", Timestamp.from(clock.instant()))
			.update();
		audit.record("safety_report_category", report, "mapped", null, before == null ? null : Map.of("category", before),
				Map.of("category", category.code()));
		return find(category.code()).orElseThrow();
	}

	private void requireEditor(Viewer viewer) {
		if (!mayEdit(viewer)) {
			throw new AccessDeniedException("Only admins and trust & safety edit the policy taxonomy");
		}
	}

	static Severity parseSeverity(String value, Checks checks, boolean required) {
		if (value == null || value.isBlank()) {
			checks.require(!required, "severity", "is required: LOW, MEDIUM, HIGH or CRITICAL");
			return null;
		}
		try {
			return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			checks.require(false, "severity", "must be LOW, MEDIUM, HIGH or CRITICAL");
			return null;
		}
	}

	static String normalize(String reportCategory) {
		return reportCategory == null || reportCategory.isBlank() ? null : reportCategory.strip().toLowerCase(Locale.ROOT);
	}

	/** A new category, or the fields of one to change (null = unchanged). */
	public record CategoryChanges(String code, String name, String description, String severity, String guidance) {
	}
}
