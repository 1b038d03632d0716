package com.greenroom.identity.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Console sign-in: loads a user's password hash, roles and session epoch; and, per request, the user's
 * current roles, regions and state by primary key. Users without a password cannot sign in.
 */
@Component
class Accounts implements UserDetailsService {

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return jdbc.sql("""
				select id, username, password_hash, roles, enabled, session_epoch from app_user
				where username = :username and password_hash is not null""")
			.param("username", username)
			.query((rs, n) -> new SignedInUser(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
					rs.getBoolean("enabled"), rs.getLong("session_epoch"), authorities(roles((String[]) rs.getArray("roles").getArray()))))
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	/** The user as they are now (one query by primary key), for a session that signed in earlier. */
	Optional<Current> current(long userId) {
		return jdbc.sql("""
				select u.id, u.username, u.display_name, u.roles, u.enabled, u.session_epoch,
				       coalesce((select array_agg(r.region_code) from user_region r where r.user_id = u.id), '{}') as regions
				from app_user u where u.id = :id""")
			.param("id", userId)
			.query((rs, n) -> new Current(new Viewer(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
					roles((String[]) rs.getArray("roles").getArray()), Set.of((String[]) rs.getArray("regions").getArray())),
					rs.getBoolean("enabled"), rs.getLong("session_epoch")))
			.optional();
	}

	static Set<Role> roles(String[] names) {
		return Arrays.stream(names).flatMap(r -> Role.parse(r).stream()).collect(Collectors.toUnmodifiableSet());
	}

	static List<SimpleGrantedAuthority> authorities(Set<Role> roles) {
		return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
	}

	/** A user's live state: who they are and may see, whether they may still sign in, and their session epoch. */
	record Current(Viewer viewer, boolean enabled, long epoch) {
	}
}
