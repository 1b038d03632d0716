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

	private final WebhookHosts hosts;

	private final JsonMapper json;

	private final String secret;

	WebhookSender(WebhookPoster poster, WebhookHosts hosts, JsonMapper json, @Value("${greenroom.notifications.webhook.secret:}") String secret) {
		this.poster = poster;
		this.hosts = hosts;
		this.json = json;
		this.secret = secret.isBlank() ? null : secret;
	}

	@Override
	public OutboxChannel channel() {
		return OutboxChannel.WEBHOOK;
	}

	@Override
	public void send(Claimed message) throws DeliveryFailure {
		// checked when the URL was saved; checked again now, since what a name resolves to can change (DNS rebinding)
		java.util.Optional<String> refused = hosts.refusal(message.recipient());
		if (refused.isPresent()) {
			throw DeliveryFailure.giveUp("not posted to " + WebhookUrls.masked(message.recipient()) + ": the URL " + refused.get());
		}
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
