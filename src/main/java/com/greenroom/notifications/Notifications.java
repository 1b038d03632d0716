package com.greenroom.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sends notices to users (joining the caller's transaction) and reads their in-app inbox. */
@Service
public class Notifications {

	private final JdbcClient jdbc;

	private final Clock clock;

	Notifications(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Puts the notice in the user's inbox unless one with its dedup key is there; returns whether it is new. */
	@Transactional
	public boolean notify(Notice notice) {
		return jdbc.sql("""
				insert into notification (user_id, kind, subject, body, link, dedup_key, created_at)
				select :user, :kind, :subject, :body, :link, :dedup, :now
				where exists (select 1 from app_user where id = :user)
				on conflict (user_id, dedup_key) do nothing""")
			.param("user", notice.userId())
			.param("kind", notice.kind().name())
			.param("subject", notice.subject())
			.param("body", notice.body())
			.param("link", notice.link())
			.param("dedup", notice.dedupKey())
			.param("now", Timestamp.from(clock.instant()))
			.update() == 1;
	}

	public int unreadCount(long userId) {
		return jdbc.sql("select count(*) from notification where user_id = :user and read_at is null")
			.param("user", userId)
			.query(Integer.class)
			.single();
	}

	/** The user's newest notices first, at most {@code limit}. */
	public List<InboxEntry> inbox(long userId, int limit) {
		return jdbc.sql("""
				select id, kind, subject, body, link, created_at, read_at from notification
				where user_id = :user order by created_at desc, id desc limit :limit""")
			.param("user", userId)
			.param("limit", limit)
			.query((rs, row) -> new InboxEntry(rs.getLong("id"), NoticeKind.valueOf(rs.getString("kind")),
					rs.getString("subject"), rs.getString("body"), rs.getString("link"),
					rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant()))
			.list();
	}

	/** Marks one of the user's notices read; returns whether it was theirs and unread. */
	@Transactional
	public boolean markRead(long userId, long id) {
		return jdbc.sql("update notification set read_at = :now where id = :id and user_id = :user and read_at is null")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.param("user", userId)
			.update() == 1;
	}
}
