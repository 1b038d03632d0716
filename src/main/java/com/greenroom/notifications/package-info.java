/**
 * Notifications to Greenroom's users: the in-app inbox (and, per each user's choice per kind, further
 * channels through a durable outbox). Other modules call {@link com.greenroom.notifications.Notifications#notify}
 * inside their own transaction; a repeated notice for one event (same dedup key) is a no-op.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications",
		allowedDependencies = { "audit", "identity", "system" })
package com.greenroom.notifications;
