package com.greenroom.schedule;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Secret iCalendar feed URLs per region, user or creator. Like API tokens, a feed's secret is 256 random bits shown
 * once and stored as its SHA-256; rotating replaces it, revoking ends it, and either way the old URL answers 404. A
 * feed shows what its creator could see when making it, and never more than they can see now: the calendar's events
 * and the dated work other modules add ({@link FeedSource}: routine task and ticket SLA due times).
 */
@Service
public class CalendarFeeds {

	/** Events that ended longer ago than this are left out of feeds. */
	static final Duration FEED_HISTORY = Duration.ofDays(90);

	private final JdbcClient jdbc;

	private final CalendarEvents events;

	private final Regions regions;

	private final Users users;

	private final Creators creators;

	private final FeedWriter writer;

	private final AuditLog audit;

	private final Clock clock;

	private final List<FeedSource> sources;

	CalendarFeeds(JdbcClient jdbc, CalendarEvents events, Regions regions, Users users, Creators creators, FeedWriter writer, AuditLog audit,
			Clock clock, List<FeedSource> sources) {
		this.sources = sources;
		this.jdbc = jdbc;
		this.events = events;
		this.regions = regions;
		this.users = users;
		this.creators = creators;
		this.writer = writer;
		this.audit = audit;
		this.clock = clock;
	}

	/** A feed as listed: never its secret. */
	public record Feed(long id, String scope, String scopeId, String name, String prefix, Instant createdAt, Instant rotatedAt,
			Instant revokedAt, Instant lastReadAt) {
	}

	/** A feed just made or rotated, with its URL: the only time the secret is shown. */
	public record IssuedFeed(Feed feed, String url) {
	}

	public enum Scope {
		REGION, USER, CREATOR
	}

	/** Makes a feed of {@code scope} (region, user or creator) {@code id}; {@code baseUrl} prefixes the answered URL. */
	@Transactional
	public IssuedFeed create(Viewer viewer, String scope, String id, String baseUrl) {
		Checks checks = new Checks();
		Scope parsed = scope == null ? null
				: Arrays.stream(Scope.values()).filter(s -> s.name().equalsIgnoreCase(scope.strip())).findFirst().orElse(null);
		checks.require(parsed != null, "scope", "must be region, user or creator");
		String scopeId = Checks.blankToNull(id);
		checks.require(scopeId != null, "id", "is required: the region code, user id or creator id the feed shows");
		checks.throwIfAny();
		String name = switch (parsed) {
			case REGION -> {
				Optional<Region> region = regions.find(scopeId);
				if (region.isEmpty() || !viewer.canSee(scopeId)) {
					throw new InvalidInputException("id", "is not one of your regions: " + scopeId);
				}
				yield "Greenroom · " + region.get().name();
			}
			case USER -> {
				long userId = parseUserId(scopeId);
				if (userId != viewer.userId() && !viewer.isAdmin()) {
					throw new InvalidInputException("id", "a user feed is your own (user " + viewer.userId() + "); only admins make others'");
				}
				UserSummary user = users.find(userId).orElseThrow(() -> new InvalidInputException("id", "is not a known user: " + userId));
				scopeId = String.valueOf(user.id());
				yield "Greenroom · " + user.displayName();
			}
			case CREATOR -> {
				if (!Checks.isSafeId(scopeId)) {
					throw new InvalidInputException("id", "is not a known creator: " + scopeId);
				}
				Creator creator = creators.visible(viewer, List.of(scopeId)).get(scopeId);
				if (creator == null) {
					throw new InvalidInputException("id", "is not a known creator: " + scopeId);
				}
				yield "Greenroom · " + creator.handle();
			}
		};
		String secret = Users.randomSecret();
		long feedId = jdbc.sql("""
				insert into schedule_feed (secret_hash, prefix, scope, scope_id, name, regions, user_id, created_at)
				values (:hash, :prefix, :scope, :scopeId, :name, :regions, :user, :now) returning id""")
			.param("hash", Users.hash(secret))
			.param("prefix", secret.substring(0, 6))
			.param("scope", parsed.name())
			.param("scopeId", scopeId)
			.param("name", name)
			.param("regions", viewer.regionFilter())
			.param("user", viewer.userId())
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		Feed feed = find(feedId).orElseThrow();
		audit.record("calendar_feed", feedId, "created", parsed == Scope.REGION ? scopeId : null, null, feed);
		return new IssuedFeed(feed, url(baseUrl, secret));
	}

	/** The viewer's own feeds, newest first. */
	public List<Feed> mine(Viewer viewer) {
		return jdbc.sql("select * from schedule_feed where user_id = :user order by created_at desc, id desc")
			.param("user", viewer.userId())
			.query(CalendarFeeds::feed)
			.list();
	}

	/** A new secret for one of the viewer's feeds; the old URL stops working at once. */
	@Transactional
	public IssuedFeed rotate(Viewer viewer, long id, String baseUrl) {
		Feed before = own(viewer, id);
		if (before.revokedAt() != null) {
			throw new InvalidInputException("id", "this feed is revoked; make a new one");
		}
		String secret = Users.randomSecret();
		jdbc.sql("update schedule_feed set secret_hash = :hash, prefix = :prefix, rotated_at = :now where id = :id")
			.param("hash", Users.hash(secret))
			.param("prefix", secret.substring(0, 6))
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
		Feed after = find(id).orElseThrow();
		audit.record("calendar_feed", id, "rotated", null, before, after);
		return new IssuedFeed(after, url(baseUrl, secret));
	}

	@Transactional
	public Feed revoke(Viewer viewer, long id) {
		Feed before = own(viewer, id);
		jdbc.sql("update schedule_feed set revoked_at = coalesce(revoked_at, :now) where id = :id")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
		Feed after = find(id).orElseThrow();
		audit.record("calendar_feed", id, "revoked", null, before, after);
		return after;
	}

	/**
	 * The iCalendar text behind a secret, or empty when the secret is unknown or revoked or its maker can no longer
	 * sign in (all answered alike). Regions are those at creation intersected with the maker's current ones.
	 */
	@Transactional
	public Optional<String> render(String secret, String baseUrl) {
		if (secret == null || secret.length() < 20 || secret.length() > 100) {
			return Optional.empty();
		}
		Optional<StoredFeed> stored = jdbc.sql("select * from schedule_feed where secret_hash = :hash and revoked_at is null")
			.param("hash", Users.hash(secret))
			.query((rs, n) -> new StoredFeed(feed(rs, n), rs.getLong("user_id"), regionsOf(rs)))
			.optional();
		if (stored.isEmpty()) {
			return Optional.empty();
		}
		Optional<UserSummary> maker = users.find(stored.get().userId()).filter(UserSummary::enabled);
		if (maker.isEmpty()) {
			return Optional.empty();
		}
		String[] allowed = intersect(stored.get().regions(), maker.get().isAdmin() ? null : maker.get().regions());
		Instant now = clock.instant();
		Feed feed = stored.get().feed();
		List<EventRow> rows = events.forFeed(allowed, feed.scope(), feed.scopeId(), now.minus(FEED_HISTORY));
		Scope scope = Scope.valueOf(feed.scope().toUpperCase(Locale.ROOT));
		List<FeedSource.FeedItem> items = sources.stream()
			.flatMap(source -> source.items(allowed, scope, feed.scopeId(), now.minus(FEED_HISTORY)).stream())
			.toList();
		jdbc.sql("update schedule_feed set last_read_at = :now where id = :id").param("now", Timestamp.from(now)).param("id", feed.id()).update();
		Viewer asMaker = users.viewerOf(maker.get());
		return Optional.of(writer.write(feed.name(), rows, items, asMaker, baseUrl));
	}

	private record StoredFeed(Feed feed, long userId, List<String> regions) {
	}

	/** Null means every region. */
	private static String[] intersect(List<String> atCreation, List<String> now) {
		if (atCreation == null && now == null) {
			return null;
		}
		if (atCreation == null) {
			return now.toArray(String[]::new);
		}
		if (now == null) {
			return atCreation.toArray(String[]::new);
		}
		Set<String> both = new HashSet<>(atCreation);
		both.retainAll(now);
		return both.toArray(String[]::new);
	}

	private Feed own(Viewer viewer, long id) {
		return find(id).filter(f -> jdbc.sql("select user_id from schedule_feed where id = :id").param("id", id).query(Long.class).single() == viewer
			.userId()).orElseThrow(() -> new NotFoundException("Calendar feed", id));
	}

	private Optional<Feed> find(long id) {
		return jdbc.sql("select * from schedule_feed where id = :id").param("id", id).query(CalendarFeeds::feed).optional();
	}

	private static long parseUserId(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("id", "must be a user id (a number) for a user feed");
		}
	}

	private static String url(String baseUrl, String secret) {
		return (baseUrl == null ? "" : baseUrl) + "/ical/" + secret + ".ics";
	}

	private static List<String> regionsOf(ResultSet rs) throws SQLException {
		Array array = rs.getArray("regions");
		return array == null ? null : List.of((String[]) array.getArray());
	}

	private static Feed feed(ResultSet rs, int n) throws SQLException {
		return new Feed(rs.getLong("id"), rs.getString("scope").toLowerCase(Locale.ROOT), rs.getString("scope_id"), rs.getString("name"),
				rs.getString("prefix"), rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("rotated_at")),
				instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_read_at")));
	}

	private static Instant instant(Timestamp value) {
		return value == null ? null : value.toInstant();
	}
}
