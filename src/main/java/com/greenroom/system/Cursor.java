package com.greenroom.system;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The one pagination style: an opaque keyset cursor holding the sort key and id of the last row
 * served. Clients pass it back unchanged; anything else is a 400 naming {@code cursor}.
 */
public record Cursor(String key, long id) {

	private static final char SEPARATOR = '\u001f';

	public String encode() {
		String raw = "v1" + SEPARATOR + id + SEPARATOR + key;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	public static Optional<Cursor> parse(String encoded) {
		if (encoded == null || encoded.isBlank()) {
			return Optional.empty();
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
			String[] parts = raw.split(String.valueOf(SEPARATOR), 3);
			// a key goes to PostgreSQL as a bound value, which cannot hold a NUL
			if (parts.length != 3 || !parts[0].equals("v1") || parts[2].indexOf('\0') >= 0) {
				throw invalid();
			}
			return Optional.of(new Cursor(parts[2], Long.parseLong(parts[1])));
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
	}

	/**
	 * The key as the instant of the last row served; a 400 naming {@code cursor} unless it is an instant in the years 0001 to
	 * 9999 ({@code +999999999-12-31T23:59:59Z} parses, and PostgreSQL then refused the bound value: a 500).
	 */
	public Instant instantKey() {
		return instant(key);
	}

	/** One part of a composite key as an instant, checked as {@link #instantKey()}. */
	public static Instant instant(String part) {
		if (part == null) {
			throw invalid();
		}
		try {
			Instant at = Instant.parse(part);
			if (!Checks.isStorable(at)) {
				throw invalid();
			}
			return at;
		}
		catch (DateTimeException ex) {
			throw invalid();
		}
	}

	/** Page size from a request: 1 to 500, 50 when absent. */
	public static int limit(Integer requested) {
		if (requested == null) {
			return 50;
		}
		if (requested < 1 || requested > 500) {
			throw new InvalidInputException("limit", "must be between 1 and 500");
		}
		return requested;
	}

	private static InvalidInputException invalid() {
		return new InvalidInputException("cursor", "is not a cursor issued by this server; start again without it");
	}
}
