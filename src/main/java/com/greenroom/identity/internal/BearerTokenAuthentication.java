package com.greenroom.identity.internal;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.greenroom.identity.ApiToken;
import com.greenroom.identity.Role;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls by bearer token: looks the token up by its hash, refuses revoked tokens and
 * disabled users, and notes when it was last used (at most once a minute, to keep reads cheap). Unknown
 * tokens count as failed sign-ins of the client address ({@link SignInThrottle}); a throttled address
 * gets 429 until its bucket refills.
 */
class BearerTokenAuthentication extends OncePerRequestFilter {

	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SignInThrottle throttle;

	BearerTokenAuthentication(JdbcClient jdbc, Clock clock, SignInThrottle throttle) {
		this.throttle = throttle;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		String secret = header.substring(7).strip();
		var wait = throttle.blocked(null, request.getRemoteAddr());
		if (wait.isPresent()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait.get().toSeconds()));
			Problems.write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
					"Too many failed token authentications from this address; retry after " + wait.get().toSeconds() + " seconds"));
			return;
		}
		var match = jdbc.sql("""
				select t.id, t.kind, t.last_used_at, u.id as user_id, u.username, u.display_name, u.roles,
				       coalesce((select array_agg(r.region_code) from user_region r where r.user_id = u.id), '{}') as regions
				from api_token t join app_user u on u.id = t.user_id
				where t.token_hash = :hash and t.revoked_at is null and u.enabled""")
			.param("hash", Users.hash(secret))
			.query((rs, n) -> new TokenMatch(rs.getLong("id"), ApiToken.Kind.valueOf(rs.getString("kind")),
					new Viewer(rs.getLong("user_id"), rs.getString("username"), rs.getString("display_name"),
							Accounts.roles((String[]) rs.getArray("roles").getArray()), Set.of((String[]) rs.getArray("regions").getArray())),
					rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant()))
			.optional();
		if (match.isEmpty()) {
			throttle.failed(null, request.getRemoteAddr());
			response.setHeader("WWW-Authenticate", "Bearer realm=\"greenroom\", error=\"invalid_token\"");
			Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
					"The bearer token is unknown, revoked, or belongs to a disabled user"));
			return;
		}
		TokenMatch token = match.get();
		Viewer user = token.user();
		// only an integration token may ingest: a personal token acts as its user minus the integration role
		Set<Role> roles = token.kind() == ApiToken.Kind.INTEGRATION ? Set.of(Role.INTEGRATION)
				: user.roles().stream().filter(r -> r != Role.INTEGRATION).collect(java.util.stream.Collectors.toUnmodifiableSet());
		Viewer viewer = new Viewer(user.userId(), user.username(), user.displayName(), roles, user.regions());
		List<SimpleGrantedAuthority> authorities = viewer.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
		var authentication = UsernamePasswordAuthenticationToken.authenticated(viewer, null, authorities);
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		touch(token);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private void touch(TokenMatch token) {
		Instant now = clock.instant();
		if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
			jdbc.sql("update api_token set last_used_at = :now where id = :id")
				.param("now", Timestamp.from(now))
				.param("id", token.id())
				.update();
		}
	}

	private record TokenMatch(long id, ApiToken.Kind kind, Viewer user, Instant lastUsedAt) {
	}
}
