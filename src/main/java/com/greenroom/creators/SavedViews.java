package com.greenroom.creators;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's saved roster views: a name and the roster's query string. A view holds no creators, only
 * the question; opening it asks again, scoped to whoever opens it (only its owner can).
 */
@Service
public class SavedViews {

	/** Query parameters a view may hold: the roster's filters, sort and columns. */
	static final Set<String> PARAMETERS = Set.of("region", "manager", "status", "text", "q", "milestone", "reached", "tier", "notLiveDays", "reach",
			"sort", "columns");

	private final JdbcClient jdbc;

	private final Roster roster;

	private final AuditLog audit;

	private final Clock clock;

	SavedViews(JdbcClient jdbc, Roster roster, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.roster = roster;
		this.audit = audit;
		this.clock = clock;
	}

	/** A saved view; {@code query} is a query string without the leading {@code ?}. */
	public record SavedView(long id, String name, String query, Instant createdAt, Instant updatedAt) {
	}

	public List<SavedView> of(Viewer viewer) {
		return jdbc.sql("select * from roster_view where user_id = :user order by lower(name), id")
			.param("user", viewer.userId())
			.query((rs, n) -> new SavedView(rs.getLong("id"), rs.getString("name"), rs.getString("query"),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()))
			.list();
	}

	public SavedView get(Viewer viewer, long id) {
		return of(viewer).stream().filter(v -> v.id() == id).findFirst().orElseThrow(() -> new NotFoundException("Saved view", id));
	}

	/** Saves a view; a name the user already has is a 409 naming {@code name}. */
	@Transactional
	public SavedView save(Viewer viewer, String name, String query) {
		String cleanName = Checks.blankToNull(name);
		String cleanQuery = query == null ? "" : query.strip();
		if (cleanQuery.startsWith("?")) {
			cleanQuery = cleanQuery.substring(1);
		}
		Checks checks = new Checks().text(cleanName, "name", 60);
		checks.require(cleanName == null || cleanName.chars().noneMatch(Character::isISOControl), "name", "must not contain control characters");
		checks.require(cleanQuery.length() <= 2000, "query", "must be at most 2000 characters");
		checks.throwIfAny();
		Map<String, String> parameters = parse(cleanQuery);
		RosterQuery filters = new RosterQuery(parameters.get("region"), parameters.get("manager"), parameters.get("status"),
				parameters.containsKey("q") ? parameters.get("q") : parameters.get("text"), parameters.get("milestone"),
				parameters.get("reached"), parameters.get("tier"), parameters.get("notLiveDays"), null, null, parameters.get("reach"));
		roster.check(viewer, filters); // refuses a bad filter, naming it
		roster.check(new RosterView(parameters.get("sort"), parameters.get("columns")));
		boolean taken = jdbc.sql("select count(*) from roster_view where user_id = :user and lower(name) = lower(:name)")
			.param("user", viewer.userId())
			.param("name", cleanName)
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw new ConflictException("name", "You already have a view named " + cleanName);
		}
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into roster_view (user_id, name, query, created_at, updated_at) values (:user, :name, :query, :now, :now) returning id""")
			.param("user", viewer.userId())
			.param("name", cleanName)
			.param("query", cleanQuery)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		SavedView saved = get(viewer, id);
		audit.record("roster_view", id, "saved", null, null, saved);
		return saved;
	}

	@Transactional
	public void delete(Viewer viewer, long id) {
		SavedView view = get(viewer, id);
		jdbc.sql("delete from roster_view where id = :id").param("id", id).update();
		audit.record("roster_view", id, "deleted", null, view, null);
	}

	/** The parameters of a query string; an unknown parameter is a 400 naming {@code query}. */
	static Map<String, String> parse(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key;
			String value;
			try {
				key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("query", "is not a valid query string");
			}
			if (!PARAMETERS.contains(key)) {
				throw new InvalidInputException("query",
						"may hold only the roster's filters, sort and columns: " + PARAMETERS.stream().sorted().toList());
			}
			if (!value.isEmpty()) {
				parameters.put(key, value);
			}
		}
		return parameters;
	}
}
