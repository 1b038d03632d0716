package com.greenroom.notifications;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every webhook Greenroom sends: {@code X-Greenroom-Signature: sha256=<hex>}, the HMAC-SHA256
 * of the exact request body under the shared secret. A receiver recomputes it over the raw body and compares
 * in constant time.
 */
final class Signatures {

	static final String HEADER = "X-Greenroom-Signature";

	private Signatures() {
	}

	static String sign(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}
}
