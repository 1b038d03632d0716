package com.greenroom.notifications;

/**
 * Where an outbox message goes: an email address over SMTP, an outbound webhook URL (Slack-compatible JSON),
 * or a creator in the streaming platform's app through the platform's in-app message webhook.
 */
public enum OutboxChannel {
	EMAIL, WEBHOOK, PLATFORM
}
