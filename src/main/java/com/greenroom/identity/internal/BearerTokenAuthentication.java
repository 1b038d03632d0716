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
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.system.Problems;
import com.greenroom.identity.Viewer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls by bearer token: looks the token up by its hash, refuses revoked tokens and
 * disabled users, and notes when it was last used (at most once a minute, to keep reads cheap).
 */
class BearerTokenAuthentication extends OncePerRequestFilter {

	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Users users;

	private final Clock clock;

	BearerTokenAuthentication(JdbcClient jdbc, Users users, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
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
		var match = jdbc.sql("""
				select t.id, t.kind, t.last_used_at, t.user_id from api_token t join app_user u on u.id = t.user_id
				where t.token_hash = :hash and t.revoked_at is null and u.enabled""")
			.param("hash", Users.hash(secret))
			.query((rs, n) -> new TokenMatch(rs.getLong("id"), ApiToken.Kind.valueOf(rs.getString("kind")), rs.getLong("user_id"),
					rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant()))
			.optional();
		if (match.isEmpty()) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"greenroom\", error=\"invalid_token\"");
			Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
					"The bearer token is unknown, revoked, or belongs to a disabled user"));
			return;
		}
		TokenMatch token = match.get();
		UserSummary user = users.find(token.userId()).orElseThrow();
		Viewer viewer = token.kind() == ApiToken.Kind.INTEGRATION
				? new Viewer(user.id(), user.username(), user.displayName(), Set.of(Role.INTEGRATION), Set.copyOf(user.regions()))
				: users.viewerOf(user);
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

	private record TokenMatch(long id, ApiToken.Kind kind, long userId, Instant lastUsedAt) {
	}
}
