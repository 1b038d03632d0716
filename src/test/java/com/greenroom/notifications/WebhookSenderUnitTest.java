package com.greenroom.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.notifications.OutboxSender.Claimed;
import com.greenroom.notifications.OutboxSender.DeliveryFailure;
import com.greenroom.support.WebhookReceiver;

class WebhookSenderUnitTest {

	private final WebhookPoster poster = new WebhookPoster(Duration.ofSeconds(2), Duration.ofSeconds(5));

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aWebhookWhoseHostNowResolvesToThisMachineIsGivenUpAtDeliveryWithoutBeingPosted() {
		// the receiver listens on loopback: as if the saved name had since been re-pointed at this machine
		String url = WebhookReceiver.get().url("/rebound-" + UUID.randomUUID());
		WebhookSender refusing = new WebhookSender(poster, new WebhookHosts(false), json, "");

		assertThatThrownBy(() -> refusing.send(message(url))).isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
			assertThat(failure.outcome()).isEqualTo(DeliveryFailure.Outcome.GIVE_UP);
			assertThat(failure.getMessage()).contains("must reach a public address").contains("loopback");
		});
		assertThat(WebhookReceiver.get().delivered(url.substring(url.indexOf("/rebound-")))).isEmpty();
	}

	@Test
	void aDeploymentThatAllowsPrivateWebhooksStillPostsToThem() throws DeliveryFailure {
		String path = "/allowed-" + UUID.randomUUID();
		new WebhookSender(poster, new WebhookHosts(true), json, "").send(message(WebhookReceiver.get().url(path)));

		assertThat(WebhookReceiver.get().delivered(path)).hasSize(1);
	}

	private static Claimed message(String url) {
		return new Claimed(7, OutboxChannel.WEBHOOK, url, "Subject", "Body", "key-7", "test", 1, UUID.randomUUID());
	}
}
