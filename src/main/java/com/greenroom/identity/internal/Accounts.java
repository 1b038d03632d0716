package com.greenroom.identity.internal;

import java.util.List;

import com.greenroom.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Console sign-in: loads a user's password hash and roles. Users without a password cannot sign in. */
@Component
class Accounts implements UserDetailsService {

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return jdbc.sql("select username, password_hash, roles, enabled from app_user where username = :username and password_hash is not null")
			.param("username", username)
			.query((rs, n) -> {
				List<SimpleGrantedAuthority> authorities = java.util.Arrays.stream((String[]) rs.getArray("roles").getArray())
					.flatMap(r -> Role.parse(r).stream())
					.map(r -> new SimpleGrantedAuthority(r.authority()))
					.toList();
				return User.withUsername(rs.getString("username"))
					.password(rs.getString("password_hash"))
					.disabled(!rs.getBoolean("enabled"))
					.authorities(authorities)
					.build();
			})
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}
}
