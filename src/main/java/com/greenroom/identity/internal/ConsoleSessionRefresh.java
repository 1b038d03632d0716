package com.greenroom.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes role and region changes take effect at once: for a signed-in console session, re-reads the
 * user by id on every request and authorises the request with their current roles and regions (the
 * session itself keeps only who signed in and under which epoch). A disabled or deleted user, or one
 * whose password changed since sign-in, loses the session there and then.
 */
class ConsoleSessionRefresh extends OncePerRequestFilter {

	private final Accounts accounts;

	ConsoleSessionRefresh(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser signedIn)) {
			chain.doFilter(request, response);
			return;
		}
		var current = accounts.current(signedIn.id()).filter(Accounts.Current::enabled).filter(c -> c.epoch() == signedIn.epoch());
		var context = SecurityContextHolder.createEmptyContext();
		if (current.isEmpty()) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
		}
		else {
			var viewer = current.get().viewer();
			var refreshed = UsernamePasswordAuthenticationToken.authenticated(viewer, null, Accounts.authorities(viewer.roles()));
			refreshed.setDetails(authentication.getDetails());
			context.setAuthentication(refreshed);
		}
		// for this request only: the session keeps the sign-in, never these roles
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}
}
