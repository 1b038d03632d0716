package com.greenroom.notifications;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import com.greenroom.notifications.NotificationPreferences.Preferences;
import com.greenroom.notifications.NotificationPreferences.PreferencesChange;
import com.greenroom.notifications.Outbox.OutboxEntry;
import com.greenroom.system.Cursor;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's notifications and channel preferences, and the outbox for admins, over HTTP. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Notifications", description = "Your in-app notices, your channels per kind, and the delivery outbox (admins)")
@SecurityRequirement(name = "bearer")
class NotificationsApi {

	private final Notifications notifications;

	private final NotificationPreferences preferences;

	private final Outbox outbox;

	NotificationsApi(Notifications notifications, NotificationPreferences preferences, Outbox outbox) {
		this.notifications = notifications;
		this.preferences = preferences;
		this.outbox = outbox;
	}

	@GetMapping("/notifications")
	@Operation(summary = "Your notices, newest first, cursor-paginated; unread=true leaves out the read ones")
	PageOf<InboxEntry> list(Viewer viewer, @RequestParam(required = false) Boolean unread, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return notifications.page(viewer.userId(), Boolean.TRUE.equals(unread), cursor, Cursor.limit(limit));
	}

	@GetMapping("/notifications/unread-count")
	@Operation(summary = "How many of your notices are unread")
	Map<String, Integer> unreadCount(Viewer viewer) {
		return Map.of("unread", notifications.unreadCount(viewer.userId()));
	}

	@PostMapping("/notifications/{id}/read")
	@Operation(summary = "Mark one of your notices read (a read one stays as it is)")
	InboxEntry read(Viewer viewer, @PathVariable long id) {
		notifications.markRead(viewer.userId(), id);
		return notifications.find(viewer.userId(), id).orElseThrow(() -> new NotFoundException("Notification", id));
	}

	@PostMapping("/notifications/read-all")
	@Operation(summary = "Mark all your notices read; answers how many were unread")
	Map<String, Integer> readAll(Viewer viewer) {
		return Map.of("marked", notifications.markAllRead(viewer.userId()));
	}

	@GetMapping("/notification-preferences")
	@Operation(summary = "Your channels per notice kind (IN_APP is always on), your webhook URL, and what email and the team webhook can reach")
	Preferences preferences(Viewer viewer) {
		return preferences.of(viewer.userId());
	}

	@PutMapping("/notification-preferences")
	@Operation(
			summary = "Replace your channels per kind (kinds not listed: IN_APP only) and your webhook URL (absent: none, the team webhook is used)")
	Preferences replace(Viewer viewer, @RequestBody PreferencesChange change) {
		return preferences.replace(viewer.userId(), change);
	}

	@GetMapping("/outbox")
	@Operation(
			summary = "Outbox messages newest first, optionally of one status (QUEUED, SENDING, SENT, FAILED), with attempts and failure reasons (admins)")
	PageOf<OutboxEntry> outbox(Viewer viewer, @RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		requireAdmin(viewer);
		return outbox.list(status == null ? null : status.strip().toUpperCase(java.util.Locale.ROOT), cursor, Cursor.limit(limit));
	}

	@PostMapping("/outbox/{id}/retry")
	@Operation(summary = "Queue a failed message again, due now with fresh attempts (admins; audited)")
	Delivery retry(Viewer viewer, @PathVariable long id) {
		requireAdmin(viewer);
		return outbox.retry(id);
	}

	private static void requireAdmin(Viewer viewer) {
		if (!viewer.isAdmin()) {
			throw new AccessDeniedException("Only admins see the outbox");
		}
	}
}
