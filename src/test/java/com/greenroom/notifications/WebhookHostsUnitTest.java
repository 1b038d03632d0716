package com.greenroom.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;

class WebhookHostsUnitTest {

	private final WebhookHosts refusing = new WebhookHosts(false);

	@Test
	void aWebhookToThisMachineOrAPrivateNetworkIsRefusedNamingTheField() {
		for (String url : new String[] { "http://127.0.0.1:8080/hook", "http://localhost/hook", "https://[::1]/hook", "http://0.0.0.0/",
				"http://10.1.2.3/hook", "http://172.16.0.9/hook", "http://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data",
				"http://[fe80::1]/hook", "http://[fd12:3456::1]/hook", "http://224.0.0.1/hook", "http://[::ffff:127.0.0.1]/hook" }) {
			assertThatThrownBy(() -> refusing.check(new Checks(), url, "webhookUrl").throwIfAny()).as(url)
				.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
					assertThat(ex.errors()).hasSize(1);
					assertThat(ex.errors().get(0).field()).isEqualTo("webhookUrl");
				});
		}
		assertThat(refusing.refusal("http://10.0.0.1/x")).hasValueSatisfying(reason -> assertThat(reason).contains("private address"));
		assertThat(refusing.refusal("http://127.0.0.1/x")).hasValueSatisfying(reason -> assertThat(reason).contains("loopback"));
		assertThat(refusing.refusal("http://169.254.169.254/x")).hasValueSatisfying(reason -> assertThat(reason).contains("link-local"));
		assertThat(refusing.refusal("http://239.1.1.1/x")).hasValueSatisfying(reason -> assertThat(reason).contains("multicast"));
	}

	@Test
	void specialPurposeAddressesThatReachNoPublicHostAreRefused() {
		assertThat(refusing.refusal("http://100.64.0.1/x")).hasValueSatisfying(reason -> assertThat(reason).contains("carrier-grade NAT"));
		assertThat(refusing.refusal("http://100.127.255.254/x")).hasValueSatisfying(reason -> assertThat(reason).contains("carrier-grade NAT"));
		assertThat(refusing.refusal("http://0.1.2.3/x")).hasValueSatisfying(reason -> assertThat(reason).contains("this network"));
		assertThat(refusing.refusal("http://192.0.0.8/x")).hasValueSatisfying(reason -> assertThat(reason).contains("IETF"));
		assertThat(refusing.refusal("http://198.19.1.1/x")).hasValueSatisfying(reason -> assertThat(reason).contains("benchmarking"));
		assertThat(refusing.refusal("http://255.255.255.255/x")).hasValueSatisfying(reason -> assertThat(reason).contains("reserved"));
		assertThat(refusing.refusal("http://[64:ff9b::a00:1]/x"))
			.hasValueSatisfying(reason -> assertThat(reason).contains("private address behind the NAT64 prefix"));
		// the neighbours of those ranges are public
		assertThat(refusing.refusal("http://100.128.0.1/x")).isEmpty();
		assertThat(refusing.refusal("http://198.20.0.1/x")).isEmpty();
		assertThat(refusing.refusal("http://[64:ff9b::808:808]/x")).isEmpty();
	}

	@Test
	void aWebhookToAPublicAddressIsAccepted() {
		assertThat(refusing.refusal("https://93.184.215.14/hooks/abc")).isEmpty();
		assertThat(refusing.refusal("https://[2606:4700::1111]/hooks/abc")).isEmpty();
		refusing.check(new Checks(), "https://8.8.8.8/hook", "webhookUrl").throwIfAny();
	}

	@Test
	void aPrivateDeploymentMayAllowPrivateWebhooks() {
		assertThat(new WebhookHosts(true).refusal("http://127.0.0.1:8080/hook")).isEmpty();
	}

	@Test
	void aMalformedUrlIsRefusedOnceForItsFormNotAgainForItsHost() {
		assertThatThrownBy(() -> refusing.check(new Checks(), "ftp://127.0.0.1/x", "recipient").throwIfAny())
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.errors()).hasSize(1);
				assertThat(ex.errors().get(0).reason()).contains("http:// or https://");
			});
	}

	@Test
	void aConfiguredPlatformWebhookOnAPrivateAddressStopsStartUpNamingTheProperty() {
		assertThatThrownBy(() -> refusing.checkConfigured("http://192.168.0.10/platform", "greenroom.platform.webhook.url"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("greenroom.platform.webhook.url must reach a public address");
	}
}
