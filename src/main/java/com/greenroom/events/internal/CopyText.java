package com.greenroom.events.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

/**
 * Rows in PostgreSQL's COPY text format, written straight to UTF-8 bytes: columns separated by tabs,
 * {@code \N} for null, backslash escapes for backslash, newline, carriage return and tab. Built for the
 * append path, where the text of 5,000 events is written per batch; no intermediate strings.
 */
final class CopyText {

	private byte[] bytes;

	private int size;

	CopyText(int capacity) {
		this.bytes = new byte[Math.max(64, capacity)];
	}

	byte[] array() {
		return bytes;
	}

	int size() {
		return size;
	}

	/** Empties the text, keeping its array, to build the next chunk in it. */
	void clear() {
		size = 0;
	}

	CopyText tab() {
		return ascii('\t');
	}

	CopyText endRow() {
		return ascii('\n');
	}

	CopyText nul() {
		ensure(2);
		bytes[size++] = '\\';
		bytes[size++] = 'N';
		return this;
	}

	/** A text column, escaped; null as {@code \N}. */
	@SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, right for ASCII
	CopyText text(String value) {
		if (value == null) {
			return nul();
		}
		int n = value.length();
		ensure(n * 2);
		int plain = 0;
		while (plain < n) {
			char c = value.charAt(plain);
			if (c >= 0x80 || c == '\\' || c < 0x20) {
				break;
			}
			plain++;
		}
		// the plain ASCII prefix (usually the whole value) copied in one go: each char is its own byte
		value.getBytes(0, plain, bytes, size);
		size += plain;
		for (int i = plain; i < n; i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				switch (c) {
					case '\\' -> escaped('\\');
					case '\n' -> escaped('n');
					case '\r' -> escaped('r');
					case '\t' -> escaped('t');
					default -> bytes[size++] = (byte) c;
				}
			}
			else {
				i = utf8(value, i);
			}
		}
		return this;
	}

	/** Bytes already in COPY text form (such as another CopyText's), unchanged. */
	CopyText raw(byte[] text, int length) {
		ensure(length);
		System.arraycopy(text, 0, bytes, size, length);
		size += length;
		return this;
	}

	/** A timestamp column in UTC, such as {@code 2026-11-24T02:00:00.5Z}. */
	CopyText timestamp(Instant instant) {
		LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
		if (t.getYear() < 0 || t.getYear() > 9999) {
			return text(instant.toString());
		}
		ensure(32);
		digits(t.getYear(), 4).ascii('-').digits(t.getMonthValue(), 2).ascii('-').digits(t.getDayOfMonth(), 2).ascii('T');
		digits(t.getHour(), 2).ascii(':').digits(t.getMinute(), 2).ascii(':').digits(t.getSecond(), 2);
		if (t.getNano() != 0) {
			ascii('.').digits(t.getNano(), 9);
		}
		return ascii('Z');
	}

	/** A json column holding an object of string values; null or empty as {@code \N}. */
	CopyText jsonObject(Map<String, String> values) {
		if (values == null || values.isEmpty()) {
			return nul();
		}
		ascii('{');
		boolean first = true;
		for (Map.Entry<String, String> entry : values.entrySet()) {
			if (!first) {
				ascii(',');
			}
			first = false;
			jsonString(entry.getKey());
			ascii(':');
			jsonString(entry.getValue());
		}
		return ascii('}');
	}

	/** A JSON string (quotes, backslash and control characters escaped), then escaped again for COPY. */
	private void jsonString(String value) {
		ensure(value.length() * 3 + 2);
		bytes[size++] = '"';
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"') {
				ascii('\\').ascii('\\').ascii('"');
			}
			else if (c == '\\') {
				ascii('\\').ascii('\\').ascii('\\').ascii('\\');
			}
			else if (c < 0x20) {
				// a JSON escape (backslash, u, four hex digits), its backslash doubled for COPY
				ascii('\\').ascii('\\').ascii('u').ascii('0').ascii('0').ascii(HEX[c >> 4]).ascii(HEX[c & 0xF]);
			}
			else if (c < 0x80) {
				ascii(c);
			}
			else {
				i = utf8(value, i);
			}
		}
		ascii('"');
	}

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private void escaped(char c) {
		ensure(2);
		bytes[size++] = '\\';
		bytes[size++] = (byte) c;
	}

	private CopyText ascii(char c) {
		ensure(1);
		bytes[size++] = (byte) c;
		return this;
	}

	private CopyText digits(int value, int width) {
		ensure(width);
		for (int i = size + width - 1; i >= size; i--) {
			bytes[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		size += width;
		return this;
	}

	/** Writes the non-ASCII character at {@code i} (a surrogate pair as one code point); returns the last index used. */
	private int utf8(String value, int i) {
		ensure(4);
		int cp = value.codePointAt(i);
		if (cp < 0x800) {
			bytes[size++] = (byte) (0xC0 | cp >> 6);
			bytes[size++] = (byte) (0x80 | cp & 0x3F);
		}
		else if (cp < 0x10000) {
			if (Character.isSurrogate((char) cp)) {
				cp = '?'; // an unpaired surrogate has no UTF-8 form; String.getBytes writes '?' too
				bytes[size++] = (byte) cp;
				return i;
			}
			bytes[size++] = (byte) (0xE0 | cp >> 12);
			bytes[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
			bytes[size++] = (byte) (0x80 | cp & 0x3F);
		}
		else {
			bytes[size++] = (byte) (0xF0 | cp >> 18);
			bytes[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
			bytes[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
			bytes[size++] = (byte) (0x80 | cp & 0x3F);
			return i + 1;
		}
		return i;
	}

	private void ensure(int more) {
		if (size + more > bytes.length) {
			bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
		}
	}
}
