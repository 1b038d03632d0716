package com.greenroom.identity.internal;

import java.time.Clock;

import com.greenroom.identity.Role;
import com.greenroom.identity.Users;
import com.greenroom.system.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two doors: the API and actuator take bearer tokens and keep no session; the console signs people in
 * with a form, a session and CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

	/** Roles of people (everyone but an ingest-only integration). */
	static final String[] PEOPLE = { Role.ADMIN.name(), Role.REGIONAL_LEAD.name(), Role.CREATOR_MANAGER.name(), Role.SAFETY.name(),
			Role.ANALYST.name() };

	/**
	 * No observation around each security filter, authentication and authorization: nothing reads them, and on
	 * every request they wrapped each of the chain's filters (the HTTP request's own observation stays).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, JdbcClient jdbc, Clock clock, SignInThrottle throttle) throws Exception {
		var tokens = new BearerTokenAuthentication(jdbc, clock, throttle);
		http.securityMatcher("/api/**", "/actuator/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(tokens, AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
				.requestMatchers("/actuator/**").hasAnyRole(Role.ADMIN.name(), Role.INTEGRATION.name())
				.requestMatchers("/api/v1/events/quarantine/**", "/api/v1/events/publications/**").hasRole(Role.ADMIN.name())
				.requestMatchers("/api/v1/events", "/api/v1/events/**").hasRole(Role.INTEGRATION.name())
				.requestMatchers("/api/v1/users", "/api/v1/users/**", "/api/v1/audit", "/api/v1/audit/**").hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.POST, "/api/v1/regions").hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.PATCH, "/api/v1/regions/**").hasRole(Role.ADMIN.name())
				.anyRequest().hasAnyRole(PEOPLE))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader("WWW-Authenticate", request.getHeader("Authorization") == null ? "Bearer realm=\"greenroom\""
							: "Bearer realm=\"greenroom\", error=\"invalid_token\"");
					Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
							"Send a valid API token as 'Authorization: Bearer <token>'"));
				})
				.accessDeniedHandler((request, response, ex) -> Problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN,
						"forbidden", "Forbidden", "This token's roles do not allow " + request.getMethod() + " " + request.getRequestURI()))));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain console(HttpSecurity http, Accounts accounts, SignInThrottle throttle) throws Exception {
		var signInThrottle = new SignInThrottleFilter(throttle);
		http.addFilterAfter(new ConsoleSessionRefresh(accounts), SecurityContextHolderFilter.class)
			.addFilterBefore(signInThrottle, UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
				.requestMatchers("/admin/onboarding", "/admin/onboarding/**").hasAnyRole(Role.ADMIN.name(), Role.REGIONAL_LEAD.name())
				.requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
				.anyRequest().hasAnyRole(PEOPLE))
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(signInThrottle).permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(
						"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}
}
