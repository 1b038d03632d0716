package com.greenroom.notifications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.system.Cursor;
import com.greenroom.system.PageOf;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends notices to users (joining the caller's transaction) and reads their in-app inbox. Every notice lands in
 * the inbox; the channels the user chose for its kind (email, webhook) are queued in the {@link Outbox} in the
 * same transaction, under keys derived from the notice's dedup key, so a repeated notice goes nowhere twice.
 */
@Service
public class Notifications {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Outbox outbox;

	private final NotificationPreferences preferences;

	private final Users users;

	private final String consoleUrl;

	Notifications(JdbcClient jdbc, Clock clock, Outbox outbox, NotificationPreferences preferences, Users users,
			@Value("${greenroom.notifications.console-url:}") String consoleUrl) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.outbox = outbox;
		this.preferences = preferences;
		this.users = users;
		this.consoleUrl = consoleUrl.isBlank() ? null : consoleUrl.strip().replaceAll("/+$", "");
	}

	/**
	 * Puts the notice in the user's inbox unless one with its dedup key is there, and queues the user's chosen
	 * channels for its kind; returns whether it is new. A disabled user gets the inbox row only.
	 */
	@Transactional
	public boolean notify(Notice notice) {
		Optional<Long> id = jdbc.sql("""
				insert into notification (user_id, kind, subject, body, link, dedup_key, created_at)
				select :user, :kind, :subject, :body, :link, :dedup, :now
				where exists (select 1 from app_user where id = :user)
				on conflict (user_id, dedup_key) do nothing
				returning id""")
			.param("user", notice.userId())
			.param("kind", notice.kind().name())
			.param("subject", notice.subject())
			.param("body", notice.body())
			.param("link", notice.link())
			.param("dedup", notice.dedupKey())
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.optional();
		if (id.isEmpty()) {
			return false;
		}
		Set<NotificationChannel> channels = preferences.channelsFor(notice.userId(), notice.kind());
		if (channels.size() > 1) {
			users.find(notice.userId()).filter(UserSummary::enabled).ifPresent(user -> deliver(notice, id.get(), user, channels));
		}
		return true;
	}

	private void deliver(Notice notice, long notificationId, UserSummary user, Set<NotificationChannel> channels) {
		String body = text(notice);
		String source = "notification:" + notificationId;
		if (channels.contains(NotificationChannel.EMAIL) && user.email() != null && !user.email().isBlank()) {
			outbox.enqueue(new OutboxMessage(OutboxChannel.EMAIL, user.email(), subject(notice), body,
					outboxKey(notice, NotificationChannel.EMAIL), source));
		}
		if (channels.contains(NotificationChannel.WEBHOOK)) {
			preferences.webhookTarget(user.id())
				.ifPresent(url -> outbox.enqueue(new OutboxMessage(OutboxChannel.WEBHOOK, url, subject(notice), body,
						outboxKey(notice, NotificationChannel.WEBHOOK), source)));
		}
	}

	private static String subject(Notice notice) {
		String subject = notice.subject().strip().replaceAll("[\\r\\n]+", " ");
		return subject.length() > Outbox.MAX_SUBJECT ? subject.substring(0, Outbox.MAX_SUBJECT - 1) + "…" : subject;
	}

	/** The notice's body and its link, absolute when {@code greenroom.notifications.console-url} is set. */
	private String text(Notice notice) {
		StringBuilder text = new StringBuilder();
		if (notice.body() != null && !notice.body().isBlank()) {
			text.append(notice.body().strip());
		}
		if (notice.link() != null && !notice.link().isBlank()) {
			if (!text.isEmpty()) {
				text.append("\n\n");
			}
			text.append(consoleUrl != null && notice.link().startsWith("/") ? consoleUrl + notice.link() : notice.link());
		}
		String body = text.toString();
		return body.length() > Outbox.MAX_BODY ? body.substring(0, Outbox.MAX_BODY - 1) + "…" : body;
	}

	/** One outbox message per notice, user and channel; long dedup keys are hashed to fit. */
	private static String outboxKey(Notice notice, NotificationChannel channel) {
		String key = "notice:" + notice.userId() + ":" + channel.name() + ":" + notice.dedupKey();
		if (key.length() <= Outbox.MAX_KEY) {
			return key;
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(notice.dedupKey().getBytes(StandardCharsets.UTF_8));
			return "notice:" + notice.userId() + ":" + channel.name() + ":sha256:" + HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	public int unreadCount(long userId) {
		return jdbc.sql("select count(*) from notification where user_id = :user and read_at is null")
			.param("user", userId)
			.query(Integer.class)
			.single();
	}

	/** The user's newest notices first, at most {@code limit}. */
	public List<InboxEntry> inbox(long userId, int limit) {
		return page(userId, false, null, limit).items();
	}

	/** One page of the user's notices, newest first; {@code unreadOnly} leaves out the read ones. */
	public PageOf<InboxEntry> page(long userId, boolean unreadOnly, String cursor, int limit) {
		Optional<Cursor> after = Cursor.parse(cursor);
		Instant afterAt = after.map(Cursor::instantKey).orElse(null);
		List<InboxEntry> rows = jdbc.sql("""
				select id, kind, subject, body, link, created_at, read_at from notification
				where user_id = :user and (:unreadOnly = false or read_at is null)
				  and (cast(:afterAt as timestamptz) is null or (created_at, id) < (cast(:afterAt as timestamptz), :afterId))
				order by created_at desc, id desc limit :limit""")
			.param("user", userId)
			.param("unreadOnly", unreadOnly)
			.param("afterAt", afterAt == null ? null : Timestamp.from(afterAt))
			.param("afterId", after.map(Cursor::id).orElse(0L))
			.param("limit", limit + 1)
			.query(Notifications::entry)
			.list();
		return PageOf.fromOverfetch(rows, limit, e -> new Cursor(e.createdAt().toString(), e.id()));
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

	/** The user's notice by id, if it is theirs. */
	public Optional<InboxEntry> find(long userId, long id) {
		return jdbc.sql("select id, kind, subject, body, link, created_at, read_at from notification where id = :id and user_id = :user")
			.param("id", id)
			.param("user", userId)
			.query(Notifications::entry)
			.optional();
	}

	/** Marks all of the user's notices read; returns how many were unread. */
	@Transactional
	public int markAllRead(long userId) {
		return jdbc.sql("update notification set read_at = :now where user_id = :user and read_at is null")
			.param("now", Timestamp.from(clock.instant()))
			.param("user", userId)
			.update();
	}

	private static InboxEntry entry(ResultSet rs, int row) throws SQLException {
		return new InboxEntry(rs.getLong("id"), NoticeKind.valueOf(rs.getString("kind")), rs.getString("subject"), rs.getString("body"),
				rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant());
	}
}
