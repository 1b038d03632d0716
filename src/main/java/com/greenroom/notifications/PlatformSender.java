package com.greenroom.notifications;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The in-app channel to creators: one POST per recipient creator to the streaming platform's message webhook
 * ({@code greenroom.platform.webhook.url}), always signed with {@code greenroom.platform.webhook.secret}. With
 * either unset, messages fail at once with the reason (the platform must be able to tell Greenroom's messages
 * from anyone else's).
 */
@Component
class PlatformSender implements OutboxSender {

	private final WebhookPoster poster;

	private final JsonMapper json;

	private final String url;

	private final String secret;

	PlatformSender(WebhookPoster poster, JsonMapper json, WebhookHosts webhookHosts, @Value("${greenroom.platform.webhook.url:}") String url,
			@Value("${greenroom.platform.webhook.secret:}") String secret) {
		this.poster = poster;
		this.json = json;
		this.url = url.isBlank() ? null : url.strip();
		this.secret = secret.isBlank() ? null : secret;
		if (this.url != null) {
			webhookHosts.checkConfigured(this.url, "greenroom.platform.webhook.url");
		}
	}

	@Override
	public OutboxChannel channel() {
		return OutboxChannel.PLATFORM;
	}

	@Override
	public void send(Claimed message) throws DeliveryFailure {
		if (url == null) {
			throw DeliveryFailure.giveUp("the platform webhook is off: GREENROOM_PLATFORM_WEBHOOK_URL is not set");
		}
		if (secret == null) {
			throw DeliveryFailure.giveUp("the platform webhook is not signed: GREENROOM_PLATFORM_WEBHOOK_SECRET is not set");
		}
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("type", "greenroom.message");
		payload.put("creatorId", message.recipient());
		payload.put("subject", message.subject());
		payload.put("body", message.body());
		payload.put("source", message.source());
		payload.put("messageId", message.id());
		poster.post(url, json.writeValueAsBytes(payload), secret, message.id());
	}
}
