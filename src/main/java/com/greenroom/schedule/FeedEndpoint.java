package com.greenroom.schedule;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /ical/{secret}.ics}: the public door of a feed, for calendar apps that cannot sign in. The secret is the
 * only credential; an unknown or revoked one is a bare 404 that tells nothing.
 */
@RestController
class FeedEndpoint {

	static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

	private final CalendarFeeds feeds;

	FeedEndpoint(CalendarFeeds feeds) {
		this.feeds = feeds;
	}

	@GetMapping("/ical/{secret}.ics")
	ResponseEntity<String> feed(@PathVariable String secret) {
		Optional<String> body = feeds.render(secret, ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
		if (body.isEmpty()) {
			return ResponseEntity.notFound().cacheControl(CacheControl.noStore()).build();
		}
		return ResponseEntity.ok().contentType(TEXT_CALENDAR).cacheControl(CacheControl.noCache().cachePrivate()).body(body.get());
	}

	/** The feed path needs no session, no CSRF and no token: it is matched before the console's chain. */
	@Configuration(proxyBeanMethods = false)
	static class FeedSecurity {

		@Bean
		@Order(0)
		SecurityFilterChain icalFeeds(HttpSecurity http) throws Exception {
			http.securityMatcher("/ical/**")
				.csrf(csrf -> csrf.disable())
				.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(cache -> cache.disable())
				.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
			return http.build();
		}
	}

}
