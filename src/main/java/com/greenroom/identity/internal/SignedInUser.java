package com.greenroom.identity.internal;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * What a console session keeps about its user: the id and the session epoch it signed in under. Roles,
 * regions and the enabled flag are not trusted from the session; {@link ConsoleSessionRefresh} re-reads
 * them on every request. The password hash is erased once sign-in has checked it.
 */
final class SignedInUser implements UserDetails, CredentialsContainer, Serializable {

	private final long id;

	private final String username;

	private String passwordHash;

	private final boolean enabled;

	private final long epoch;

	private final List<? extends GrantedAuthority> authorities;

	SignedInUser(long id, String username, String passwordHash, boolean enabled, long epoch, List<? extends GrantedAuthority> authorities) {
		this.id = id;
		this.username = username;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
		this.epoch = epoch;
		this.authorities = List.copyOf(authorities);
	}

	long id() {
		return id;
	}

	long epoch() {
		return epoch;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return authorities;
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	@Override
	public String toString() {
		return "SignedInUser[" + username + "]";
	}
}
