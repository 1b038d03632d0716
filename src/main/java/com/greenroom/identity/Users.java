package com.greenroom.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users, their roles and regions, and their API tokens. */
@Service
public class Users {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final PasswordEncoder passwords;

	private final Regions regions;

	private final Clock clock;

	Users(JdbcClient jdbc, AuditLog audit, PasswordEncoder passwords, Regions regions, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.passwords = passwords;
		this.regions = regions;
		this.clock = clock;
	}

	public List<UserSummary> all() {
		return jdbc.sql(SELECT + " order by u.username").query(this::summary).list();
	}

	public Optional<UserSummary> find(long id) {
		return jdbc.sql(SELECT + " where u.id = :id").param("id", id).query(this::summary).optional();
	}

	public Optional<UserSummary> findByUsername(String username) {
		return jdbc.sql(SELECT + " where u.username = :username").param("username", username).query(this::summary).optional();
	}

	public long count() {
		return jdbc.sql("select count(*) from app_user").query(Long.class).single();
	}

	/** Enabled users who can own creators in a region: creator managers and regional leads there. */
	public List<UserSummary> managersIn(String regionCode) {
		return managers(new String[] { regionCode });
	}

	/** Managers visible to a viewer: those sharing at least one of the viewer's regions. */
	public List<UserSummary> managersVisibleTo(Viewer viewer) {
		return managers(viewer.regionFilter());
	}

	/** Enabled managers and leads with at least one of the regions (every region when null), found in SQL. */
	private List<UserSummary> managers(String[] regionFilter) {
		return jdbc.sql(SELECT + """
				 where u.enabled and u.roles && array['CREATOR_MANAGER', 'REGIONAL_LEAD']
				   and (cast(:regions as text[]) is null
				        or exists (select 1 from user_region r where r.user_id = u.id and r.region_code = any(cast(:regions as text[]))))
				order by u.username""")
			.param("regions", regionFilter)
			.query(this::summary)
			.list();
	}

	public Viewer viewerOf(UserSummary user) {
		return new Viewer(user.id(), user.username(), user.displayName(), java.util.Set.copyOf(user.roles()),
				java.util.Set.copyOf(user.regions()));
	}

	@Transactional
	public UserSummary create(UserDraft draft) {
		Checks checks = new Checks();
		checks.require(draft.username() != null && draft.username().matches("^[a-z0-9][a-z0-9._-]{1,63}$"), "username",
				"must be 2 to 64 lower-case letters, digits, dots, dashes or underscores");
		checks.text(draft.displayName(), "displayName", 100).email(draft.email(), "email");
		checks.password(draft.password(), "password");
		if (draft.timeZone() != null && !draft.timeZone().isBlank()) {
			checks.timeZone(draft.timeZone(), "timeZone");
		}
		List<Role> roles = parseRoles(draft.roles(), checks);
		List<String> regionCodes = checkRegions(draft.regions(), checks);
		checks.throwIfAny();
		if (findByUsername(draft.username()).isPresent()) {
			throw new ConflictException("username", "User " + draft.username() + " already exists");
		}
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into app_user (username, display_name, email, password_hash, roles, time_zone, created_at, updated_at)
				values (:username, :name, :email, :hash, :roles, :zone, :now, :now) returning id""")
			.param("zone", Checks.blankToNull(draft.timeZone()))
			.param("username", draft.username())
			.param("name", draft.displayName().strip())
			.param("email", Checks.blankToNull(draft.email()))
			.param("hash", draft.password() == null ? null : passwords.encode(draft.password()))
			.param("roles", roles.stream().map(Role::name).toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		assignRegions(id, regionCodes);
		UserSummary created = find(id).orElseThrow();
		audit.record("user", id, "created", null, null, created);
		return created;
	}

	@Transactional
	public UserSummary update(long id, UserChanges changes) {
		UserSummary before = find(id).orElseThrow(() -> new NotFoundException("User", id));
		Checks checks = new Checks();
		checks.optionalText(changes.displayName(), "displayName", 100).email(changes.email(), "email");
		if (changes.displayName() != null) {
			checks.require(!changes.displayName().isBlank(), "displayName", "must not be blank");
		}
		checks.password(changes.password(), "password");
		if (changes.timeZone() != null && !changes.timeZone().isBlank()) {
			checks.timeZone(changes.timeZone(), "timeZone");
		}
		List<Role> roles = changes.roles() == null ? before.roles() : parseRoles(changes.roles(), checks);
		List<String> regionCodes = changes.regions() == null ? before.regions() : checkRegions(changes.regions(), checks);
		checks.throwIfAny();
		boolean staysAdmin = roles.contains(Role.ADMIN) && (changes.enabled() == null ? before.enabled() : changes.enabled());
		if (before.isAdmin() && before.enabled() && !staysAdmin && enabledAdmins() <= 1) {
			throw new ConflictException(roles.contains(Role.ADMIN) ? "enabled" : "roles",
					"This is the last enabled admin; make another user an admin first");
		}
		jdbc.sql("""
				update app_user set display_name = :name, email = :email, roles = :roles, enabled = :enabled, updated_at = :now,
				password_hash = coalesce(:hash, password_hash), time_zone = :zone,
				session_epoch = session_epoch + case when :endSessions then 1 else 0 end where id = :id""")
			.param("endSessions", changes.password() != null || Boolean.FALSE.equals(changes.enabled()) && before.enabled())
			.param("zone", changes.timeZone() == null ? before.timeZone() : Checks.blankToNull(changes.timeZone()))
			.param("name", changes.displayName() == null ? before.displayName() : changes.displayName().strip())
			.param("email", changes.email() == null ? before.email() : Checks.blankToNull(changes.email()))
			.param("roles", roles.stream().map(Role::name).toArray(String[]::new))
			.param("enabled", changes.enabled() == null ? before.enabled() : changes.enabled())
			.param("now", Timestamp.from(clock.instant()))
			.param("hash", changes.password() == null ? null : passwords.encode(changes.password()))
			.param("id", id)
			.update();
		if (changes.regions() != null) {
			jdbc.sql("delete from user_region where user_id = :id").param("id", id).update();
			assignRegions(id, regionCodes);
		}
		UserSummary after = find(id).orElseThrow();
		audit.record("user", id, changes.password() == null ? "updated" : "updated (password changed)", null, before, after);
		return after;
	}

	private long enabledAdmins() {
		return jdbc.sql("select count(*) from app_user where enabled and 'ADMIN' = any(roles)").query(Long.class).single();
	}

	public List<ApiToken> tokensOf(long userId) {
		return jdbc.sql("select * from api_token where user_id = :id order by created_at desc, id desc")
			.param("id", userId)
			.query(Users::token)
			.list();
	}

	/** Issues a token with a fresh random secret; with {@code secret} given (bootstrap), that exact value. */
	@Transactional
	public ApiToken.Issued issueToken(long userId, String name, String kind, String secret) {
		UserSummary user = find(userId).orElseThrow(() -> new NotFoundException("User", userId));
		Checks checks = new Checks().text(name, "name", 100);
		ApiToken.Kind tokenKind = kind == null ? ApiToken.Kind.PERSONAL
				: Arrays.stream(ApiToken.Kind.values()).filter(k -> k.name().equalsIgnoreCase(kind)).findFirst().orElse(null);
		checks.require(tokenKind != null, "kind", "must be PERSONAL or INTEGRATION");
		checks.require(secret == null || secret.length() >= 16, "token", "must be at least 16 characters");
		checks.throwIfAny();
		String value = secret != null ? secret : "gr_" + randomSecret();
		long id = jdbc.sql("""
				insert into api_token (user_id, name, kind, token_hash, prefix, created_at)
				values (:user, :name, :kind, :hash, :prefix, :now) returning id""")
			.param("user", user.id())
			.param("name", name.strip())
			.param("kind", tokenKind.name())
			.param("hash", hash(value))
			.param("prefix", value.substring(0, Math.min(8, value.length())))
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		ApiToken token = findToken(id).orElseThrow();
		audit.record("api_token", id, "issued", null, null, token);
		return new ApiToken.Issued(token, value);
	}

	@Transactional
	public ApiToken revokeToken(long userId, long tokenId) {
		ApiToken before = findToken(tokenId).filter(t -> t.userId() == userId)
			.orElseThrow(() -> new NotFoundException("Token", tokenId));
		jdbc.sql("update api_token set revoked_at = coalesce(revoked_at, :now) where id = :id")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", tokenId)
			.update();
		ApiToken after = findToken(tokenId).orElseThrow();
		audit.record("api_token", tokenId, "revoked", null, before, after);
		return after;
	}

	public Optional<ApiToken> findToken(long id) {
		return jdbc.sql("select * from api_token where id = :id").param("id", id).query(Users::token).optional();
	}

	/** SHA-256 of a token: secrets have 256 bits of entropy, so a fast hash is enough and allows lookup. */
	public static byte[] hash(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String randomSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private List<Role> parseRoles(List<String> names, Checks checks) {
		List<Role> roles = new ArrayList<>();
		if (names == null || names.isEmpty()) {
			checks.require(false, "roles", "at least one role is required");
			return roles;
		}
		for (int i = 0; i < names.size(); i++) {
			Optional<Role> role = Role.parse(names.get(i));
			checks.require(role.isPresent(), "roles[" + i + "]", "is not a role; use one of " + Arrays.toString(Role.values()));
			role.filter(r -> !roles.contains(r)).ifPresent(roles::add);
		}
		return roles;
	}

	private List<String> checkRegions(List<String> codes, Checks checks) {
		if (codes == null) {
			return List.of();
		}
		for (int i = 0; i < codes.size(); i++) {
			checks.require(regions.exists(codes.get(i)), "regions[" + i + "]", "is not a known region: " + codes.get(i));
		}
		return codes.stream().distinct().toList();
	}

	private void assignRegions(long userId, List<String> codes) {
		for (String code : codes) {
			jdbc.sql("insert into user_region (user_id, region_code) values (:id, :code)").param("id", userId).param("code", code).update();
		}
	}

	private static final String SELECT = """
			select u.id, u.username, u.display_name, u.email, u.roles, u.enabled, u.created_at, u.time_zone,
			       coalesce((select array_agg(r.region_code order by r.region_code) from user_region r where r.user_id = u.id), '{}') as regions
			from app_user u""";

	private UserSummary summary(ResultSet rs, int row) throws SQLException {
		List<Role> roles = new ArrayList<>();
		for (String name : (String[]) rs.getArray("roles").getArray()) {
			Role.parse(name).ifPresent(roles::add);
		}
		return new UserSummary(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), rs.getString("email"),
				List.copyOf(roles), List.of((String[]) rs.getArray("regions").getArray()), rs.getBoolean("enabled"),
				rs.getTimestamp("created_at").toInstant(), rs.getString("time_zone"));
	}

	private static ApiToken token(ResultSet rs, int row) throws SQLException {
		Timestamp used = rs.getTimestamp("last_used_at");
		Timestamp revoked = rs.getTimestamp("revoked_at");
		return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), ApiToken.Kind.valueOf(rs.getString("kind")),
				rs.getString("prefix"), rs.getTimestamp("created_at").toInstant(), used == null ? null : used.toInstant(),
				revoked == null ? null : revoked.toInstant());
	}

	/**
	 * A new user as submitted; roles and regions by name so bad names can be reported per item.
	 * {@code timeZone} is optional (IANA; default: their first region's zone).
	 */
	public record UserDraft(String username, String displayName, String email, String password, List<String> roles,
			List<String> regions, String timeZone) {

		public UserDraft(String username, String displayName, String email, String password, List<String> roles, List<String> regions) {
			this(username, displayName, email, password, roles, regions, null);
		}
	}

	/** A partial change: null leaves a field as it is ({@code timeZone} "" clears it). */
	public record UserChanges(String displayName, String email, String password, List<String> roles, List<String> regions,
			Boolean enabled, String timeZone) {

		public UserChanges(String displayName, String email, String password, List<String> roles, List<String> regions,
				Boolean enabled) {
			this(displayName, email, password, roles, regions, enabled, null);
		}
	}

	/** The zone a person's day is counted in: their own, else their first region's (by code), else UTC. */
	public ZoneId timeZoneOf(Viewer viewer) {
		return find(viewer.userId()).map(UserSummary::timeZone)
			.filter(Checks::isTimeZone)
			.map(ZoneId::of)
			.or(() -> viewer.regions().stream().sorted().findFirst().flatMap(regions::find).map(Region::zone))
			.orElse(ZoneId.of("UTC"));
	}

}
