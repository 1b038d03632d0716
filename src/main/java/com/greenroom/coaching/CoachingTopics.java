package com.greenroom.coaching;

import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The topic list of coaching sessions, kept by admins: add, rename, retire and restore. A topic's code
 * never changes (sessions keep it); its name may.
 */
@Service
public class CoachingTopics {

	private static final String CODE = "^[a-z][a-z0-9-]{1,39}$";

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	CoachingTopics(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** Every topic, active ones first, in list order. */
	public List<CoachingTopic> all() {
		return jdbc.sql("select code, name, active, position from coaching_topic order by not active, position, code")
			.query((rs, n) -> new CoachingTopic(rs.getString("code"), rs.getString("name"), rs.getBoolean("active"), rs.getInt("position")))
			.list();
	}

	public List<CoachingTopic> active() {
		return all().stream().filter(CoachingTopic::active).toList();
	}

	public Optional<CoachingTopic> find(String code) {
		return all().stream().filter(t -> t.code().equals(code)).findFirst();
	}

	/** Adds a topic at the end of the list; the code defaults to a slug of the name. */
	@Transactional
	public CoachingTopic create(Viewer viewer, String code, String name) {
		requireAdmin(viewer);
		String slug = code == null || code.isBlank() ? slug(name) : code.strip();
		Checks checks = new Checks().text(name, "name", 80);
		checks.require(slug.matches(CODE), "code", "must be 2 to 40 lower-case letters, digits or dashes, starting with a letter");
		checks.throwIfAny();
		if (find(slug).isPresent()) {
			throw new ConflictException("code", "A coaching topic with code " + slug + " already exists");
		}
		requireUniqueName(name.strip(), null);
		java.sql.Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into coaching_topic (code, name, position, created_at, updated_at)
				values (:code, :name, (select coalesce(max(position), 0) + 1 from coaching_topic), :now, :now)""")
			.param("code", slug)
			.param("name", name.strip())
			.param("now", now)
			.update();
		CoachingTopic created = find(slug).orElseThrow();
		audit.record("coaching_topic", slug, "created", null, null, created);
		return created;
	}

	/** Renames, retires ({@code active} false) or restores a topic; null leaves a field as it is. */
	@Transactional
	public CoachingTopic update(Viewer viewer, String code, String name, Boolean active) {
		requireAdmin(viewer);
		CoachingTopic before = find(code).orElseThrow(() -> new NotFoundException("Coaching topic", code));
		Checks checks = new Checks();
		if (name != null) {
			checks.text(name, "name", 80);
		}
		checks.throwIfAny();
		String newName = name == null ? before.name() : name.strip();
		requireUniqueName(newName, code);
		jdbc.sql("update coaching_topic set name = :name, active = :active, updated_at = :now where code = :code")
			.param("name", newName)
			.param("active", active == null ? before.active() : active)
			.param("now", Timestamp.from(clock.instant()))
			.param("code", code)
			.update();
		CoachingTopic after = find(code).orElseThrow();
		audit.record("coaching_topic", code, "updated", null, before, after);
		return after;
	}

	/** Names of the given codes as they read now, for display; unknown codes show as themselves. */
	Map<String, String> names() {
		return all().stream().collect(java.util.stream.Collectors.toMap(CoachingTopic::code, CoachingTopic::name));
	}

	private void requireUniqueName(String name, String exceptCode) {
		boolean taken = all().stream().anyMatch(t -> t.name().equalsIgnoreCase(name) && !t.code().equals(exceptCode));
		if (taken) {
			throw new ConflictException("name", "A coaching topic named " + name + " already exists");
		}
	}

	private static void requireAdmin(Viewer viewer) {
		if (!viewer.isAdmin()) {
			throw new AccessDeniedException("Only admins change the coaching topics");
		}
	}

	static String slug(String name) {
		if (name == null) {
			return "";
		}
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return slug.length() > 40 ? slug.substring(0, 40).replaceAll("-+$", "") : slug;
	}
}
