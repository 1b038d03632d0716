package com.greenroom.playbooks;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads playbooks, versions and change requests from their tables; the services decide who may see what. */
@Component
class PlaybookStore {

	private static final String PLAYBOOK = """
			select p.*, pub.version as published_version, pub.published_at as published_at,
			       o.version as open_version, o.status as open_status,
			       (select min(r.due_at) from playbook_review r where r.playbook_id = p.id and r.outcome is null) as review_due_since,
			       (select count(*) from playbook_change_request c where c.playbook_key = p.playbook_key and c.status = 'OPEN'
			          and (c.region_code = p.region_code or p.region_code is null and (c.region_code is null or not exists (
			               select 1 from playbook v where v.playbook_key = c.playbook_key and v.region_code = c.region_code)))) as open_requests
			from playbook p
			left join playbook_version pub on pub.playbook_id = p.id and pub.status = 'PUBLISHED'
			left join playbook_version o on o.playbook_id = p.id and o.status in ('DRAFT', 'IN_REVIEW')
			""";

	private final JdbcClient jdbc;

	private final Users users;

	private final Clock clock;

	PlaybookStore(JdbcClient jdbc, Users users, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.clock = clock;
	}

	Optional<Playbook> find(String key, String region) {
		return jdbc.sql(PLAYBOOK + " where p.playbook_key = :key and coalesce(p.region_code, '*') = coalesce(cast(:region as text), '*')")
			.param("key", key)
			.param("region", region)
			.query(this::playbook)
			.optional();
	}

	Optional<Playbook> findById(long id) {
		return jdbc.sql(PLAYBOOK + " where p.id = :id").param("id", id).query(this::playbook).optional();
	}

	/** Locks the playbook row for a change (one writer per playbook at a time). */
	Optional<Playbook> lock(String key, String region) {
		jdbc.sql("select id from playbook where playbook_key = :key and coalesce(region_code, '*') = coalesce(cast(:region as text), '*') for update")
			.param("key", key)
			.param("region", region)
			.query(Long.class)
			.optional();
		return find(key, region);
	}

	/** Every playbook in the given regions (null: all) plus the global ones, by key then scope. */
	List<Playbook> list(String[] regions) {
		return jdbc.sql(PLAYBOOK + """
				where p.region_code is null or cast(:regions as text[]) is null or p.region_code = any (cast(:regions as text[]))
				order by p.playbook_key, p.region_code nulls first""")
			.param("regions", regions)
			.query(this::playbook)
			.list();
	}

	boolean exists(String key) {
		return jdbc.sql("select count(*) from playbook where playbook_key = :key and region_code is null")
			.param("key", key)
			.query(Long.class)
			.single() > 0;
	}

	Optional<PlaybookVersion> version(long playbookId, int version) {
		return jdbc.sql(VERSION + " where v.playbook_id = :id and v.version = :version")
			.param("id", playbookId)
			.param("version", version)
			.query(this::version)
			.optional();
	}

	Optional<PlaybookVersion> versionById(long versionId) {
		return jdbc.sql(VERSION + " where v.id = :id").param("id", versionId).query(this::version).optional();
	}

	List<PlaybookVersion> versions(long playbookId) {
		return jdbc.sql(VERSION + " where v.playbook_id = :id order by v.version desc").param("id", playbookId).query(this::version).list();
	}

	/** The reader's current guidance: the region's variant's published version, else the global one's. */
	Optional<PlaybookVersion> current(String key, String region) {
		return jdbc.sql(VERSION + """
				where p.playbook_key = :key and v.status = 'PUBLISHED' and (p.region_code is null or p.region_code = :region)
				order by p.region_code nulls last limit 1""")
			.param("key", key)
			.param("region", region)
			.query(this::version)
			.optional();
	}

	Optional<ChangeRequest> changeRequest(long id) {
		return jdbc.sql(CHANGE_REQUEST + " where c.id = :id").param("id", id).query(PlaybookStore::changeRequest).optional();
	}

	/** Change requests of a key (null: every key), open ones first, newest first; scoped to regions (null: all). */
	List<ChangeRequest> changeRequests(String key, String status, String[] regions, int limit) {
		return jdbc.sql(CHANGE_REQUEST + """
				where (cast(:key as text) is null or c.playbook_key = :key) and (cast(:status as text) is null or c.status = :status)
				  and (c.region_code is null or cast(:regions as text[]) is null or c.region_code = any (cast(:regions as text[])))
				order by c.status = 'OPEN' desc, c.created_at desc, c.id desc limit :limit""")
			.param("key", key)
			.param("status", status)
			.param("regions", regions)
			.param("limit", limit)
			.query(PlaybookStore::changeRequest)
			.list();
	}

	private static final String VERSION = """
			select v.*, p.playbook_key, p.region_code,
			       array(select c.change_request_id from playbook_version_change c where c.version_id = v.id order by 1) as requests
			from playbook_version v join playbook p on p.id = v.playbook_id
			""";

	private static final String CHANGE_REQUEST = """
			select c.*, v.version as closed_version, p.region_code as closed_region
			from playbook_change_request c
			left join playbook_version v on v.id = c.closed_by_version_id
			left join playbook p on p.id = v.playbook_id
			""";

	private Playbook playbook(ResultSet rs, int row) throws SQLException {
		Long owner = rs.getObject("owner_id") == null ? null : rs.getLong("owner_id");
		String ownerName = owner == null ? null : users.find(owner).map(UserSummary::displayName).orElse(null);
		Instant published = instant(rs, "published_at");
		int updateEvery = rs.getInt("update_every_days");
		boolean updateOverdue = published != null && published.plus(Duration.ofDays(updateEvery)).isBefore(clock.instant());
		String openStatus = rs.getString("open_status");
		return new Playbook(rs.getLong("id"), rs.getString("playbook_key"), rs.getString("region_code"), rs.getString("title"), owner,
				ownerName, rs.getInt("review_every_days"), updateEvery, strings(rs, "tags"), (Integer) rs.getObject("published_version"),
				published, (Integer) rs.getObject("open_version"), openStatus == null ? null : VersionStatus.valueOf(openStatus),
				instant(rs, "next_review_at"), instant(rs, "last_reviewed_at"), instant(rs, "review_due_since"), updateOverdue,
				rs.getLong("open_requests"));
	}

	private PlaybookVersion version(ResultSet rs, int row) throws SQLException {
		String body = rs.getString("body");
		GuidanceMarkdown.Rendered rendered = GuidanceMarkdown.render(body);
		Array requests = rs.getArray("requests");
		List<Long> ids = requests == null ? List.of() : List.of((Long[]) requests.getArray());
		return new PlaybookVersion(rs.getLong("id"), rs.getString("playbook_key"), rs.getString("region_code"), rs.getInt("version"),
				rs.getString("title"), body, rendered.html(), rendered.toc(), rs.getString("change_summary"),
				VersionStatus.valueOf(rs.getString("status")), rs.getString("author"), instant(rs, "created_at"), instant(rs, "submitted_at"),
				rs.getString("approved_by"), instant(rs, "approved_at"), rs.getString("published_by"), instant(rs, "published_at"),
				instant(rs, "retired_at"), ids);
	}

	private static ChangeRequest changeRequest(ResultSet rs, int row) throws SQLException {
		return new ChangeRequest(rs.getLong("id"), rs.getString("playbook_key"), rs.getString("region_code"), rs.getString("summary"),
				rs.getString("source"), rs.getString("source_ref"), rs.getString("status"),
				rs.getObject("task_id") == null ? null : rs.getLong("task_id"), rs.getString("created_by"), instant(rs, "created_at"),
				instant(rs, "closed_at"), (Integer) rs.getObject("closed_version"), rs.getString("closed_region"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}
}
