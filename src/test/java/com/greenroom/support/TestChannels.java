package com.greenroom.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application's outgoing channels at receivers in the test JVM before the context starts: SMTP at
 * {@link TestMail}, the platform's in-app webhook at {@link WebhookReceiver} ({@code /platform}), with known
 * signing secrets.
 */
public class TestChannels implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String PLATFORM_PATH = "/platform";

	public static final String PLATFORM_SECRET = "test-platform-webhook-secret";

	public static final String WEBHOOK_SECRET = "test-outbound-webhook-secret";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("testChannels", Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port",
					TestMail.get().port(), "greenroom.platform.webhook.url", WebhookReceiver.get().url(PLATFORM_PATH),
					"greenroom.platform.webhook.secret", PLATFORM_SECRET, "greenroom.notifications.webhook.secret", WEBHOOK_SECRET)));
	}
}
