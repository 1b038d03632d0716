package com.greenroom.notifications;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;

import com.greenroom.system.Checks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where Greenroom may post webhooks: a URL whose host resolves only to public addresses. Loopback, private
 * (site-local, unique-local), link-local (cloud metadata), wildcard and multicast addresses are refused when the URL
 * is saved, unless {@code greenroom.notifications.allow-private-webhooks=true} (a test receiver on this machine, a
 * private deployment). The host is resolved with {@link InetAddress}; every address it resolves to must be public.
 */
@Component
class WebhookHosts {

	private final boolean allowPrivate;

	WebhookHosts(@Value("${greenroom.notifications.allow-private-webhooks:false}") boolean allowPrivate) {
		this.allowPrivate = allowPrivate;
	}

	/** Adds the URL rule ({@link WebhookUrls}) and, when the URL is well formed, the address rule for {@code field}. */
	Checks check(Checks checks, String value, String field) {
		boolean failedBefore = checks.failed();
		WebhookUrls.check(checks, value, field);
		if (!failedBefore && !checks.failed()) {
			refusal(value).ifPresent(reason -> checks.require(false, field, reason));
		}
		return checks;
	}

	/** For a URL read from configuration: the property's name and why it is refused, thrown at start-up. */
	void checkConfigured(String value, String property) {
		if (!WebhookUrls.isHttpUrl(value)) {
			throw new IllegalStateException(property + " must be an absolute http:// or https:// URL");
		}
		refusal(value).ifPresent(reason -> {
			throw new IllegalStateException(property + " " + reason);
		});
	}

	/** Why a well-formed http(s) URL may not be posted to, or empty when it may. */
	Optional<String> refusal(String url) {
		if (allowPrivate) {
			return Optional.empty();
		}
		String host;
		try {
			host = new URI(url).getHost();
		}
		catch (URISyntaxException ex) {
			return Optional.of("must be an absolute http:// or https:// URL");
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException | SecurityException ex) {
			return Optional.of("names a host that does not resolve: " + host);
		}
		for (InetAddress address : addresses) {
			String kind = nonPublic(address);
			if (kind != null) {
				return Optional.of("must reach a public address; " + host + " is " + kind + " (" + address.getHostAddress()
						+ "): webhooks to this machine or a private network are refused");
			}
		}
		return Optional.empty();
	}

	private static String nonPublic(InetAddress address) {
		if (address.isLoopbackAddress()) {
			return "a loopback address";
		}
		if (address.isAnyLocalAddress()) {
			return "the wildcard address";
		}
		if (address.isLinkLocalAddress()) {
			return "a link-local address";
		}
		if (address.isMulticastAddress()) {
			return "a multicast address";
		}
		if (address.isSiteLocalAddress() || isUniqueLocal(address)) {
			return "a private address";
		}
		return null;
	}

	/** IPv6 unique-local fc00::/7, which {@link InetAddress#isSiteLocalAddress()} (fec0::/10) does not cover. */
	private static boolean isUniqueLocal(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
	}
}
