package com.greenroom.identity.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the console's sign-in form with the {@link SignInThrottle}: a throttled account or address is
 * sent back to the login page with a clear message before its password is checked; a failed sign-in is
 * counted.
 */
class SignInThrottleFilter extends OncePerRequestFilter implements AuthenticationFailureHandler {

	private final SignInThrottle throttle;

	SignInThrottleFilter(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Duration> wait = throttle.blocked(request.getParameter("username"), request.getRemoteAddr());
		if (wait.isPresent()) {
			throttled(request, response, wait.get());
			return;
		}
		chain.doFilter(request, response);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		throttle.failed(request.getParameter("username"), request.getRemoteAddr());
		Optional<Duration> wait = throttle.blocked(request.getParameter("username"), request.getRemoteAddr());
		if (wait.isPresent()) {
			throttled(request, response, wait.get());
		}
		else {
			response.sendRedirect(request.getContextPath() + "/login?error");
		}
	}

	private static void throttled(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds()));
		response.sendRedirect(request.getContextPath() + "/login?throttled");
	}
}
