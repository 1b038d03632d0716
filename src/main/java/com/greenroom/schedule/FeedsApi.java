package com.greenroom.schedule;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Secret iCalendar feed URLs over HTTP: make one (the URL is shown once), list yours, rotate, revoke. */
@RestController
@RequestMapping("/api/v1/calendar/feeds")
@Tag(name = "Calendar")
@SecurityRequirement(name = "bearer")
class FeedsApi {

	private final CalendarFeeds feeds;

	FeedsApi(CalendarFeeds feeds) {
		this.feeds = feeds;
	}

	@PostMapping
	@Operation(summary = "Make a feed of a region, a user (their events) or a creator; answers its secret url once")
	ResponseEntity<CalendarFeeds.IssuedFeed> create(Viewer viewer, @RequestBody FeedRequest body) {
		CalendarFeeds.IssuedFeed issued = feeds.create(viewer, body.scope(), body.id(), base());
		return ResponseEntity.created(URI.create("/api/v1/calendar/feeds/" + issued.feed().id())).body(issued);
	}

	@GetMapping
	@Operation(summary = "Your feeds (never their secrets)")
	List<CalendarFeeds.Feed> mine(Viewer viewer) {
		return feeds.mine(viewer);
	}

	@PostMapping("/{id}/rotate")
	@Operation(summary = "Give a feed a new secret url; the old one answers 404 from now on")
	CalendarFeeds.IssuedFeed rotate(Viewer viewer, @PathVariable long id) {
		return feeds.rotate(viewer, id, base());
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a feed; its url answers 404 from now on")
	CalendarFeeds.Feed revoke(Viewer viewer, @PathVariable long id) {
		return feeds.revoke(viewer, id);
	}

	/** {@code id} is a region code, a user id or a creator id, as {@code scope} says. */
	record FeedRequest(String scope, String id) {
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}
}
