package com.greenroom.system;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects every broken rule of one input before failing, so a client learns all of them at once.
 * {@link #throwIfAny()} raises an {@link InvalidInputException} naming each field.
 */
public final class Checks {

	private static final Set<String> COUNTRIES = new HashSet<>(Set.of(Locale.getISOCountries()));

	/**
	 * The documented safe character set of identifiers that become part of a URL (platform creator ids,
	 * stream and viewer ids): 1 to 128 of ASCII letters, digits and {@code . _ ~ : @ -}, starting with a
	 * letter or digit. Nothing in it needs encoding in a path segment.
	 */
	public static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._~:@-]{0,127}$");

	/** What a refused identifier is told. */
	public static final String SAFE_ID_RULE = "must be 1 to 128 ASCII letters, digits or . _ ~ : @ -, starting with a letter or digit";

	private static final Pattern LANGUAGE_TAG = Pattern.compile("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,}$");

	static {
		COUNTRIES.add("XK"); // Kosovo: user-assigned, but used by every platform
	}

	private final List<InvalidInputException.FieldError> errors = new ArrayList<>();

	public Checks require(boolean ok, String field, String reason) {
		if (!ok) {
			errors.add(new InvalidInputException.FieldError(field, reason));
		}
		return this;
	}

	/** Required text of bounded length; returns this for chaining. */
	public Checks text(String value, String field, int maxLength) {
		if (value == null || value.isBlank()) {
			return require(false, field, "is required");
		}
		return require(value.length() <= maxLength, field, "must be at most " + maxLength + " characters");
	}

	public Checks optionalText(String value, String field, int maxLength) {
		return value == null ? this : require(value.length() <= maxLength, field, "must be at most " + maxLength + " characters");
	}

	/** A required identifier in the {@link #SAFE_ID} set. */
	public Checks identifier(String value, String field) {
		if (value == null || value.isBlank()) {
			return require(false, field, "is required");
		}
		return require(isSafeId(value), field, SAFE_ID_RULE);
	}

	public static boolean isSafeId(String value) {
		return value != null && SAFE_ID.matcher(value).matches();
	}

	public Checks country(String value, String field) {
		return require(value != null && isCountry(value), field, "must be an ISO 3166-1 alpha-2 country code such as BR");
	}

	public Checks timeZone(String value, String field) {
		return require(value != null && isTimeZone(value), field, "must be an IANA time zone such as Asia/Singapore");
	}

	public Checks email(String value, String field) {
		return value == null || value.isBlank() ? this : require(EMAIL.matcher(value).matches(), field, "is not an email address");
	}

	/** The instants every store and client can hold: the years 0001 to 9999 (PostgreSQL's range is wider, Java's wider still). */
	public static final String STORABLE_TIME_RULE = "must be between the years 0001 and 9999";

	public static boolean isStorable(java.time.Instant instant) {
		return instant == null || !instant.isBefore(SafeJsonInput.EARLIEST) && !instant.isAfter(SafeJsonInput.LATEST);
	}

	/** A password bcrypt can hash in full: 12 characters to 72 bytes of UTF-8 (bcrypt ignores or refuses the rest). */
	public Checks password(String value, String field) {
		if (value == null) {
			return this;
		}
		require(value.length() >= 12, field, "must be at least 12 characters");
		return require(value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 72, field, "must be at most 72 bytes (UTF-8)");
	}

	/** Optional text as submitted: null when absent or blank, else stripped. */
	public static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	public boolean failed() {
		return !errors.isEmpty();
	}

	public void throwIfAny() {
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	public static boolean isCountry(String value) {
		return value != null && value.length() == 2 && COUNTRIES.contains(value);
	}

	/** A BCP 47 language tag with a known primary language, such as {@code pt-BR}. */
	public static boolean isLanguageTag(String value) {
		return value != null && value.length() <= 35 && LANGUAGE_TAG.matcher(value).matches()
				&& !Locale.forLanguageTag(value).getLanguage().isEmpty();
	}

	/** IANA region-based zone ids only: no bare offsets, no three-letter abbreviations. */
	public static boolean isTimeZone(String value) {
		return value != null && value.contains("/") && ZoneId.getAvailableZoneIds().contains(value) || "UTC".equals(value);
	}
}
