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
 * The IPv4 special-purpose ranges of RFC 6890 that reach no public host count as private too: "this network"
 * 0/8, shared address space 100.64/10 (carrier-grade NAT, often a cloud's internal network), IETF protocol
 * assignments 192.0.0/24, benchmarking 198.18/15 and the reserved 240/4; so do IPv6 addresses that embed such an
 * IPv4 address through the NAT64 prefix 64:ff9b::/96.
 * <p>
 * The rule is applied again just before each delivery ({@link WebhookSender}), so a name that resolved to a public
 * address when it was saved and to a private one later (DNS rebinding) is not posted to. The HTTP client resolves
 * the name once more when it connects; a resolver that answers differently within that instant is not caught.
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
		byte[] bytes = address.getAddress();
		if (bytes.length == 16 && isNat64(bytes)) {
			try {
				String embedded = nonPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
				return embedded == null ? null : embedded + " behind the NAT64 prefix";
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex); // four bytes are always an IPv4 address
			}
		}
		return bytes.length == 4 ? specialPurposeIpv4(bytes[0] & 0xff, bytes[1] & 0xff, bytes[2] & 0xff) : null;
	}

	/** The RFC 6890 IPv4 ranges that {@link InetAddress} does not classify and that reach no public host. */
	private static String specialPurposeIpv4(int a, int b, int c) {
		if (a == 0) {
			return "a \"this network\" address";
		}
		if (a == 100 && (b & 0xc0) == 64) {
			return "a shared (carrier-grade NAT) address";
		}
		if (a == 192 && b == 0 && c == 0) {
			return "an IETF protocol address";
		}
		if (a == 198 && (b & 0xfe) == 18) {
			return "a benchmarking address";
		}
		if (a >= 240) {
			return "a reserved address";
		}
		return null;
	}

	/** The well-known NAT64 prefix 64:ff9b::/96, whose last four bytes are an IPv4 address. */
	private static boolean isNat64(byte[] bytes) {
		if (bytes[0] != 0 || bytes[1] != 0x64 || bytes[2] != (byte) 0xff || bytes[3] != (byte) 0x9b) {
			return false;
		}
		for (int i = 4; i < 12; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	/** IPv6 unique-local fc00::/7, which {@link InetAddress#isSiteLocalAddress()} (fec0::/10) does not cover. */
	private static boolean isUniqueLocal(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
	}
}
