package com.greenroom.notifications;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.greenroom.notifications.OutboxSender.DeliveryFailure;
import com.greenroom.notifications.OutboxSender.DeliveryFailure.Outcome;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * POSTs one signed JSON body to a webhook, with timeouts, and sorts the result: 2xx delivered; a refused or
 * timed-out connection, 408, 429 or 5xx is retried; any other answer is given up; no answer after the request
 * went out is an unknown outcome (never retried automatically). Redirects are not followed.
 */
@Component
class WebhookPoster {

	static final String DELIVERY_HEADER = "X-Greenroom-Delivery";

	private final HttpClient http;

	private final Duration requestTimeout;

	WebhookPoster(@Value("${greenroom.outbox.http.connect-timeout:PT5S}") Duration connectTimeout,
			@Value("${greenroom.outbox.http.request-timeout:PT15S}") Duration requestTimeout) {
		this.http = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.requestTimeout = requestTimeout;
	}

	/** Posts {@code body}; signs it when {@code secret} is not null. */
	void post(String url, byte[] body, String secret, long messageId) throws DeliveryFailure {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(requestTimeout)
			.header("Content-Type", "application/json; charset=utf-8")
			.header("User-Agent", "Greenroom-Outbox")
			.header(DELIVERY_HEADER, Long.toString(messageId))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (secret != null) {
			request.header(Signatures.HEADER, Signatures.sign(secret, body));
		}
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpConnectTimeoutException | ConnectException ex) {
			throw new DeliveryFailure(Outcome.RETRY, "could not connect to " + WebhookUrls.masked(url) + ": " + describe(ex), ex);
		}
		catch (IOException ex) {
			throw new DeliveryFailure(Outcome.UNKNOWN, "no answer from " + WebhookUrls.masked(url) + " after the request went out: "
					+ describe(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeliveryFailure(Outcome.UNKNOWN, "interrupted while waiting for " + WebhookUrls.masked(url), ex);
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return;
		}
		String reason = "HTTP " + status + " from " + WebhookUrls.masked(url) + excerpt(response.body());
		if (status == 408 || status == 429 || status >= 500) {
			throw DeliveryFailure.retry(reason);
		}
		throw DeliveryFailure.giveUp(reason);
	}

	private static String describe(Exception ex) {
		return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getClass().getSimpleName() + " " + ex.getMessage();
	}

	private static String excerpt(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String flat = body.strip().replaceAll("\\s+", " ");
		return ": " + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
	}
}
