package com.greenroom.notifications;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The outbound webhook channel: a Slack-compatible JSON body ({@code text}, plus {@code subject}, {@code body},
 * {@code source} and {@code messageId} for other receivers) POSTed to the recipient URL, signed with
 * {@code greenroom.notifications.webhook.secret} when one is set (Slack's incoming webhooks need none).
 */
@Component
class WebhookSender implements OutboxSender {

	private final WebhookPoster poster;

	private final JsonMapper json;

	private final String secret;

	WebhookSender(WebhookPoster poster, JsonMapper json, @Value("${greenroom.notifications.webhook.secret:}") String secret) {
		this.poster = poster;
		this.json = json;
		this.secret = secret.isBlank() ? null : secret;
	}

	@Override
	public OutboxChannel channel() {
		return OutboxChannel.WEBHOOK;
	}

	@Override
	public void send(Claimed message) throws DeliveryFailure {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("text", message.body() == null || message.body().isBlank() ? message.subject()
				: "*" + message.subject() + "*\n" + message.body());
		payload.put("subject", message.subject());
		payload.put("body", message.body());
		payload.put("source", message.source());
		payload.put("messageId", message.id());
		poster.post(message.recipient(), json.writeValueAsBytes(payload), secret, message.id());
	}
}
