package com.greenroom.notifications;

import java.net.URI;
import java.net.URISyntaxException;

import com.greenroom.system.Checks;

/** The rule for every webhook URL Greenroom posts to: absolute http(s) with a host, at most 2,048 characters. */
final class WebhookUrls {

	static final int MAX_LENGTH = 2048;

	private WebhookUrls() {
	}

	static Checks check(Checks checks, String value, String field) {
		if (value == null || value.isBlank()) {
			return checks.require(false, field, "is required");
		}
		if (value.length() > MAX_LENGTH) {
			return checks.require(false, field, "must be at most " + MAX_LENGTH + " characters");
		}
		return checks.require(isHttpUrl(value), field, "must be an absolute http:// or https:// URL");
	}

	static boolean isHttpUrl(String value) {
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme();
			return uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
					&& ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * A webhook URL as admins see it: scheme, host and port only. The path of a Slack-style incoming webhook is
	 * its secret.
	 */
	static String masked(String value) {
		try {
			URI uri = new URI(value);
			return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
		}
		catch (URISyntaxException ex) {
			return "(invalid URL)";
		}
	}
}
