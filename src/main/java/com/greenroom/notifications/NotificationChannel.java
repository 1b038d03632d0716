package com.greenroom.notifications;

/**
 * A channel a user can get their notices on: the console's inbox (always), email to their profile's address,
 * or a webhook (their own URL, else the team's).
 */
public enum NotificationChannel {
	IN_APP, EMAIL, WEBHOOK
}
